import type { IDataObject } from 'n8n-workflow';

import { buildSummary, countOf, stringOf, type SummaryStatus } from '../shared/summary';
import { isoFromUnix } from './receive';

/** Qase events that describe a test run as a whole. */
export const QASE_SUMMARY_EVENTS = ['run.started', 'run.completed', 'run.aborted'] as const;

export const isQaseSummaryEvent = (event: unknown): boolean =>
	typeof event === 'string' && (QASE_SUMMARY_EVENTS as readonly string[]).includes(event);

/**
 * run.started → running; run.aborted → aborted; run.completed → failed when any case failed,
 * else passed (blocked cases alone do not fail a run: Qase counts them apart from failures).
 */
export function qaseStatus(event: string, payload: IDataObject): SummaryStatus {
	if (event === 'run.started') return 'running';
	if (event === 'run.aborted') return 'aborted';
	return (countOf(payload.failed) ?? 0) > 0 ? 'failed' : 'passed';
}

/**
 * Qase documents run.completed/run.aborted `duration` as seconds in its field tables and as
 * milliseconds elsewhere. The summary reads it as seconds (the field tables, which describe every
 * field, say so); the number Qase sent stays in `raw.payload.duration`.
 */
export function qaseDurationMs(payload: IDataObject): number | null {
	const seconds = countOf(payload.duration);
	// A finite number of seconds can still overflow to Infinity in milliseconds (1e306 s), which
	// the summary's schema refuses: it is no duration, so null like any other unusable value.
	const ms = seconds === null ? null : seconds * 1000;
	return ms !== null && Number.isFinite(ms) ? ms : null;
}

/** The run's page in the Qase app. */
export function qaseRunUrl(projectCode: string | null, runId: string | null): string | null {
	if (!projectCode || !runId) return null;
	return `https://app.qase.io/run/${encodeURIComponent(projectCode)}/dashboard/${encodeURIComponent(runId)}`;
}

/** Summary of a Qase run event, from the envelope exactly as Qase sent it. */
export function qaseSummary(envelope: IDataObject, receivedAt: string): IDataObject {
	const event = String(envelope.event_name);
	const payload = (envelope.payload ?? {}) as IDataObject;
	const project = stringOf(envelope.project_code);
	const runId = stringOf(payload.id);
	const started = event === 'run.started';
	return buildSummary({
		source: 'qase',
		event,
		status: qaseStatus(event, payload),
		total: countOf(started ? payload.cases_count : payload.cases),
		passed: started ? null : countOf(payload.passed),
		failed: started ? null : countOf(payload.failed),
		// run.aborted only; its field table spells it "skiped".
		skipped: event === 'run.aborted' ? countOf(payload.skipped ?? payload.skiped) : null,
		flaky: null,
		durationMs: started ? null : qaseDurationMs(payload),
		project,
		runId,
		url: qaseRunUrl(project, runId),
		branch: null,
		commit: null,
		occurredAt: isoFromUnix(envelope.timestamp) ?? receivedAt,
		raw: envelope,
	});
}
