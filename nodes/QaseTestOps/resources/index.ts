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
const resource = (
	value: string,
	operations: Record<string, QaseOperation>,
	defaultOperation: string,
): QaseResource => ({
	option: { name: value[0].toUpperCase() + value.slice(1), value },
	operations,
	defaultOperation,
});

export const resources: Record<string, QaseResource> = {
	case: resource('case', caseOperations, 'get'),
	defect: resource('defect', defectOperations, 'create'),
	result: resource('result', resultOperations, 'createMany'),
	run: resource('run', runOperations, 'create'),
};
