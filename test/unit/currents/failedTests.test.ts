import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { currentsEvents } from '../../../nodes/Currents/catalog';
import {
	attachFailedTests,
	DEFAULT_FAILED_TESTS_LIMITS,
	fetchFailedTests,
} from '../../../nodes/Currents/failedTests';
import { itemError } from '../../../nodes/shared/errors';
import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { makeContext } from '../../helpers/context';
import { createCurrentsFake } from '../../fakes/currents-api';
import { useFake } from '../../helpers/fakeApi';

const KEY = 'test-currents-key';
const { fake, baseUrl } = useFake(() => createCurrentsFake({ apiKeys: [KEY] }));

const ctx = (extra: Parameters<typeof makeContext>[0] = {}) =>
	makeContext({
		credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl: baseUrl() } },
		...extra,
	}).execute;

const runUrl = (id: string) => `https://app.currents.dev/run/${id}`;
const finished = (id: string, failures: number, extra: IDataObject = {}): IDataObject => ({
	...structuredClone(currentsEvents[1].sample),
	event: 'RUN_FINISH',
	runUrl: runUrl(id),
	failures,
	...extra,
});

function seedRun(runId: string) {
	fake().addRun({
		runId,
		specs: [
			{
				spec: 'cypress/e2e/login.cy.ts',
				tests: [
					{ title: ['Login', 'accepts a valid user'], state: 'passed' },
					{
						title: ['Login', 'rejects a wrong password'],
						state: 'failed',
						error: 'expected 401 to equal 403',
						attempts: 3,
					},
				],
			},
			{
				spec: 'cypress/e2e/cart.cy.ts',
				tests: [{ title: ['Cart', 'adds an item'], state: 'passed' }],
			},
			{
				spec: 'cypress/e2e/pay.cy.ts',
				groupId: 'firefox',
				tests: [
					{ title: ['Pay', 'charges the card'], state: 'failed', error: 'Timed out retrying' },
				],
			},
		],
	});
}

describe('fetchFailedTests', () => {
	test('reads the run, then only the spec files with failures, and links each test', async () => {
		seedRun('r1');
		const found = await fetchFailedTests(ctx(), runUrl('r1'), undefined);
		expect(found.truncated).toBe(false);
		expect(found.tests).toEqual([
			{
				spec: 'cypress/e2e/login.cy.ts',
				title: 'Login > rejects a wrong password',
				titlePath: ['Login', 'rejects a wrong password'],
				errorMessage: 'expected 401 to equal 403',
				attempts: 3,
				testId: 't0_1',
				instanceId: 'r1-inst-0',
				url: 'https://app.currents.dev/instance/r1-inst-0/test/t0_1',
			},
			expect.objectContaining({
				spec: 'cypress/e2e/pay.cy.ts',
				title: 'Pay > charges the card',
				errorMessage: 'Timed out retrying',
				attempts: 1,
			}),
		]);
		expect(fake().requests.map((r) => r.path)).toEqual([
			'/runs/r1',
			'/instances/r1-inst-0',
			'/instances/r1-inst-2',
		]);
		expect(fake().requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
	});

	test("a multi-group run's delivery gets only its group's failures", async () => {
		seedRun('r2');
		const found = await fetchFailedTests(ctx(), runUrl('r2'), 'firefox');
		expect(found.tests.map((t) => t.title)).toEqual(['Pay > charges the card']);
	});

	test('caps the spec files read and the tests attached, and says so', async () => {
		fake().addRun({
			runId: 'big',
			specs: Array.from({ length: 5 }, (_, i) => ({
				spec: `s${i}.cy.ts`,
				tests: Array.from({ length: 3 }, (_, j) => ({
					title: [`t${j}`],
					state: 'failed' as const,
				})),
			})),
		});
		const bySpecs = await fetchFailedTests(ctx(), runUrl('big'), undefined, {
			...DEFAULT_FAILED_TESTS_LIMITS,
			maxSpecs: 2,
		});
		expect(bySpecs).toMatchObject({ truncated: true });
		expect(bySpecs.tests).toHaveLength(6);
		const byResults = await fetchFailedTests(ctx(), runUrl('big'), undefined, {
			...DEFAULT_FAILED_TESTS_LIMITS,
			maxResults: 4,
		});
		expect(byResults.truncated).toBe(true);
		expect(byResults.tests).toHaveLength(4);
		const exact = await fetchFailedTests(ctx(), runUrl('big'), undefined, {
			...DEFAULT_FAILED_TESTS_LIMITS,
			maxResults: 15,
		});
		expect(exact).toMatchObject({ truncated: false });
		expect(exact.tests).toHaveLength(15);
	});
});

describe('attachFailedTests: errors become the item-level error object', () => {
	test('404: the run is unknown', async () => {
		const json = await attachFailedTests(ctx(), finished('missing', 2));
		expect(json.failedTestsError).toEqual({
			status: 404,
			message: 'Currents API error (HTTP 404): Run not found',
		});
		expect(json.failedTests).toBeUndefined();
	});

	test('429 with a short Retry-After is waited out', async () => {
		seedRun('r3');
		fake().addFault({
			path: '^/instances/',
			status: 429,
			headers: { 'retry-after': '1' },
			body: { message: 'Rate limited' },
			times: 1,
		});
		const json = await attachFailedTests(ctx(), finished('r3', 2));
		expect(json.failedTests).toHaveLength(2);
		expect(fake().requests.filter((r) => r.path === '/instances/r3-inst-0')).toHaveLength(2); // refused once, then asked again
	});

	test('429 with a long Retry-After is reported at once', async () => {
		seedRun('r4');
		fake().addFault({
			path: '^/runs/',
			status: 429,
			headers: { 'retry-after': '120' },
			body: { message: 'Rate limited' },
		});
		const json = await attachFailedTests(ctx(), finished('r4', 2));
		expect(json.failedTestsError).toEqual({
			status: 429,
			message: 'Currents API error (HTTP 429): Rate limited',
		});
		expect(fake().requests).toHaveLength(1);
	});

	test('a timeout has no status and says it timed out', async () => {
		seedRun('r5');
		fake().addFault({ path: '^/runs/', delayMs: 800, times: 1 });
		const json = await attachFailedTests(ctx(), finished('r5', 2), {
			...DEFAULT_FAILED_TESTS_LIMITS,
			timeoutMs: 200,
		});
		expect(json.failedTestsError).toEqual({
			status: null,
			message: expect.stringMatching(/timed out/i),
		});
	});

	test('a runUrl without a run id, and a wrong key', async () => {
		expect(
			(
				await attachFailedTests(
					ctx(),
					finished('x', 1, { runUrl: 'https://app.currents.dev/projects' }),
				)
			).failedTestsError,
		).toEqual({
			status: null,
			message: "The delivery's runUrl names no run",
		});
		seedRun('r6');
		const wrongKey = makeContext({
			credentials: { currentsTestOpsApi: { apiKey: 'nope', baseUrl: baseUrl() } },
		}).execute;
		const json = await attachFailedTests(wrongKey, finished('r6', 1));
		expect(json.failedTestsError).toEqual({
			status: 401,
			message: 'Currents API error (HTTP 401): Invalid API key',
		});
		expect(JSON.stringify(json)).not.toContain('nope');
	});

	test('only finished or timed-out runs with failures are looked up', async () => {
		seedRun('r7');
		for (const body of [
			finished('r7', 0),
			{ ...finished('r7', 3), event: 'RUN_START' },
			{ ...finished('r7', 3), event: 'RUN_CANCELED' },
		]) {
			expect(await attachFailedTests(ctx(), body)).toBe(body);
		}
		expect(fake().requests).toHaveLength(0);
		expect(
			(await attachFailedTests(ctx(), { ...finished('r7', 2), event: 'RUN_TIMEOUT' })).failedTests,
		).toHaveLength(2);
	});

	test('itemError keeps status and message only', () => {
		expect(itemError(new Error('boom'))).toEqual({ status: null, message: 'boom' });
	});
});

describe('Currents Trigger execute()', () => {
	const node = new CurrentsTrigger();
	const exec = (params: Record<string, unknown>, body: IDataObject) =>
		node.execute.call(
			ctx({
				params: { setupMode: 'automatic', events: ['RUN_FINISH'], options: {}, ...params },
				items: [
					{
						json: body,
						testopsDelivery: { receivedAt: '2026-03-01T10:00:00.000Z', project: 'proj_alpha' },
					} as unknown as INodeExecutionData,
				],
			}),
		);

	test('Attach Failed Tests adds them; the summary lists them as failures', async () => {
		seedRun('r8');
		const [[plain]] = await exec({ attachFailedTests: true }, finished('r8', 2));
		expect(plain.json.failedTests).toHaveLength(2);
		expect(plain.json.failedTestsTruncated).toBe(false);
		const [[summary]] = await exec(
			{ attachFailedTests: true, output: 'summary' },
			finished('r8', 2),
		);
		expect(summary.json).toMatchObject({
			source: 'currents',
			status: 'failed',
			project: 'proj_alpha',
			failures: [
				{
					title: 'Login > rejects a wrong password',
					file: 'cypress/e2e/login.cy.ts',
					message: 'expected 401 to equal 403',
					url: 'https://app.currents.dev/instance/r8-inst-0/test/t0_1',
				},
				{
					title: 'Pay > charges the card',
					file: 'cypress/e2e/pay.cy.ts',
					message: 'Timed out retrying',
					url: expect.any(String),
				},
			],
			failuresTruncated: false,
			failuresError: null,
		});
		// raw is the delivery, without what the node added.
		expect((summary.json.raw as IDataObject).failedTests).toBeUndefined();
	});

	test('an API error reaches the summary as failuresError', async () => {
		const [[summary]] = await exec(
			{ attachFailedTests: true, output: 'summary' },
			finished('gone', 2),
		);
		expect(summary.json).toMatchObject({
			failures: null,
			failuresError: { status: 404, message: 'Currents API error (HTTP 404): Run not found' },
		});
	});

	test('off by default: nothing is asked', async () => {
		seedRun('r9');
		const body = finished('r9', 2);
		const [[item]] = await exec({}, body);
		expect(item.json).toEqual(body);
		expect(fake().requests).toHaveLength(0);
	});
});
