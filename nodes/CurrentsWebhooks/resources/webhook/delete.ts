import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { operationOption } from '../../../shared/operations';
import { deleteWebhook } from '../../../Currents/api';
import { hookIdField, show } from './fields';
import { hookIdOf, notFoundOr, webhookExecute } from './operation';

export const option = operationOption('delete', 'Delete a webhook', 'Delete a webhook');

export const description: INodeProperties[] = [{ ...hookIdField, displayOptions: show('delete') }];

export const output = () => z.object({ deleted: z.literal(true), hookId: z.string() });

export const execute = webhookExecute(async (ctx, i) => {
	const hookId = hookIdOf(ctx, i);
	if (!(await deleteWebhook(ctx, hookId))) throw notFoundOr(ctx, { httpCode: '404' }, hookId, i);
	return [{ deleted: true, hookId }];
});
