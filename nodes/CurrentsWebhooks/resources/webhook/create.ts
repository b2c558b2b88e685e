import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { webhookSchema } from '../../../Currents/catalog';
import { projectLocator } from '../../../Currents/projectLocator';
import { createHook, runWebhookOperation } from '../../../Currents/webhookOperations';
import {
	headerPairs,
	hookEvents,
	labelField,
	revealHeaderValuesField,
	show,
	urlDescription,
} from './fields';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	description: 'Create a webhook in a project',
	action: 'Create a webhook',
};

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: show('create') },
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/currents',
		description: urlDescription,
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
		options: [headerPairs, labelField],
	},
	{ ...revealHeaderValuesField, displayOptions: show('create') },
];

export const output = webhookSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await runWebhookOperation(this, i, createHook);
}
