import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { webhookSchema } from '../../../Currents/catalog';
import { getHook, runWebhookOperation } from '../../../Currents/webhookOperations';
import { hookIdField, revealHeaderValuesField, show } from './fields';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description: 'Get a webhook by ID',
	action: 'Get a webhook',
};

export const description: INodeProperties[] = [
	{ ...hookIdField, displayOptions: show('get') },
	{ ...revealHeaderValuesField, displayOptions: show('get') },
];

export const output = webhookSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await runWebhookOperation(this, i, getHook);
}
