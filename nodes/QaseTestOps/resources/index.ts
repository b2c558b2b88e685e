import type { INodePropertyOptions } from 'n8n-workflow';

import type { QaseOperation } from '../operation';
import { runOperations } from './run';

export interface QaseResource {
	option: INodePropertyOptions;
	operations: Record<string, QaseOperation>;
	/** The operation a new node starts with. */
	defaultOperation: string;
}

/**
 * Every resource and its operations: the node's Resource and Operation options, its properties,
 * its execute() dispatch and its output-schema previews are all read from this map.
 */
export const resources: Record<string, QaseResource> = {
	run: {
		option: { name: 'Run', value: 'run' },
		operations: runOperations,
		defaultOperation: 'create',
	},
};
