import { z } from 'zod/v4';

import {
	id,
	nullableString,
	onlyId,
	cloned,
	qaseEvent,
	example,
	type QaseEventSpec,
} from './shared';

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
	qaseEvent({
		name: 'suite.cloned',
		displayName: 'Test Suite Cloned',
		description: 'A test suite is cloned',
		payload: () => cloned('Test suite'),
		sample: example('suite.cloned', 1650541053, { id: 314, from_id: 13 }),
	}),
	qaseEvent({
		name: 'suite.updated',
		displayName: 'Test Suite Updated',
		description: 'A test suite is updated (the payload carries only its ID)',
		payload: () => onlyId('Test suite'),
		sample: example('suite.updated', 1650540955, { id: 11 }),
	}),
	qaseEvent({
		name: 'suite.deleted',
		displayName: 'Test Suite Deleted',
		description: 'A test suite is deleted',
		payload: () => onlyId('Test suite'),
		sample: example('suite.deleted', 1650540989, { id: 313 }),
	}),
];
