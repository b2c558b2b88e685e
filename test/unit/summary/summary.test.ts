import { currentsSummary, currentsStatus, parseRunUrl } from '../../../nodes/Currents/summary';
import {
	openlayerFailureDetails,
	openlayerStatus,
	openlayerSummary,
} from '../../../nodes/Openlayer/summary';
import { qaseDurationMs, qaseSummary } from '../../../nodes/Qase/summary';
import { buildSummary, summaryJsonSchema, summarySchema } from '../../../nodes/shared/summary';

const AT = '2026-03-01T10:00:00.000Z';
const UNIX = Date.parse(AT) / 1000;

/** One run, told by each tool in its own dialect. */
interface Run {
	total: number;
	passed: number;
	failed: number;
	skipped: number;
	running?: number;
}

const qase = (event: string, run: Run) =>
	qaseSummary(
		{
			event_name: event,
			timestamp: UNIX,
			project_code: 'DEMO',
			team_member_id: 1,
			payload:
				event === 'run.started'
					? { id: 7, title: 'Nightly', cases_count: run.total }
					: {
							id: 7,
							cases: run.total,
							passed: run.passed,
							failed: run.failed,
							blocked: 0,
							skipped: run.skipped,
							untested: 0,
							duration: 90,
						},
		},
		AT,
	);

const currents = (event: string, run: Run) =>
	currentsSummary(
		{
			event,
			runUrl: 'https://app.currents.dev/run/abc123',
			buildId: 'b1',
			commit: { sha: 'deadbeef', branch: 'main' },
			overall: run.total,
			passes: run.passed,
			failures: run.failed,
			pending: 0,
			skipped: run.skipped,
			retries: 0,
			flaky: 0,
		},
		{ project: 'proj_alpha', occurredAt: AT },
	);

const openlayer = (run: Run) =>
	openlayerSummary(
		{
			type: 'tests.result.updated',
			timestamp: AT,
			data: {
				tests: {
					projectId: 'p-1',
					projectVersionId: 'v-1',
					inferencePipelineId: null,
					total: run.total,
					passing: run.passed,
					failing: run.failed,
					skipped: run.skipped,
					running: run.running ?? 0,
				},
			},
		},
		AT,
	);

/** What must agree across tools for the same run: everything but source, raw, ids and links. */
const comparable = (s: Record<string, unknown>) => ({
	status: s.status,
	total: s.total,
	passed: s.passed,
	failed: s.failed,
	failures: s.failures,
	failuresTruncated: s.failuresTruncated,
	failuresError: s.failuresError,
	occurredAt: s.occurredAt,
});

describe('equivalent runs give equal summaries across tools', () => {
	const passing: Run = { total: 10, passed: 9, failed: 0, skipped: 1 };
	const failing: Run = { total: 10, passed: 7, failed: 2, skipped: 1 };
	test.each([
		[
			'passed run',
			[qase('run.completed', passing), currents('RUN_FINISH', passing), openlayer(passing)],
			'passed',
		],
		[
			'failed run',
			[qase('run.completed', failing), currents('RUN_FINISH', failing), openlayer(failing)],
			'failed',
		],
	])('%s', (_what, summaries, status) => {
		const [first, ...rest] = summaries.map(comparable);
		expect(first.status).toBe(status);
		for (const other of rest) expect(other).toEqual(first);
	});

	test('a run still running: Currents RUN_START and Openlayer running > 0', () => {
		const c = currents('RUN_START', { total: 10, passed: 0, failed: 0, skipped: 0 });
		const o = openlayer({ total: 10, passed: 0, failed: 0, skipped: 0, running: 10 });
		expect(comparable(c)).toEqual(comparable(o));
		expect(c.status).toBe('running');
		// Qase announces a started run with its case count only.
		expect(qase('run.started', { total: 10, passed: 0, failed: 0, skipped: 0 })).toMatchObject({
			status: 'running',
			total: 10,
			passed: null,
			failed: null,
			durationMs: null,
		});
	});

	test('skipped agrees where the tool sends it (Qase run.aborted, Currents, Openlayer)', () => {
		const run = { total: 10, passed: 7, failed: 2, skipped: 1 };
		expect(qase('run.aborted', run).skipped).toBe(1);
		expect(currents('RUN_FINISH', run).skipped).toBe(1);
		expect(openlayer(run).skipped).toBe(1);
		expect(qase('run.completed', run).skipped).toBeNull(); // run.completed carries no skipped count
	});
});

describe('status rules per tool', () => {
	test.each([
		['RUN_START', 0, 'running'],
		['RUN_FINISH', 0, 'passed'],
		['RUN_FINISH', 3, 'failed'],
		['RUN_TIMEOUT', 0, 'timed_out'],
		['RUN_TIMEOUT', 3, 'timed_out'],
		['RUN_CANCELED', 3, 'canceled'],
	])('Currents %s with %i failures → %s', (event, failures, status) => {
		expect(currentsStatus(event, failures)).toBe(status);
	});

	test.each([
		[{ failing: 1, running: 1 }, 'failed'],
		[{ failing: 0, running: 2 }, 'running'],
		[{ failing: 0, running: 0 }, 'passed'],
	])('Openlayer %j → %s', (tests, status) => {
		expect(openlayerStatus(tests)).toBe(status);
	});

	test.each([
		['run.started', { failed: 0 }, 'running'],
		['run.completed', { failed: 0 }, 'passed'],
		['run.completed', { failed: 1 }, 'failed'],
		['run.aborted', { failed: 0 }, 'aborted'],
		['run.aborted', { failed: 4 }, 'aborted'],
	])('Qase %s %j → %s', (event, counts, status) => {
		const s = qaseSummary(
			{
				event_name: event,
				timestamp: UNIX,
				project_code: 'DEMO',
				payload: { id: 1, cases: 5, passed: 0, ...counts },
			},
			AT,
		);
		expect(s.status).toBe(status);
	});
});

describe('per-tool fields', () => {
	test('Qase: duration read as seconds, run URL, project code, skiped spelling, occurredAt from the envelope', () => {
		expect(qaseDurationMs({ duration: 90 })).toBe(90000);
		expect(qaseDurationMs({})).toBeNull();
		const envelope = {
			event_name: 'run.aborted',
			timestamp: UNIX,
			project_code: 'DEMO',
			team_member_id: 0,
			payload: {
				id: 12,
				cases: 4,
				passed: 1,
				failed: 1,
				blocked: 0,
				untested: 1,
				skiped: 1,
				duration: 3,
			},
		};
		const s = qaseSummary(envelope, '2000-01-01T00:00:00.000Z');
		expect(s).toMatchObject({
			source: 'qase',
			event: 'run.aborted',
			status: 'aborted',
			total: 4,
			skipped: 1,
			durationMs: 3000,
			project: 'DEMO',
			runId: '12',
			url: 'https://app.qase.io/run/DEMO/dashboard/12',
			flaky: null,
			branch: null,
			commit: null,
			occurredAt: AT,
			failures: null,
		});
		expect(s.raw).toBe(envelope);
	});

	test('Currents: run id and link from runUrl, branch and commit, pending counted as skipped, project from the hook', () => {
		expect(parseRunUrl('https://app.currents.dev/run/950a13c3edf4f28b6e8ce301a404b4aa')).toEqual({
			runId: '950a13c3edf4f28b6e8ce301a404b4aa',
			origin: 'https://app.currents.dev',
		});
		expect(parseRunUrl('not a url')).toBeUndefined();
		const body = {
			event: 'RUN_FINISH',
			runUrl: 'https://app.currents.dev/run/r1',
			commit: { sha: 'abc', branch: 'feat' },
			overall: 5,
			passes: 2,
			failures: 1,
			pending: 1,
			skipped: 1,
			flaky: 1,
		};
		const s = currentsSummary(body, { project: null, occurredAt: AT });
		expect(s).toMatchObject({
			runId: 'r1',
			url: body.runUrl,
			branch: 'feat',
			commit: 'abc',
			skipped: 2,
			flaky: 1,
			project: null,
			durationMs: null,
		});
		expect(s.raw).toBe(body);
	});

	test('Currents: failed tests become the common failures list', () => {
		const s = currentsSummary(
			{
				event: 'RUN_FINISH',
				runUrl: 'https://app.currents.dev/run/r1',
				commit: {},
				overall: 1,
				passes: 0,
				failures: 1,
				pending: 0,
				skipped: 0,
				flaky: 0,
			},
			{ project: 'p', occurredAt: AT },
			{
				failures: [
					{
						title: 'a > b',
						file: 'x.spec.ts',
						message: 'boom',
						url: 'https://app.currents.dev/instance/i/test/t',
					},
				],
				truncated: true,
				error: null,
			},
		);
		expect(s.failures).toEqual([
			{
				title: 'a > b',
				file: 'x.spec.ts',
				message: 'boom',
				url: 'https://app.currents.dev/instance/i/test/t',
			},
		]);
		expect(s.failuresTruncated).toBe(true);
	});

	test('Openlayer: failing tests and their error become failures / failuresError', () => {
		expect(
			openlayerFailureDetails({
				failingTests: [
					{ id: 'r1', statusMessage: 'below threshold', goal: { name: 'No nulls', number: 3 } },
					{ id: 'r2', goal: { number: 4 } },
				],
				failingTestsTruncated: false,
			}),
		).toEqual({
			failures: [
				{ title: 'No nulls', file: null, message: 'below threshold', url: null },
				{ title: 'Test 4', file: null, message: null, url: null },
			],
			truncated: false,
			error: null,
		});
		const details = openlayerFailureDetails({
			failingTestsError: { status: 404, message: 'Project version not found' },
		});
		const s = openlayerSummary(
			{
				type: 'tests.result.updated',
				timestamp: AT,
				data: {
					tests: {
						projectId: 'p',
						projectVersionId: null,
						inferencePipelineId: 'pipe',
						total: 2,
						passing: 1,
						failing: 1,
						skipped: 0,
						running: 0,
					},
				},
			},
			AT,
			details,
		);
		expect(s).toMatchObject({
			runId: 'pipe',
			project: 'p',
			failures: null,
			failuresError: { status: 404, message: 'Project version not found' },
		});
	});

	test('a count the tool did not send is null, never 0', () => {
		const s = currentsSummary(
			{ event: 'RUN_START', runUrl: 'x', commit: {} },
			{ project: null, occurredAt: AT },
		);
		expect(s).toMatchObject({
			total: null,
			passed: null,
			failed: null,
			skipped: null,
			flaky: null,
			runId: null,
			failures: null,
		});
	});
});

describe('the shape is declared once', () => {
	test('every summary parses against the schema and has its fields in one order', () => {
		const keys = Object.keys(summarySchema().shape);
		for (const s of [
			qase('run.completed', { total: 1, passed: 1, failed: 0, skipped: 0 }),
			currents('RUN_CANCELED', { total: 1, passed: 0, failed: 0, skipped: 0 }),
			openlayer({ total: 1, passed: 1, failed: 0, skipped: 0 }),
		]) {
			expect(Object.keys(s)).toEqual(keys);
			expect(() => summarySchema().parse(s)).not.toThrow();
		}
	});

	test('a mapper bug cannot produce a wrong shape', () => {
		expect(() =>
			buildSummary({
				source: 'qase',
				event: 'x',
				status: 'weird' as never,
				total: null,
				passed: null,
				failed: null,
				skipped: null,
				flaky: null,
				durationMs: null,
				project: null,
				runId: null,
				url: null,
				branch: null,
				commit: null,
				occurredAt: AT,
				raw: {},
			}),
		).toThrow();
	});

	test('the preview JSON schema is derived from the zod schema', () => {
		const schema = summaryJsonSchema();
		expect(Object.keys(schema.properties ?? {})).toEqual(Object.keys(summarySchema().shape));
		expect((schema.properties as Record<string, { enum?: string[] }>).status.enum).toEqual([
			'running',
			'passed',
			'failed',
			'aborted',
			'timed_out',
			'canceled',
		]);
	});
});
