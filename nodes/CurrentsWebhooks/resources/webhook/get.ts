import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { operationOption } from '../../../shared/operations';
import { getWebhook } from '../../../Currents/api';
import { webhookSchema } from '../../../Currents/catalog';
import { hookIdField, revealHeaderValuesField, show } from './fields';
import { hookIdOf, notFoundOr, webhookExecute } from './operation';

export const option = operationOption('get', 'Get a webhook by ID', 'Get a webhook');

export const description: INodeProperties[] = [
	{ ...hookIdField, displayOptions: show('get') },
	{ ...revealHeaderValuesField, displayOptions: show('get') },
];

export const output = webhookSchema;

export const execute = webhookExecute(async (ctx, i) => {
	const hookId = hookIdOf(ctx, i);
	try {
		return [(await getWebhook(ctx, hookId)) as IDataObject];
	} catch (error) {
		throw notFoundOr(ctx, error, hookId, i);
	}
});
