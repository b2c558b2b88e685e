import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { searchProjects } from '../Currents/projectLocator';

import { executeOperations } from '../shared/actionNode';
import type { CustomApi } from '../shared/customApiCall';
import { webhookOperations } from './resources/webhook';

const CURRENTS_API: CustomApi = {
	vendor: 'Currents',
	credential: 'Currents TestOps API',
	secret: 'API key',
	api: 'Currents REST API',
	url: 'https://api.currents.dev/v1/...',
};

export class CurrentsWebhooks implements INodeType {
	description: INodeTypeDescription = {
		// Named apart from n8n 2.x's own "Currents" node; the type name saved workflows use is unchanged.
		displayName: 'Currents TestOps Webhooks',
		name: 'currentsWebhooks',
		icon: { light: 'file:../Currents/currents.svg', dark: 'file:../Currents/currents.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'List, create, update and delete Currents webhooks through the Currents REST API (n8n-nodes-testops)',
		defaults: { name: 'Currents Webhooks' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'currentsTestOpsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Webhook', value: 'webhook' }],
				default: 'webhook',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['webhook'] } },
				options: Object.values(webhookOperations).map((op) => op.option),
				default: 'list',
			},
			...Object.values(webhookOperations).flatMap((op) => op.description),
		],
	};

	methods = { listSearch: { searchProjects } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, CURRENTS_API, (i) => {
			const operation = webhookOperations[this.getNodeParameter('operation', i) as string];
			if (!operation) {
				throw new NodeOperationError(
					this.getNode(),
					`Unsupported operation "${this.getNodeParameter('operation', i)}"`,
					{ itemIndex: i },
				);
			}
			return operation;
		});
	}
}
