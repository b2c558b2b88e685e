import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { deleteHook, runWebhookOperation } from '../../../Currents/webhookOperations';
import { hookIdField, show } from './fields';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a webhook',
	action: 'Delete a webhook',
};

export const description: INodeProperties[] = [{ ...hookIdField, displayOptions: show('delete') }];

export const output = () => z.object({ deleted: z.literal(true), hookId: z.string() });

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await runWebhookOperation(this, i, deleteHook);
}
