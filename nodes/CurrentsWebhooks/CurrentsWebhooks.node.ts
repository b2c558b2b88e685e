import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { currentsEvents } from '../Currents/catalog';
import { searchProjects, projectLocator } from '../Currents/projectLocator';
import { runWebhookOperation } from '../Currents/webhookOperations';
import { FieldError } from '../Currents/validation';
import { eventOptions } from '../shared/catalog';
import { forItem } from '../shared/errors';

const show = (...operation: string[]) => ({ show: { resource: ['webhook'], operation } });

const headerPairs = {
	displayName: 'Headers',
	name: 'headers',
	type: 'fixedCollection' as const,
	typeOptions: { multipleValues: true },
	placeholder: 'Add Header',
	default: {},
	description: 'Custom headers Currents sends with every delivery (sent to the API as a JSON string, at most 4096 characters)',
	options: [
		{
			displayName: 'Header',
			name: 'header',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string' as const, default: '' },
				{ displayName: 'Value', name: 'value', type: 'string' as const, default: '' },
			],
		},
	],
};

const hookEvents = {
	displayName: 'Events',
	name: 'hookEvents',
	type: 'multiOptions' as const,
	options: eventOptions(currentsEvents),
	default: ['RUN_FINISH'],
	description: 'Run events the webhook is sent for',
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
		description: 'List, create, update and delete Currents webhooks through the Currents REST API (n8n-nodes-testops)',
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
				options: [
					{ name: 'Create', value: 'create', description: 'Create a webhook in a project', action: 'Create a webhook' },
					{ name: 'Delete', value: 'delete', description: 'Delete a webhook', action: 'Delete a webhook' },
					{ name: 'Get', value: 'get', description: 'Get a webhook by ID', action: 'Get a webhook' },
					{ name: 'List', value: 'list', description: 'List the webhooks of a project', action: 'List webhooks' },
					{ name: 'Update', value: 'update', description: 'Change some fields of a webhook', action: 'Update a webhook' },
				],
				default: 'list',
			},
			{ ...projectLocator, displayOptions: show('create', 'list') },
			{
				displayName: 'Webhook ID',
				name: 'hookId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
				description: 'The webhook UUID (globally unique, so no project is needed)',
				displayOptions: show('get', 'update', 'delete'),
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. https://n8n.example.com/webhook/currents',
				description: 'Where Currents POSTs run events (http or https, at most 2048 characters)',
				displayOptions: show('create'),
			},
			{ ...hookEvents, displayOptions: show('create') },
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: show('create'),
				options: [
					headerPairs,
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						description: 'Human-readable label (1 to 255 characters)',
					},
				],
			},
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: show('update'),
				options: [
					{ ...hookEvents, default: [] },
					headerPairs,
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						description: 'Human-readable label (1 to 255 characters)',
					},
					{
						displayName: 'Remove All Headers',
						name: 'clearHeaders',
						type: 'boolean',
						default: false,
						description: 'Whether to remove every custom header from the webhook',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						description: 'Where Currents POSTs run events (http or https, at most 2048 characters)',
					},
				],
			},
			{
				displayName: 'Reveal Header Values',
				name: 'revealHeaderValues',
				type: 'boolean',
				default: false,
				description:
					'Whether to output the values of the webhook\'s custom headers. Off, each value reads **redacted**: they are usually secrets (the Currents Trigger\'s x-webhook-secret), and output is stored with every execution and may reach an AI model.',
				displayOptions: show('list', 'get', 'create', 'update'),
			},
		],
	};

	methods = { listSearch: { searchProjects } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const results = await runWebhookOperation(this, i);
				for (const json of results) out.push({ json, pairedItem: { item: i } });
			} catch (error) {
				let failure: Error;
				if (error instanceof FieldError) {
					failure = new NodeOperationError(this.getNode(), error.message, {
						itemIndex: i,
						description: `Check the "${error.field}" field`,
					});
				} else {
					failure = forItem(this, error, i);
				}
				if (this.continueOnFail()) {
					out.push({ json: { error: failure.message } as IDataObject, pairedItem: { item: i } });
					continue;
				}
				throw failure;
			}
		}
		return [out];
	}
}
