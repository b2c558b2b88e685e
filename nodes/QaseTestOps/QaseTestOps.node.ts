import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { getSeverities, searchProjects } from './api';
import { executeOperations } from '../shared/actionNode';
import type { CustomApi } from '../shared/customApiCall';
import { resources } from './resources';

const operationProperties: INodeProperties[] = Object.entries(resources).map(
	([resource, { operations, defaultOperation }]) => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: Object.values(operations).map((op) => op.option),
		default: defaultOperation,
	}),
);

const QASE_API: CustomApi = {
	vendor: 'Qase',
	credential: 'Qase TestOps API',
	secret: 'API token',
	api: 'Qase API v1',
	url: 'https://api.qase.io/v1/...',
};

export class QaseTestOps implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qase TestOps',
		name: 'qaseTestOps',
		icon: { light: 'file:../Qase/qase.svg', dark: 'file:../Qase/qase.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and complete test runs, record results, file defects and read test cases in Qase (n8n-nodes-testops)',
		defaults: { name: 'Qase' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'qaseTestOpsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: Object.values(resources).map((r) => r.option),
				default: 'run',
			},
			...operationProperties,
			...Object.values(resources).flatMap((r) =>
				Object.values(r.operations).flatMap((op) => op.description),
			),
		],
	};

	methods = { listSearch: { searchProjects }, loadOptions: { getSeverities } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, QASE_API, (i) => {
			const resource = this.getNodeParameter('resource', i) as string;
			const name = this.getNodeParameter('operation', i) as string;
			const operation = resources[resource]?.operations[name];
			if (!operation) {
				throw new NodeOperationError(
					this.getNode(),
					`Unsupported operation "${name}" of resource "${resource}"`,
					{ itemIndex: i },
				);
			}
			return operation;
		});
	}
}
