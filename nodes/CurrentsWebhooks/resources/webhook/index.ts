import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { z } from 'zod/v4';

import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';
import * as update from './update';

/** One operation of the Webhook resource: its dropdown entry, its fields, what it outputs, how it runs. */
export interface WebhookOperation {
	option: INodePropertyOptions;
	description: INodeProperties[];
	/** Built on call: only the build (the `__schema__` previews) and the tests need it. */
	output: () => z.ZodType;
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]>;
}

/**
 * Every operation, keyed by its value: the node's Operation options, its properties, its execute()
 * dispatch and its output-schema previews are all read from this map. In the dropdown's order.
 */
export const webhookOperations: Record<string, WebhookOperation> = {
	create,
	delete: del,
	get,
	list,
	update,
};
