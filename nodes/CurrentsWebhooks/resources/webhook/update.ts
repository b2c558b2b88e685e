import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { FieldError } from '../../../shared/errors';
import { operationOption } from '../../../shared/operations';
import { updateWebhook, type WebhookFields } from '../../../Currents/api';
import { webhookSchema } from '../../../Currents/catalog';
import { headerValuesOf, urlSecretsOf } from '../../../Currents/redact';
import { checkEvents, checkLabel, checkUrl, encodeHeaders } from '../../../Currents/validation';
import {
	headerPairs,
	hookEvents,
	hookIdField,
	labelField,
	revealHeaderValuesField,
	show,
	urlDescription,
} from './fields';
import { hookIdOf, notFoundOr, webhookExecute, type HeaderPairs } from './operation';

export const option = operationOption(
	'update',
	'Change some fields of a webhook',
	'Update a webhook',
);

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

export const execute = webhookExecute(async (ctx, i, sent) => {
	const hookId = hookIdOf(ctx, i);
	const upd = ctx.getNodeParameter('updateFields', i, {}) as {
		url?: string;
		label?: string;
		hookEvents?: string[];
		headers?: HeaderPairs;
		clearHeaders?: boolean;
	};
	const fields: WebhookFields = {};
	if (upd.url !== undefined) fields.url = checkUrl(upd.url);
	if (upd.label !== undefined) fields.label = checkLabel(upd.label);
	if (upd.hookEvents !== undefined && upd.hookEvents.length > 0)
		fields.hookEvents = checkEvents(upd.hookEvents);
	if (upd.clearHeaders) fields.headers = null;
	else if (upd.headers?.header?.length) fields.headers = encodeHeaders(upd.headers.header);
	sent.push(...headerValuesOf(fields.headers), ...urlSecretsOf(fields.url));
	if (Object.keys(fields).length === 0) {
		throw new FieldError('Update Fields', 'Update Fields: add at least one field to change');
	}
	try {
		return [(await updateWebhook(ctx, hookId, fields)) as IDataObject];
	} catch (error) {
		throw notFoundOr(ctx, error, hookId, i);
	}
});
