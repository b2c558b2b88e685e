import { z } from 'zod/v4';

import {
	id,
	nullableString,
	namedRef,
	qaseEvent,
	recordEvent,
	example,
	type QaseEventSpec,
} from './shared';

const duration = () =>
	z
		.number()
		.describe(
			'Run duration; documented as seconds on one Qase page and as milliseconds on another',
		);

export const runEvents: QaseEventSpec[] = [
	qaseEvent({
		name: 'run.started',
		displayName: 'Test Run Started',
		description: 'A test run is started',
		payload: () =>
			z.looseObject({
				id: id('Test run'),
				title: z.string().describe('Test run title'),
				description: nullableString('Test run description'),
				plan: namedRef('Test plan the run was started from').nullable(),
				cases_count: z.number().describe('Number of test cases in the run'),
				environment: z.string().nullable().describe('Environment slug'),
			}),
		sample: example('run.started', 1650540069, {
			id: 1,
			title: 'Test run 2022/04/21',
			description: null,
			plan: { id: 3, title: 'd' },
			cases_count: 14,
			environment: null,
		}),
	}),
	qaseEvent({
		name: 'run.updated',
		displayName: 'Test Run Updated',
		description: 'Test cases are added to a test run',
		payload: () =>
			z.looseObject({
				id: id('Test run'),
				// The example sends cases_added, the field table names cases_count: either may arrive.
				cases_added: z
					.number()
					.optional()
					.describe('Number of test cases added (as in the documented example)'),
				cases_count: z
					.number()
					.optional()
					.describe('Number of test cases in the run (as in the documented field table)'),
			}),
		sample: example('run.updated', 1650540114, { id: 1, cases_added: 14 }),
	}),
	qaseEvent({
		name: 'run.completed',
		displayName: 'Test Run Completed',
		description: 'A test run is completed',
		payload: () =>
			z.looseObject({
				id: id('Test run'),
				cases: z.number().describe('Number of test cases in the run'),
				passed: z.number().describe('Passed cases'),
				failed: z.number().describe('Failed cases'),
				blocked: z.number().describe('Blocked cases'),
				duration: duration(),
			}),
		sample: example('run.completed', 1650540194, {
			id: 2,
			cases: 14,
			passed: 0,
			failed: 0,
			blocked: 0,
			duration: 0,
		}),
	}),
	qaseEvent({
		name: 'run.aborted',
		displayName: 'Test Run Aborted',
		description: 'A test run is aborted',
		payload: () =>
			z.looseObject({
				id: id('Test run'),
				cases: z.number().describe('Number of test cases in the run'),
				passed: z.number().describe('Passed cases'),
				untested: z.number().describe('Untested cases'),
				failed: z.number().describe('Failed cases'),
				blocked: z.number().describe('Blocked cases'),
				// The example spells it skipped, the field table skiped: either may arrive.
				skipped: z.number().optional().describe('Skipped cases (as in the documented example)'),
				skiped: z
					.number()
					.optional()
					.describe('Skipped cases (spelled so in the documented field table)'),
				duration: duration(),
			}),
		sample: example('run.aborted', 1650540148, {
			id: 1,
			cases: 14,
			passed: 0,
			untested: 14,
			failed: 0,
			blocked: 0,
			skipped: 0,
			duration: 0,
		}),
	}),
	recordEvent('run.deleted', 'Test run', 1650540289, { id: 1 }),
	qaseEvent({
		name: 'run.report_changed',
		displayName: 'Test Run Report Visibility Changed',
		description: "A test run's public report is turned on or off",
		payload: () =>
			z.looseObject({
				id: id('Test run'),
				visible: z.boolean().describe('Whether the public report is available'),
			}),
		sample: example('run.report_changed', 1650540222, { id: 2, visible: true }),
	}),
];
