import type { INodePropertyOptions } from 'n8n-workflow';

import type { QaseOperation } from '../operation';
import { caseOperations } from './case';
import { defectOperations } from './defect';
import { resultOperations } from './result';
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
	case: {
		option: { name: 'Case', value: 'case' },
		operations: caseOperations,
		defaultOperation: 'get',
	},
	defect: {
		option: { name: 'Defect', value: 'defect' },
		operations: defectOperations,
		defaultOperation: 'create',
	},
	result: {
		option: { name: 'Result', value: 'result' },
		operations: resultOperations,
		defaultOperation: 'createMany',
	},
	run: {
		option: { name: 'Run', value: 'run' },
		operations: runOperations,
		defaultOperation: 'create',
	},
};
