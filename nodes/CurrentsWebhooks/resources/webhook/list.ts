import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { webhookSchema } from '../../../Currents/catalog';
import { projectLocator } from '../../../Currents/projectLocator';
import { listHooks, runWebhookOperation } from '../../../Currents/webhookOperations';
import { revealHeaderValuesField, show } from './fields';

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

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await runWebhookOperation(this, i, listHooks);
}
