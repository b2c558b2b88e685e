import { z } from 'zod/v4';

import { once } from '../shared/catalog';

/**
 * What the operations output, from the Qase API v1 spec's schemas (testops-api/v1/schemas: Run,
 * Defect, TestCase; IdResponse, ResultCreateResponse). Loose objects: Qase adds fields over time.
 */
const nullableString = () => z.string().nullable().optional();

export const runSchema = once(() =>
	z.looseObject({
		id: z.number().int().describe('Run ID'),
		title: z.string(),
		description: nullableString(),
		status: z.number().int().optional(),
		status_text: z
			.string()
			.optional()
			.describe('active, complete, abort, in_progress, passed, failed...'),
		start_time: nullableString(),
		end_time: nullableString(),
		public: z.boolean().optional(),
		stats: z
			.looseObject({
				total: z.number().int().optional(),
				statuses: z.record(z.string(), z.number().int()).optional(),
			})
			.optional(),
		time_spent: z.number().int().optional().describe('Time in ms'),
		elapsed_time: z.number().int().optional().describe('Time in ms'),
		environment: z
			.looseObject({ title: z.string().optional(), slug: z.string().optional() })
			.nullable()
			.optional(),
		milestone: z.looseObject({ title: z.string().optional() }).nullable().optional(),
		tags: z.array(z.looseObject({ title: z.string().optional() })).optional(),
		cases: z.array(z.number().int()).optional(),
		plan_id: z.number().int().nullable().optional(),
	}),
);

export const defectSchema = once(() =>
	z.looseObject({
		id: z.number().int().describe('Defect ID'),
		title: z.string(),
		actual_result: z.string().optional(),
		severity: z.string().optional(),
		status: z.string().optional().describe('open, resolved, in_progress, invalid'),
		milestone_id: z.number().int().nullable().optional(),
		resolved_at: nullableString(),
		author_id: z.number().int().optional(),
		runs: z.array(z.number().int()).optional(),
		results: z.array(z.string()).optional(),
		tags: z.array(z.looseObject({ title: z.string().optional() })).optional(),
		created_at: z.string().optional(),
		updated_at: z.string().optional(),
	}),
);

export const caseSchema = once(() =>
	z.looseObject({
		id: z.number().int().describe('Test case ID'),
		title: z.string(),
		description: nullableString(),
		preconditions: nullableString(),
		postconditions: nullableString(),
		severity: z.number().int().optional(),
		priority: z.number().int().optional(),
		type: z.number().int().optional(),
		status: z.number().int().optional(),
		suite_id: z.number().int().nullable().optional(),
		milestone_id: z.number().int().nullable().optional(),
		steps: z.array(z.looseObject({})).optional(),
		tags: z.array(z.looseObject({ title: z.string().optional() })).optional(),
		created_at: z.string().optional(),
		updated_at: z.string().optional(),
	}),
);

/** Create operations answer the new record's id (IdResponse); the project is added for chaining. */
export const createdSchema = once(() =>
	z.object({ id: z.number().int().describe('ID of the new record'), project: z.string() }),
);

export const resultCreatedSchema = once(() =>
	z.looseObject({
		hash: z.string().describe('Hash of the new result'),
		case_id: z.number().int().optional().describe('The test case the result was recorded for'),
		project: z.string(),
		run_id: z.number().int(),
	}),
);

export const bulkResultSchema = once(() =>
	z.object({
		project: z.string(),
		run_id: z.number().int(),
		results: z.number().int().describe('How many results the one bulk request recorded'),
	}),
);

export const doneSchema = (flag: 'completed' | 'deleted' | 'resolved') =>
	once(() => z.object({ id: z.number().int(), project: z.string(), [flag]: z.literal(true) }));

export const defectStatusSchema = once(() =>
	z.object({ id: z.number().int(), project: z.string(), status: z.string() }),
);
