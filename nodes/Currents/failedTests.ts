import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { itemError } from '../shared/errors';
import { currentsBaseUrl, getData } from './api';
import { parseRunUrl } from './summary';

/**
 * "Attach Failed Tests": the failed tests of a finished (or timed-out) Currents run, read the way
 * n8n's own Currents node ("Run: Get", "Instance: Get") and Currents' MCP server do:
 * `GET /runs/{runId}` lists the run's spec files with their instance ids and per-spec stats, and
 * `GET /instances/{instanceId}` holds each spec file's tests with their attempts and errors.
 * (`/test-results/{signature}` is per test across runs, not per run, so it cannot list a run's
 * failures.) Runs inside the execution, after Currents has had its 200.
 */

export interface FailedTestsLimits {
	/** Spec files (one request each) read at most. */
	maxSpecs: number;
	/** Failed tests attached at most. */
	maxResults: number;
	/** Per request, in milliseconds: a stuck API must not hold the execution for long. */
	timeoutMs: number;
}

export const DEFAULT_FAILED_TESTS_LIMITS: FailedTestsLimits = {
	maxSpecs: 50,
	maxResults: 1000,
	timeoutMs: 10000,
};

export interface FailedTest {
	spec: string | null;
	/** Describe blocks and test title, joined by " > ". */
	title: string;
	titlePath: string[];
	errorMessage: string | null;
	attempts: number;
	testId: string | null;
	instanceId: string;
	url: string | null;
}

export interface FailedTests {
	tests: FailedTest[];
	truncated: boolean;
}

const isObject = (v: unknown): v is IDataObject =>
	v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The error of a test's last attempt, else the runner's display error. */
function errorMessageOf(test: IDataObject): string | null {
	const attempts = Array.isArray(test.attempts) ? (test.attempts as IDataObject[]) : [];
	for (let i = attempts.length - 1; i >= 0; i--) {
		const error = attempts[i]?.error;
		const message = isObject(error) ? str(error.message) : null;
		if (message) return message;
	}
	const display = str(test.displayError);
	return display ? display.split('\n')[0] : null;
}

/** Failed tests of one instance (spec file execution). */
export function failedTestsOfInstance(instance: IDataObject, origin: string): FailedTest[] {
	const instanceId = String(instance.instanceId ?? '');
	const results = isObject(instance.results) ? instance.results : {};
	const tests = Array.isArray(results.tests) ? (results.tests as IDataObject[]) : [];
	return tests
		.filter((t) => isObject(t) && t.state === 'failed')
		.map((t) => {
			const titlePath = Array.isArray(t.title)
				? t.title.map(String)
				: [String(t.title ?? 'Unnamed test')];
			const testId = str(t.testId);
			return {
				spec: str(instance.spec),
				title: titlePath.join(' > '),
				titlePath,
				errorMessage: errorMessageOf(t),
				attempts: Array.isArray(t.attempts) ? t.attempts.length : 1,
				testId,
				instanceId,
				url:
					instanceId === ''
						? null
						: `${origin}/instance/${encodeURIComponent(instanceId)}${testId ? `/test/${encodeURIComponent(testId)}` : ''}`,
			};
		});
}

/**
 * Reads the run, then each spec file that had failures (only the delivery's group for a
 * multi-group run), until the limits; `truncated` says more failed tests exist than were read.
 */
export async function fetchFailedTests(
	ctx: IExecuteFunctions,
	runUrl: string,
	groupId: string | undefined,
	limits: FailedTestsLimits = DEFAULT_FAILED_TESTS_LIMITS,
): Promise<FailedTests> {
	const parsed = parseRunUrl(runUrl);
	if (!parsed) throw new Error("The delivery's runUrl names no run");
	const base = await currentsBaseUrl(ctx);
	const run = await getData(
		ctx,
		base,
		`/runs/${encodeURIComponent(parsed.runId)}`,
		limits.timeoutMs,
	);
	const specs = (Array.isArray(run.specs) ? (run.specs as IDataObject[]) : []).filter((s) => {
		if (!isObject(s) || typeof s.instanceId !== 'string') return false;
		if (groupId && s.groupId !== undefined && s.groupId !== groupId) return false;
		const stats = isObject(s.results) && isObject(s.results.stats) ? s.results.stats : {};
		return typeof stats.failures === 'number' && stats.failures > 0;
	});
	const tests: FailedTest[] = [];
	for (let i = 0; i < specs.length; i++) {
		if (i >= limits.maxSpecs) return { tests, truncated: true };
		const instanceId = String(specs[i].instanceId);
		if (!CURRENTS_ID.test(instanceId))
			throw new Error(
				`The Currents API named an instance "${instanceId.slice(0, 64)}" that is not a Currents id; it was not requested`,
			);
		const instance = await getData(ctx, base, `/instances/${instanceId}`, limits.timeoutMs);
		tests.push(...failedTestsOfInstance(instance, parsed.origin));
		if (tests.length >= limits.maxResults) {
			return {
				tests: tests.slice(0, limits.maxResults),
				truncated: tests.length > limits.maxResults || i < specs.length - 1,
			};
		}
	}
	return { tests, truncated: false };
}

/**
 * The shape of a Currents id in a path (the run id of a runUrl has the same): an instanceId read
 * from an API answer must never steer the request elsewhere (`..`, `a/b`, `?x=`), even when the
 * answer comes from a Base URL that is not Currents.
 */
export const CURRENTS_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Events whose failed tests are fetched: a finished or timed-out run with failures. */
export function wantsFailedTests(body: IDataObject): boolean {
	return (
		(body.event === 'RUN_FINISH' || body.event === 'RUN_TIMEOUT') &&
		typeof body.failures === 'number' &&
		body.failures > 0
	);
}

/**
 * Adds `failedTests` and `failedTestsTruncated`, or `failedTestsError`, to a delivery's item.
 * Never throws: Currents has been answered already and the run is still worth a workflow run.
 */
export async function attachFailedTests(
	ctx: IExecuteFunctions,
	body: IDataObject,
	limits?: FailedTestsLimits,
): Promise<IDataObject> {
	if (!wantsFailedTests(body)) return body;
	try {
		const found = await fetchFailedTests(
			ctx,
			String(body.runUrl ?? ''),
			typeof body.groupId === 'string' ? body.groupId : undefined,
			limits,
		);
		return {
			...body,
			failedTests: found.tests as unknown as IDataObject[],
			failedTestsTruncated: found.truncated,
		};
	} catch (error) {
		return { ...body, failedTestsError: itemError(error) };
	}
}
