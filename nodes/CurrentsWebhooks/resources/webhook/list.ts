import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { operationOption } from '../../../shared/operations';
import { listWebhooks } from '../../../Currents/api';
import { webhookSchema } from '../../../Currents/catalog';
import { projectLocator } from '../../../Currents/projectLocator';
import { revealHeaderValuesField, show } from './fields';
import { projectIdOf, webhookExecute } from './operation';

export const option = operationOption('list', 'List the webhooks of a project', 'List webhooks');

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: show('list') },
	{ ...revealHeaderValuesField, displayOptions: show('list') },
];

/** One item per webhook. */
export const output = webhookSchema;

export const execute = webhookExecute(
	async (ctx, i) => (await listWebhooks(ctx, projectIdOf(ctx, i))) as IDataObject[],
);
