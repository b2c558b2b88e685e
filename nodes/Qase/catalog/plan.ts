import { z } from 'zod/v4';

import { id, nullableString, qaseEvent, recordEvent, example, type QaseEventSpec } from './shared';

const planCases = () =>
	z.record(z.string(), z.unknown()).describe('Test cases in the plan, keyed by test case ID');

export const planEvents: QaseEventSpec[] = [
	qaseEvent({
		name: 'plan.created',
		displayName: 'Test Plan Created',
		description: 'A test plan is created',
		payload: () =>
			z.looseObject({
				id: id('Test plan'),
				title: z.string().describe('Test plan title'),
				description: nullableString('Test plan description'),
				cases: planCases(),
			}),
		sample: example('plan.created', 1650534130, {
			id: 2,
			title: 'dd',
			description: 'd',
			cases: { '1033': 0 },
		}),
	}),
	qaseEvent({
		name: 'plan.updated',
		displayName: 'Test Plan Updated',
		description: 'A test plan is updated',
		payload: () => z.looseObject({ id: id('Test plan'), cases: planCases() }),
		sample: example('plan.updated', 1650534183, { id: 2, cases: { '1033': 0 } }),
	}),
	recordEvent('plan.deleted', 'Test plan', 1650534261, { id: 59884 }),
];
