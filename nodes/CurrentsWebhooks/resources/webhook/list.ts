import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listWebhooks } from '../../../Currents/api';
import { webhookSchema } from '../../../Currents/catalog';
import { projectLocator } from '../../../Currents/projectLocator';
import { revealHeaderValuesField, show } from './fields';
import { projectIdOf, webhookExecute } from './operation';

export const option: INodePropertyOptions = {
	name: 'List',
	value: 'list',
	description: 'List the webhooks of a project',
	action: 'List webhooks',
};

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: show('list') },
	{ ...revealHeaderValuesField, displayOptions: show('list') },
];

/** One item per webhook. */
export const output = webhookSchema;

export const execute = webhookExecute(
	async (ctx, i) => (await listWebhooks(ctx, projectIdOf(ctx, i))) as IDataObject[],
);
