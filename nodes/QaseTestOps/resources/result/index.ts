import type { QaseOperation } from '../../operation';

import * as create from './create';
import * as createMany from './createMany';

/** The Result operations, keyed by value, in the dropdown's order. */
export const resultOperations: Record<string, QaseOperation> = { create, createMany };
