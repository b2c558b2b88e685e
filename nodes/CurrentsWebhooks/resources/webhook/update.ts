import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { webhookSchema } from '../../../Currents/catalog';
import { updateHook, runWebhookOperation } from '../../../Currents/webhookOperations';
import {
	headerPairs,
	hookEvents,
	hookIdField,
	labelField,
	revealHeaderValuesField,
	show,
	urlDescription,
} from './fields';

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	description: 'Change some fields of a webhook',
	action: 'Update a webhook',
};

export const description: INodeProperties[] = [
	{ ...hookIdField, displayOptions: show('update') },
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
			labelField,
			{
				displayName: 'Remove All Headers',
				name: 'clearHeaders',
				type: 'boolean',
				default: false,
				description: 'Whether to remove every custom header from the webhook',
			},
			{ displayName: 'URL', name: 'url', type: 'string', default: '', description: urlDescription },
		],
	},
	{ ...revealHeaderValuesField, displayOptions: show('update') },
];

export const output = webhookSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await runWebhookOperation(this, i, updateHook);
}
