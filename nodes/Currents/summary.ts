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
import type { FailedTest } from './failedTests';

/** Every Currents event is about a run. */
export const CURRENTS_SUMMARY_EVENTS = [
	'RUN_START',
	'RUN_FINISH',
	'RUN_TIMEOUT',
	'RUN_CANCELED',
] as const;

export const isCurrentsSummaryEvent = (event: unknown): boolean =>
	typeof event === 'string' && (CURRENTS_SUMMARY_EVENTS as readonly string[]).includes(event);

/**
 * RUN_START → running; RUN_TIMEOUT → timed_out; RUN_CANCELED → canceled; RUN_FINISH → failed when
 * `failures > 0`, else passed.
 */
export function currentsStatus(event: string, failures: number | null): SummaryStatus {
	switch (event) {
		case 'RUN_START':
			return 'running';
		case 'RUN_TIMEOUT':
			return 'timed_out';
		case 'RUN_CANCELED':
			return 'canceled';
		default:
			return (failures ?? 0) > 0 ? 'failed' : 'passed';
	}
}

/** `https://app.currents.dev/run/<runId>` → runId and the dashboard origin. */
export function parseRunUrl(runUrl: unknown): { runId: string; origin: string } | undefined {
	if (typeof runUrl !== 'string') return undefined;
	let url: URL;
	try {
		url = new URL(runUrl);
	} catch {
		return undefined;
	}
	const m = /\/run\/([A-Za-z0-9_-]{1,128})\/?$/.exec(url.pathname);
	return m ? { runId: m[1], origin: url.origin } : undefined;
}

/** A failed test "Attach Failed Tests" read, as a summary failure. */
export function currentsFailure(test: FailedTest): SummaryFailure {
	return { title: test.title, file: test.spec, message: test.errorMessage, url: test.url };
}

/** The failed tests "Attach Failed Tests" put on the item, as summary failure details. */
export function currentsFailureDetails(item: IDataObject): FailureDetails | undefined {
	if (Array.isArray(item.failedTests)) {
		return {
			failures: (item.failedTests as unknown as FailedTest[]).map(currentsFailure),
			truncated: item.failedTestsTruncated === true,
			error: null,
		};
	}
	if (item.failedTestsError)
		return {
			failures: null,
			truncated: false,
			error: item.failedTestsError as unknown as ItemError,
		};
	return undefined;
}

export interface CurrentsSummaryContext {
	/** The project the trigger's hook belongs to (automatic setup); deliveries do not name it. */
	project: string | null;
	/** When the delivery says it was sent (x-timestamp) or, failing that, when it arrived. */
	occurredAt: string;
}

/**
 * Summary of a Currents delivery. `skipped` adds Currents' `pending` (tests marked skip in the code)
 * to its `skipped` (tests not run after a failed hook): neither ran. Deliveries carry no duration.
 */
export function currentsSummary(
	body: IDataObject,
	context: CurrentsSummaryContext,
	details?: FailureDetails,
): IDataObject {
	const event = String(body.event);
	const failed = countOf(body.failures);
	const skipped = countOf(body.skipped);
	const pending = countOf(body.pending);
	const commit = (body.commit ?? {}) as IDataObject;
	return buildSummary(
		{
			source: 'currents',
			event,
			status: currentsStatus(event, failed),
			total: countOf(body.overall),
			passed: countOf(body.passes),
			failed,
			skipped: skipped === null && pending === null ? null : (skipped ?? 0) + (pending ?? 0),
			flaky: countOf(body.flaky),
			durationMs: null,
			project: context.project,
			runId: parseRunUrl(body.runUrl)?.runId ?? null,
			url: stringOf(body.runUrl),
			branch: stringOf(commit.branch),
			commit: stringOf(commit.sha),
			occurredAt: context.occurredAt,
			raw: body,
		},
		details,
	);
}
