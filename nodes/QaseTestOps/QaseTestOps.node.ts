import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { itemFailure } from '../shared/errors';

import { getSeverities, searchProjects } from './api';
import { customApiCallError, isCustomApiCall, type CustomApi } from '../shared/customApiCall';
import type { QaseOperation } from './operation';
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
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		const batches = new Map<QaseOperation, number[]>();
		const fail = (error: unknown, i: number): void => {
			const failure = itemFailure(this, error, i);
			if (!this.continueOnFail()) throw failure;
			out.push({ json: { error: failure.message } as IDataObject, pairedItem: { item: i } });
		};
		for (let i = 0; i < items.length; i++) {
			// n8n's own "Custom API Call" entry (no expressions allowed here): a setting, not an item
			// failure, so it is thrown even with Continue On Fail.
			const resource = this.getNodeParameter('resource', i) as string;
			if (isCustomApiCall(resource, this.getNodeParameter('operation', i, '')))
				throw customApiCallError(this.getNode(), i, QASE_API);
			try {
				const name = this.getNodeParameter('operation', i) as string;
				const operation = resources[resource]?.operations[name];
				if (!operation) {
					throw new NodeOperationError(
						this.getNode(),
						`Unsupported operation "${name}" of resource "${resource}"`,
						{ itemIndex: i },
					);
				}
				if (operation.executeAll) {
					// Sent together after the loop: one request for all the items (Result: Create Many).
					batches.set(operation, [...(batches.get(operation) ?? []), i]);
					continue;
				}
				const results = await operation.execute!.call(this, i);
				for (const json of results) out.push({ json, pairedItem: { item: i } });
			} catch (error) {
				fail(error, i);
			}
		}
		for (const [operation, indexes] of batches) {
			out.push(...(await operation.executeAll!.call(this, indexes)));
		}
		return [out];
	}
}
