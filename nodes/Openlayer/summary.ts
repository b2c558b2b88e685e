import type { IDataObject } from 'n8n-workflow';

import {
	buildSummary,
	countOf,
	stringOf,
	type FailureDetails,
	type ItemError,
	type SummaryFailure,
	type SummaryStatus,
} from '../shared/summary';

export const OPENLAYER_SUMMARY_EVENTS = ['tests.result.updated'] as const;

export const isOpenlayerSummaryEvent = (event: unknown): boolean =>
	typeof event === 'string' && (OPENLAYER_SUMMARY_EVENTS as readonly string[]).includes(event);

/** failing > 0 → failed, else running > 0 → running, else passed (as the trigger's own `status`). */
export function openlayerStatus(tests: IDataObject): SummaryStatus {
	if ((countOf(tests.failing) ?? 0) > 0) return 'failed';
	if ((countOf(tests.running) ?? 0) > 0) return 'running';
	return 'passed';
}

/** A failing test result (GET .../results?status=failing) as a summary failure. */
export function openlayerFailure(result: IDataObject): SummaryFailure {
	const goal = (result.goal ?? {}) as IDataObject;
	const name =
		stringOf(goal.name) ?? (goal.number !== undefined ? `Test ${String(goal.number)}` : null);
	return {
		title: name ?? stringOf(result.id) ?? 'Unnamed test',
		file: null,
		message: stringOf(result.statusMessage),
		url: null,
	};
}

/** The failing tests "Attach Failing Tests" put on the item, as summary failure details. */
export function openlayerFailureDetails(item: IDataObject): FailureDetails | undefined {
	if (Array.isArray(item.failingTests)) {
		return {
			failures: (item.failingTests as IDataObject[]).map(openlayerFailure),
			truncated: item.failingTestsTruncated === true,
			error: null,
		};
	}
	if (item.failingTestsError && typeof item.failingTestsError === 'object') {
		return { failures: null, truncated: false, error: item.failingTestsError as ItemError };
	}
	return undefined;
}

/**
 * Summary of a tests.result.updated envelope. The run is identified by the commit it evaluated
 * (projectVersionId) or, for monitoring, its inference pipeline; Openlayer's app URLs need the
 * workspace name, which deliveries do not carry, so `url` stays null.
 */
export function openlayerSummary(
	envelope: IDataObject,
	receivedAt: string,
	details?: FailureDetails,
): IDataObject {
	const tests = (((envelope.data ?? {}) as IDataObject).tests ?? {}) as IDataObject;
	return buildSummary(
		{
			source: 'openlayer',
			event: String(envelope.type),
			status: openlayerStatus(tests),
			total: countOf(tests.total),
			passed: countOf(tests.passing),
			failed: countOf(tests.failing),
			skipped: countOf(tests.skipped),
			flaky: null,
			durationMs: null,
			project: stringOf(tests.projectId),
			runId: stringOf(tests.projectVersionId) ?? stringOf(tests.inferencePipelineId),
			url: null,
			branch: null,
			commit: null,
			occurredAt: isoOrNull(envelope.timestamp) ?? receivedAt,
			raw: envelope,
		},
		details,
	);
}

function isoOrNull(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
