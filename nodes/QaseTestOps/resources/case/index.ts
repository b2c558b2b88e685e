import type { QaseOperation } from '../../operation';

import * as get from './get';
import * as getMany from './getMany';

/** The Case operations, keyed by value, in the dropdown's order. */
export const caseOperations: Record<string, QaseOperation> = { get, getMany };
