import type { QaseOperation } from '../../operation';

import * as complete from './complete';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getMany from './getMany';

/** The Run operations, keyed by value, in the dropdown's order. */
export const runOperations: Record<string, QaseOperation> = {
	complete,
	create,
	delete: del,
	get,
	getMany,
};
