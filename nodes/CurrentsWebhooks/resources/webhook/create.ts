import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { operationOption } from '../../../shared/operations';
import { createWebhook, type WebhookFields } from '../../../Currents/api';
import { webhookSchema } from '../../../Currents/catalog';
import { projectLocator } from '../../../Currents/projectLocator';
import { headerValuesOf, urlSecretsOf } from '../../../Currents/redact';
import { checkEvents, checkLabel, checkUrl, encodeHeaders } from '../../../Currents/validation';
import {
	headerPairs,
	hookEvents,
	labelField,
	revealHeaderValuesField,
	show,
	urlDescription,
} from './fields';
import { projectIdOf, webhookExecute, type HeaderPairs } from './operation';

export const option = operationOption(
	'create',
	'Create a webhook in a project',
	'Create a webhook',
);

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

export const execute = webhookExecute(async (ctx, i, sent) => {
	const projectId = projectIdOf(ctx, i);
	const extra = ctx.getNodeParameter('additionalFields', i, {}) as {
		label?: string;
		headers?: HeaderPairs;
	};
	const fields: WebhookFields & { url: string } = {
		url: checkUrl(ctx.getNodeParameter('url', i)),
		hookEvents: checkEvents(ctx.getNodeParameter('hookEvents', i)),
	};
	if (extra.label !== undefined) fields.label = checkLabel(extra.label);
	if (extra.headers?.header?.length) fields.headers = encodeHeaders(extra.headers.header);
	sent.push(...headerValuesOf(fields.headers), ...urlSecretsOf(fields.url));
	// createWebhook sends the POST once and, after an ambiguous failure, finds the hook it made.
	return [(await createWebhook(ctx, projectId, fields)) as IDataObject];
});
