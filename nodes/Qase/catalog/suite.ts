import { z } from 'zod/v4';

import { id, nullableString, qaseEvent, recordEvent, example, type QaseEventSpec } from './shared';

export const suiteEvents: QaseEventSpec[] = [
	qaseEvent({
		name: 'suite.created',
		displayName: 'Test Suite Created',
		description: 'A test suite is created',
		payload: () =>
			z.looseObject({
				id: id('Test suite'),
				title: z.string().describe('Test suite title'),
				description: nullableString('Test suite description'),
				preconditions: nullableString('Test suite preconditions'),
				parent_id: z.number().nullable().describe('Parent test suite ID'),
			}),
		sample: example('suite.created', 1650540917, {
			id: 312,
			title: 'd',
			description: null,
			preconditions: null,
			parent_id: null,
		}),
	}),
	recordEvent('suite.cloned', 'Test suite', 1650541053, { id: 314, from_id: 13 }),
	recordEvent('suite.updated', 'Test suite', 1650540955, { id: 11 }),
	recordEvent('suite.deleted', 'Test suite', 1650540989, { id: 313 }),
];
