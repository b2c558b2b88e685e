import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { once, pruneToSamples, toJsonSchema, type JsonSchema } from './catalog';

/**
 * "Test Run Summary": one shape for a test run, whichever tool reported it, so a downstream
 * Slack message, ticket or dashboard row is built once. Declared once here; the TypeScript type,
 * the editor preview (JSON Schema) and the per-vendor mappers (nodes/<Vendor>/summary.ts) all
 * follow from it.
 */

export const SUMMARY_SOURCES = ['qase', 'currents', 'openlayer'] as const;
export const SUMMARY_STATUSES = [
	'running',
	'passed',
	'failed',
	'aborted',
	'timed_out',
	'canceled',
] as const;

/** The value of each trigger's Output parameter that selects the summary. */
export const SUMMARY_OUTPUT = 'summary';

const count = (what: string) =>
	z.number().nullable().describe(`${what}; null when the tool does not send it`);
const nullableString = (what: string) => z.string().nullable().describe(what);

const buildFailureSchema = () =>
	z.object({
		title: z
			.string()
			.describe(
				'Test title (Currents: describe blocks and test joined by " > "; Openlayer: test name)',
			),
		file: z.string().nullable().describe('Spec file (Currents); null where the tool has none'),
		message: z.string().nullable().describe('Error or status message of the failure'),
		url: z.string().nullable().describe('Link to the failed test, where derivable'),
	});
export const failureSchema = once(buildFailureSchema);
export type SummaryFailure = z.infer<ReturnType<typeof buildFailureSchema>>;

const buildItemErrorSchema = () =>
	z.object({
		status: z
			.number()
			.nullable()
			.describe('HTTP status of the failed API call; null when it got no answer'),
		message: z.string().describe("The vendor's message, or what went wrong"),
	});
export const itemErrorSchema = once(buildItemErrorSchema);
export type ItemError = z.infer<ReturnType<typeof buildItemErrorSchema>>;

const buildSummarySchema = () =>
	z.object({
		source: z.enum(SUMMARY_SOURCES).describe('Tool that reported the run'),
		event: z
			.string()
			.describe("The tool's own event name (run.completed, RUN_FINISH, tests.result.updated...)"),
		status: z
			.enum(SUMMARY_STATUSES)
			.describe(
				'running, passed, failed, aborted, timed_out or canceled (rules in the README, "Test Run Summary")',
			),
		total: count('Tests in the run'),
		passed: count('Passed tests'),
		failed: count('Failed tests'),
		skipped: count('Skipped tests'),
		flaky: count('Flaky tests (Currents only)'),
		durationMs: count('Run duration in milliseconds'),
		project: nullableString('Qase project code, Currents project ID, Openlayer project ID'),
		runId: nullableString('Run ID in the tool'),
		url: nullableString('Link to the run a person can open'),
		branch: nullableString('Git branch (Currents)'),
		commit: nullableString('Git commit SHA (Currents)'),
		occurredAt: z.string().describe('When the event happened (ISO 8601)'),
		failures: z
			.array(failureSchema())
			.nullable()
			.describe('Failed tests: [] when none failed, null when failures exist but were not fetched'),
		failuresTruncated: z.boolean().describe('Whether more failed tests exist than the list holds'),
		failuresError: itemErrorSchema()
			.nullable()
			.describe('Why the failed tests could not be fetched, else null'),
		raw: z.looseObject({}).describe("The tool's delivery, unchanged"),
	});
export const summarySchema = once(buildSummarySchema);
export type TestRunSummary = z.infer<ReturnType<typeof buildSummarySchema>>;
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number];

/** JSON Schema of a summary item, for the editor's output preview. */
export function summaryJsonSchema(): JsonSchema {
	return toJsonSchema(summarySchema());
}

/** Fields that depend on an option (Attach Failed/Failing Tests): previewed with their shape. */
const OPTION_FIELDS = new Set(['failures', 'failuresTruncated', 'failuresError']);

/**
 * The preview of one trigger's summary items: the summary shape with `source` and `event` narrowed
 * to what that trigger emits, and `raw` typed as the delivery it carries (so `raw.…` fields can be
 * mapped before the first run), pruned to the given items as the other previews are. A field that
 * is null in every item (Qase has no branch, Openlayer no duration) is previewed as null, not as a
 * string or number that never comes.
 */
export function summaryPreview(preview: {
	source: (typeof SUMMARY_SOURCES)[number];
	events: readonly string[];
	raw: JsonSchema;
	items: readonly unknown[];
}): JsonSchema {
	const schema = summaryJsonSchema();
	const properties = schema.properties as Record<string, JsonSchema>;
	properties.source = { ...properties.source, enum: [preview.source] };
	properties.event = { ...properties.event, enum: [...preview.events] };
	properties.raw = { ...preview.raw, description: properties.raw.description };
	const items = preview.items as ReadonlyArray<Record<string, unknown>>;
	for (const [key, field] of Object.entries(properties)) {
		if (!OPTION_FIELDS.has(key) && items.every((item) => item[key] === null))
			properties[key] = { type: 'null', description: field.description };
	}
	return pruneToSamples(schema, preview.items) as JsonSchema;
}

/** A count the vendor sent, else null (never a guess). */
export function countOf(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

export function stringOf(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value !== '' ? value : null;
}

/** Failed tests fetched from the vendor, or why they could not be. */
export interface FailureDetails {
	failures: SummaryFailure[] | null;
	truncated: boolean;
	error: ItemError | null;
}

/**
 * The failures fields of a summary: a run without failed tests has an empty list whether or not
 * anything was fetched; a run with failed tests has the fetched list, or null.
 */
export function failuresFields(
	failed: number | null,
	details?: FailureDetails,
): Pick<TestRunSummary, 'failures' | 'failuresTruncated' | 'failuresError'> {
	if (details && (details.failures !== null || details.error !== null)) {
		return {
			failures: details.failures,
			failuresTruncated: details.truncated,
			failuresError: details.error,
		};
	}
	return { failures: failed === 0 ? [] : null, failuresTruncated: false, failuresError: null };
}

export type SummaryInput = Omit<
	TestRunSummary,
	'failures' | 'failuresTruncated' | 'failuresError' | 'raw'
> & {
	raw: IDataObject;
};

/** Builds the item, parsing it against the schema so a mapper bug cannot leak a wrong shape. */
export function buildSummary(input: SummaryInput, details?: FailureDetails): IDataObject {
	const summary = summarySchema().parse({ ...input, ...failuresFields(input.failed, details) });
	// zod's parse copies `raw`; the vendor's own object is handed on as it was.
	return { ...summary, raw: input.raw } as unknown as IDataObject;
}
