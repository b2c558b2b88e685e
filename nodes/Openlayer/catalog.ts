import { z } from 'zod/v4';

import { defineLazyEvent, eventNames, once, type EventSpec } from '../shared/catalog';

/**
 * Openlayer webhook deliveries, per docs.openlayer.com/security/webhooks/events: every body is the
 * envelope `{type, timestamp, data}`; `data` depends on the event type. Objects are loose, so fields
 * Openlayer adds later are kept and passed on.
 */

export const TEST_RUN_STATUSES = ['failing', 'running', 'passing'] as const;
export type TestRunStatus = (typeof TEST_RUN_STATUSES)[number];

/*
 * The zod schemas are built on first use, not when the module loads: loading the trigger needs only
 * the event names (n8n loads every node at start-up), the first delivery builds the event schemas,
 * and the preview-only ones (trigger output, test results) are built by the build and the tests.
 */

const isoTimestamp = () =>
	z.string().describe('ISO 8601 (UTC) time at which the event was generated');

const thresholdSchema = () =>
	z.looseObject({
		measurement: z.string().optional().describe('Measurement evaluated'),
		insightName: z.string().optional().describe('Insight the measurement comes from'),
		insightParameters: z.array(z.unknown()).nullable().optional(),
		operator: z.string().optional().describe('Comparison operator, e.g. <='),
		value: z
			.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.null()])
			.optional()
			.describe('Value compared against'),
	});

/** A test definition as test.created and test.updated carry it (test.updated may send a subset). */
const testSchema = once(() =>
	z.looseObject({
		id: z.string().describe('Test ID (UUID)'),
		number: z.number().optional().describe('Test number within the project'),
		name: z.string().optional().describe('Test name'),
		description: z.unknown().optional().describe('Test description'),
		type: z
			.string()
			.optional()
			.describe('Test type: integrity, consistency, performance, fairness or robustness'),
		subtype: z.string().optional().describe('Test subtype, e.g. duplicateRowCount'),
		dateCreated: z.string().optional(),
		dateUpdated: z.string().optional(),
		creatorId: z.string().nullable().optional(),
		originProjectVersionId: z
			.string()
			.nullable()
			.optional()
			.describe('Commit (project version) the test was created in'),
		thresholds: z.array(thresholdSchema()).optional(),
		evaluationWindow: z.number().nullable().optional().describe('Seconds; monitoring tests only'),
		delayWindow: z.number().nullable().optional().describe('Seconds; monitoring tests only'),
		suggested: z.boolean().optional(),
		archived: z.boolean().optional(),
	}),
);

const count = (what: string) => z.number().int().nonnegative().describe(what);

/** The summary of one test suite run, as tests.result.updated carries it. */
const testsSummarySchema = once(() =>
	z.looseObject({
		projectId: z.string().describe('Project the test suite belongs to'),
		projectVersionId: z
			.string()
			.nullable()
			.describe('Commit (project version) evaluated; null for monitoring runs'),
		inferencePipelineId: z
			.string()
			.nullable()
			.describe('Inference pipeline evaluated, for monitoring runs'),
		total: count('Tests in the run'),
		passing: count('Tests that passed'),
		failing: count('Tests that failed'),
		skipped: count('Tests that were skipped'),
		running: count('Tests still running'),
	}),
);

/** What the trigger adds to data.tests: failing when any failed, else running when any still run, else passing. */
const computedStatusSchema = () =>
	z
		.enum(TEST_RUN_STATUSES)
		.describe(
			'Added by n8n: failing when failing > 0, else running when running > 0, else passing',
		);

function envelope<T extends z.ZodType, D extends z.ZodType>(type: T, data: D) {
	return z.looseObject({ type, timestamp: isoTimestamp(), data });
}

const testCreatedSchema = () =>
	envelope(
		z.literal('test.created').describe('Event type'),
		z.looseObject({ test: testSchema().describe('The full test definition') }),
	);
const testUpdatedSchema = () =>
	envelope(
		z.literal('test.updated').describe('Event type'),
		z.looseObject({ test: testSchema().describe("The test's new state") }),
	);
const testDeletedSchema = () =>
	envelope(
		z.literal('test.deleted').describe('Event type'),
		z.looseObject({ test: z.looseObject({ id: z.string().describe('ID of the deleted test') }) }),
	);
const testsResultUpdatedSchema = () =>
	envelope(
		z.literal('tests.result.updated').describe('Event type'),
		z.looseObject({
			tests: testsSummarySchema().describe('Summary of the finished test suite run'),
		}),
	);

/** One test result as GET /versions/{id}/results and /inference-pipelines/{id}/results list it. */
export const testResultSchema = once(() =>
	z.looseObject({
		id: z.string().describe('Test result ID'),
		status: z.string().describe('running, passing, failing, skipped or error'),
		statusMessage: z.string().nullable().optional().describe('Why the test has this status'),
		goal: z
			.looseObject({
				id: z.string().describe('Test ID'),
				name: z.string().optional().describe('Test name'),
				number: z.number().optional().describe('Test number'),
				type: z.string().optional(),
				subtype: z.string().optional(),
			})
			.optional()
			.describe('The test this result belongs to'),
		dateCreated: z.string().optional(),
		dateUpdated: z.string().optional(),
		projectVersionId: z.string().nullable().optional(),
		inferencePipelineId: z.string().nullable().optional(),
	}),
);
export type OpenlayerTestResult = z.infer<ReturnType<typeof testResultSchema>>;

/** Fields "Attach Failing Tests" adds next to the envelope of a tests.result.updated item. */
export const failingTestsFields = once(() => ({
	failingTests: z
		.array(testResultSchema())
		.optional()
		.describe(
			'Added by n8n when "Attach Failing Tests" is on: the failing test results of the run',
		),
	failingTestsTruncated: z
		.boolean()
		.optional()
		.describe('Added by n8n: true when more failing results exist than were fetched'),
	failingTestsError: z
		.looseObject({ status: z.number().nullable(), message: z.string() })
		.optional()
		.describe(
			'Added by n8n when fetching the failing tests failed (HTTP status, Openlayer message)',
		),
}));

const documentedTest = {
	id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
	number: 1,
	name: 'No duplicate rows',
	description: 'This test checks for duplicate rows in the dataset.',
	type: 'integrity',
	subtype: 'duplicateRowCount',
	dateCreated: '2026-01-21T10:30:00Z',
	dateUpdated: '2026-01-21T10:30:00Z',
	creatorId: '589ece63-49a2-41b4-98e1-10547761d4b0',
	originProjectVersionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
	thresholds: [
		{
			measurement: 'duplicateRowCount',
			insightName: 'duplicateRowCount',
			insightParameters: [],
			operator: '<=',
			value: 0,
		},
	],
	evaluationWindow: 3600,
	delayWindow: 0,
	suggested: false,
	archived: false,
};

export const openlayerEvents = [
	defineLazyEvent({
		name: 'test.created',
		displayName: 'Test Created',
		description: 'A test is created',
		schema: testCreatedSchema,
		sample: {
			type: 'test.created',
			timestamp: '2026-01-21T10:30:00Z',
			data: { test: documentedTest },
		},
	}),
	defineLazyEvent({
		name: 'test.updated',
		displayName: 'Test Updated',
		description: "A test's configuration is updated",
		schema: testUpdatedSchema,
		sample: {
			type: 'test.updated',
			timestamp: '2026-01-21T10:30:00Z',
			data: {
				test: {
					id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
					number: 1,
					name: 'No duplicate rows',
					type: 'integrity',
					subtype: 'duplicateRowCount',
					dateUpdated: '2026-01-21T10:35:00Z',
				},
			},
		},
	}),
	defineLazyEvent({
		name: 'test.deleted',
		displayName: 'Test Deleted',
		description: 'A test is deleted (only its ID is sent)',
		schema: testDeletedSchema,
		sample: {
			type: 'test.deleted',
			timestamp: '2026-01-21T10:30:00Z',
			data: { test: { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' } },
		},
	}),
	defineLazyEvent({
		name: 'tests.result.updated',
		displayName: 'Test Results Updated',
		description:
			'A test suite finished a run: counts of passing, failing, skipped and running tests',
		schema: testsResultUpdatedSchema,
		sample: {
			type: 'tests.result.updated',
			timestamp: '2026-01-21T10:30:00Z',
			data: {
				tests: {
					projectId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
					projectVersionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
					inferencePipelineId: null,
					total: 6,
					passing: 4,
					failing: 1,
					skipped: 1,
					running: 0,
				},
			},
		},
	}),
] as const satisfies readonly EventSpec[];

/** The event types, derived from the entries above. */
export const OPENLAYER_EVENT_NAMES = eventNames(openlayerEvents);
export type OpenlayerEventName = (typeof OPENLAYER_EVENT_NAMES)[number];

export function eventSpec(name: string): (typeof openlayerEvents)[number] | undefined {
	return openlayerEvents.find((e) => e.name === name);
}

export type TestsSummary = z.infer<ReturnType<typeof testsSummarySchema>>;

/** failing when any test failed, else running when any still runs, else passing. */
export function runStatus(tests: Pick<TestsSummary, 'failing' | 'running'>): TestRunStatus {
	if (tests.failing > 0) return 'failing';
	if (tests.running > 0) return 'running';
	return 'passing';
}

/**
 * What the trigger outputs, for the editor's preview: the envelope of any event, with `data.test`
 * for test.* events and `data.tests` (plus the computed `status`) for tests.result.updated, and the
 * fields "Attach Failing Tests" adds.
 */
export const triggerOutputSchema = once(() =>
	z.looseObject({
		type: z.enum(OPENLAYER_EVENT_NAMES).describe('Event type'),
		timestamp: isoTimestamp(),
		data: z
			.looseObject({
				test: testSchema()
					.optional()
					.describe('test.created / test.updated: the test definition; test.deleted: only its id'),
				tests: testsSummarySchema()
					.extend({ status: computedStatusSchema() })
					.optional()
					.describe('tests.result.updated: summary of the finished run'),
			})
			.describe('Event payload'),
		...failingTestsFields(),
	}),
);
