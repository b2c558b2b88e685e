import type { QaseOperation } from '../../operation';

import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as resolve from './resolve';
import * as updateStatus from './updateStatus';

/** The Defect operations, keyed by value, in the dropdown's order. */
export const defectOperations: Record<string, QaseOperation> = {
	create,
	get,
	getMany,
	resolve,
	updateStatus,
};
