import type { INodeExecutionData } from 'n8n-workflow';

import { OpenlayerTestOpsApi } from '../../../credentials/OpenlayerTestOpsApi.credentials';
import {
	attachFailedTests,
	fetchFailedTests,
	resultsSourceOf,
} from '../../../nodes/Openlayer/failedTests';
import { makeContext, registerCredentialType } from '../../helpers/context';
import { createOpenlayerFake } from '../../fakes/openlayer-api';
import { useFake } from '../../helpers/fakeApi';

registerCredentialType(new OpenlayerTestOpsApi());

const KEY = 'test-openlayer-key';
const VERSION = 'a1b2c3d4-0000-4000-8000-000000000001';
const PIPELINE = 'e5f6a7b8-0000-4000-8000-000000000002';

const { fake, baseUrl } = useFake(() => createOpenlayerFake({ apiKeys: [KEY] }));

function resultsItem(tests: Record<string, unknown>): INodeExecutionData {
	return {
		json: {
			type: 'tests.result.updated',
			timestamp: '2026-01-21T10:30:00Z',
			data: {
				tests: {
					projectId: 'p1',
					projectVersionId: null,
					inferencePipelineId: null,
					total: 10,
					passing: 5,
					failing: 5,
					skipped: 0,
					running: 0,
					status: 'failing',
					...tests,
				},
			},
		},
	};
}

function ctx(items: INodeExecutionData[] = [], apiKey = KEY) {
	return makeContext({
		credentials: { openlayerTestOpsApi: { apiKey, baseUrl: `${baseUrl()}/` } },
		items,
	});
}

describe('resultsSourceOf', () => {
	it('prefers the commit, else the monitoring pipeline', () => {
		expect(resultsSourceOf({ projectVersionId: 'v', inferencePipelineId: 'p' })).toEqual({
			kind: 'projectVersion',
			id: 'v',
		});
		expect(resultsSourceOf({ projectVersionId: null, inferencePipelineId: 'p' })).toEqual({
			kind: 'inferencePipeline',
			id: 'p',
		});
		expect(resultsSourceOf({ projectVersionId: null, inferencePipelineId: null })).toBeUndefined();
	});
});

describe('fetchFailedTests', () => {
	it('follows every page of ?status=failing with Bearer auth', async () => {
		const all = fake().addRun({ projectVersionId: VERSION, failing: 250, passing: 40 });
		const c = ctx();
		const found = await fetchFailedTests(c.execute, { kind: 'projectVersion', id: VERSION });
		expect(found.truncated).toBe(false);
		expect(found.results.map((r) => r.id)).toEqual(
			all.filter((r) => r.status === 'failing').map((r) => r.id),
		);
		expect(fake().requests.map((r) => [r.path, r.query])).toEqual([
			[`/versions/${VERSION}/results`, { status: 'failing', page: '1', perPage: '100' }],
			[`/versions/${VERSION}/results`, { status: 'failing', page: '2', perPage: '100' }],
			[`/versions/${VERSION}/results`, { status: 'failing', page: '3', perPage: '100' }],
		]);
		expect(fake().requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
	});

	it('stops at the page cap and says the list is truncated', async () => {
		fake().addRun({ inferencePipelineId: PIPELINE, failing: 30 });
		const found = await fetchFailedTests(
			ctx().execute,
			{ kind: 'inferencePipeline', id: PIPELINE },
			{
				perPage: 10,
				maxPages: 2,
				maxResults: 1000,
			},
		);
		expect(found.results).toHaveLength(20);
		expect(found.truncated).toBe(true);
		expect(fake().requests.map((r) => r.path)).toEqual([
			`/inference-pipelines/${PIPELINE}/results`,
			`/inference-pipelines/${PIPELINE}/results`,
		]);
	});

	it('stops at the result cap', async () => {
		fake().addRun({ projectVersionId: VERSION, failing: 25 });
		const found = await fetchFailedTests(
			ctx().execute,
			{ kind: 'projectVersion', id: VERSION },
			{
				perPage: 10,
				maxPages: 10,
				maxResults: 15,
			},
		);
		expect(found.results).toHaveLength(15);
		expect(found.truncated).toBe(true);
		expect(fake().requests).toHaveLength(2);
	});

	it('is not truncated when the cap is met exactly by the last page', async () => {
		fake().addRun({ projectVersionId: VERSION, failing: 20 });
		const found = await fetchFailedTests(
			ctx().execute,
			{ kind: 'projectVersion', id: VERSION },
			{
				perPage: 10,
				maxPages: 2,
				maxResults: 20,
			},
		);
		expect(found).toMatchObject({ truncated: false });
		expect(found.results).toHaveLength(20);
	});
});

describe('attachFailingTests', () => {
	it('attaches the failing results of a commit run and keeps the envelope', async () => {
		const all = fake().addRun({ projectVersionId: VERSION, failing: 3, passing: 7 });
		const item = resultsItem({ projectVersionId: VERSION, failing: 3 });
		const [out] = await attachFailedTests(ctx().execute, [item]);
		expect(out.pairedItem).toEqual({ item: 0 });
		expect(out.json.data).toEqual(item.json.data);
		expect(out.json.failingTestsTruncated).toBe(false);
		expect(out.json.failingTests).toEqual(all.filter((r) => r.status === 'failing'));
		expect((out.json.failingTests as unknown[])[0]).toMatchObject({
			status: 'failing',
			statusMessage: expect.any(String),
			goal: {
				id: expect.any(String),
				name: 'Test 1',
				number: 1,
				type: 'integrity',
				subtype: 'duplicateRowCount',
			},
		});
		expect(out.json.failingTestsError).toBeUndefined();
	});

	it('uses the inference pipeline endpoint for monitoring runs', async () => {
		fake().addRun({ inferencePipelineId: PIPELINE, failing: 2 });
		const [out] = await attachFailedTests(ctx().execute, [
			resultsItem({ inferencePipelineId: PIPELINE, failing: 2 }),
		]);
		expect(out.json.failingTests).toHaveLength(2);
		expect(fake().requests.map((r) => r.path)).toEqual([
			`/inference-pipelines/${PIPELINE}/results`,
		]);
	});

	it('asks nothing for runs without failures or other events, and passes them through paired', async () => {
		const items: INodeExecutionData[] = [
			resultsItem({ projectVersionId: VERSION, failing: 0, status: 'passing' }),
			{ json: { type: 'test.created', timestamp: 't', data: { test: { id: 't1' } } } },
			{ json: { type: 'test.deleted', timestamp: 't', data: { test: { id: 't2' } } } },
		];
		const out = await attachFailedTests(ctx().execute, items);
		expect(out.map((o) => o.json)).toEqual(items.map((i) => i.json));
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(fake().requests).toHaveLength(0);
	});

	it('reports a 404 (unknown commit) inside the item instead of failing the execution', async () => {
		const unknown = 'ffffffff-0000-4000-8000-00000000dead';
		const [out] = await attachFailedTests(ctx().execute, [
			resultsItem({ projectVersionId: unknown }),
		]);
		expect(out.json.failingTests).toBeUndefined();
		expect(out.json.failingTestsError).toEqual({
			status: 404,
			message: 'Openlayer API error (HTTP 404): Project version not found',
		});
		expect(out.json.data).toEqual(resultsItem({ projectVersionId: unknown }).json.data);
	});

	it('reports a 500 and a rejected API key inside the item', async () => {
		fake().addRun({ projectVersionId: VERSION, failing: 1 });
		fake().addFault({
			path: '/results$',
			status: 500,
			body: { error: 'Internal error' },
			times: 1,
		});
		const [five] = await attachFailedTests(ctx().execute, [
			resultsItem({ projectVersionId: VERSION }),
		]);
		expect(five.json.failingTestsError).toEqual({
			status: 500,
			message: 'Openlayer API error (HTTP 500): Internal error',
		});

		const [unauthorized] = await attachFailedTests(ctx([], 'wrong-key').execute, [
			resultsItem({ projectVersionId: VERSION }),
		]);
		expect(unauthorized.json.failingTestsError).toEqual({
			status: 401,
			message: 'Openlayer API error (HTTP 401): Invalid or missing API key',
		});
		expect(JSON.stringify(unauthorized.json)).not.toContain('wrong-key');
	});

	it('retries a 429 and then attaches the results', async () => {
		fake().addRun({ projectVersionId: VERSION, failing: 1 });
		fake().addFault({
			path: '/results$',
			status: 429,
			headers: { 'retry-after': '0' },
			body: { error: 'Slow down' },
			times: 1,
		});
		const [out] = await attachFailedTests(ctx().execute, [
			resultsItem({ projectVersionId: VERSION, failing: 1 }),
		]);
		expect(out.json.failingTests).toHaveLength(1);
		expect(fake().requests).toHaveLength(2);
	});

	it('reports a 503 that outlasts the retries, and one failing item does not stop the next', async () => {
		fake().addRun({ projectVersionId: VERSION, failing: 150 });
		fake().addRun({ inferencePipelineId: PIPELINE, failing: 1 });
		fake().addFault({ path: `^/versions/`, status: 503, body: { error: 'Unavailable' } });
		const out = await attachFailedTests(ctx().execute, [
			resultsItem({ projectVersionId: VERSION }),
			resultsItem({ inferencePipelineId: PIPELINE, failing: 1 }),
		]);
		expect(out[0].json.failingTestsError).toEqual({
			status: 503,
			message: 'Openlayer API error (HTTP 503): Unavailable',
		});
		expect(fake().requests.filter((r) => r.path.startsWith('/versions/'))).toHaveLength(3); // 1 + 2 retries
		expect(out[1].json.failingTests).toHaveLength(1);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	}, 20000);

	it('reports a connection failure and a missing credential inside the item', async () => {
		const down = makeContext({
			credentials: { openlayerTestOpsApi: { apiKey: KEY, baseUrl: 'http://127.0.0.1:9' } },
		});
		const [refused] = await attachFailedTests(down.execute, [
			resultsItem({ projectVersionId: VERSION }),
		]);
		expect(refused.json.failingTestsError).toMatchObject({
			status: null,
			message: expect.any(String),
		});

		const none = makeContext({});
		const [missing] = await attachFailedTests(none.execute, [
			resultsItem({ projectVersionId: VERSION }),
		]);
		expect(missing.json.failingTestsError).toEqual({
			status: null,
			message: expect.stringContaining('credentials'),
		});
	});

	it.each([
		['projectVersionId', '..'],
		['projectVersionId', '../../results'],
		['projectVersionId', 'v-1'],
		['inferencePipelineId', '%2e%2e'],
		['inferencePipelineId', 'a1b2c3d4-0000-4000-8000-000000000001/../x'],
	])('refuses %s %p before any request (path traversal)', async (field, id) => {
		const [out] = await attachFailedTests(ctx().execute, [
			resultsItem(
				field === 'projectVersionId' ? { projectVersionId: id } : { inferencePipelineId: id },
			),
		]);
		expect(out.json.failingTests).toBeUndefined();
		expect(out.json.failingTestsError).toEqual({
			status: null,
			message: expect.stringContaining('is not an Openlayer id (a UUID)'),
		});
		expect(fake().requests).toHaveLength(0);
	});

	it('reports a run that names neither a commit nor a pipeline', async () => {
		const [out] = await attachFailedTests(ctx().execute, [resultsItem({})]);
		expect(out.json.failingTestsError).toEqual({
			status: null,
			message: 'The event names neither a projectVersionId nor an inferencePipelineId',
		});
		expect(fake().requests).toHaveLength(0);
	});
});
