import { execute, project, useFake } from './helpers';

/*
 * Result operations against the fake Qase API (Qase API v1: paths/result.id.yaml, result_bulk.yaml,
 * schemas/Result.create.yaml, Result.CreateBulk.yaml).
 */
const { fake, baseUrl } = useFake();
const result = (params: Record<string, unknown>, options = {}) =>
	execute(baseUrl(), { resource: 'result', project: project('ID'), runId: 1, ...params }, options);

describe('Qase TestOps node, Result', () => {
	test('create records one result (case by ID) with every documented field', async () => {
		const out = await result({
			operation: 'create',
			status: 'failed',
			caseBy: 'id',
			caseId: 1610,
			additionalFields: {
				timeMs: 1234,
				comment: 'Broke on CI',
				stacktrace: 'Error: boom\n    at x.ts:1',
				attachments: 'abcdef12, 0123456789abcdef',
				defect: true,
			},
		});
		expect(fake().requests[0]).toMatchObject({ method: 'POST', path: '/result/ID/1' });
		expect(fake().requests[0].body).toEqual({
			status: 'failed',
			case_id: 1610,
			time_ms: 1234,
			comment: 'Broke on CI',
			stacktrace: 'Error: boom\n    at x.ts:1',
			attachments: ['abcdef12', '0123456789abcdef'],
			defect: true,
		});
		const [stored] = fake().resultsOf('ID', 1);
		expect(out).toEqual([
			{
				json: { case_id: 1610, hash: stored.hash, project: 'ID', run_id: 1 },
				pairedItem: { item: 0 },
			},
		]);
		// `defect: true` on a failed result files a defect in Qase.
		expect(fake().list('defect', 'ID').at(-1)).toMatchObject({
			title: 'Example test case',
			results: [stored.hash],
		});
	});

	test('create by case title sends the case object (Qase finds or creates the case)', async () => {
		await result({
			operation: 'create',
			status: 'passed',
			caseBy: 'title',
			caseTitle: 'Cart > adds an item',
			additionalFields: { suiteTitle: 'e2e\tcart' },
		});
		expect(fake().requests[0].body).toEqual({
			status: 'passed',
			case: { title: 'Cart > adds an item', suite_title: 'e2e\tcart' },
		});
	});

	test('create many sends ONE bulk request with one result per input item', async () => {
		const out = await result(
			{ operation: 'createMany', caseBy: 'title', additionalFields: {} },
			{
				perItem: [
					{ status: 'failed', caseTitle: 'Login > rejects a wrong password' },
					{ status: 'failed', caseTitle: 'Cart > adds an item' },
					{ status: 'passed', caseTitle: 'Passed tests' },
				],
			},
		);
		expect(fake().requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /result/ID/1/bulk']);
		expect(fake().requests[0].body).toEqual({
			results: [
				{ status: 'failed', case: { title: 'Login > rejects a wrong password' } },
				{ status: 'failed', case: { title: 'Cart > adds an item' } },
				{ status: 'passed', case: { title: 'Passed tests' } },
			],
		});
		expect(out).toEqual([
			{
				json: { project: 'ID', run_id: 1, results: 3 },
				pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
			},
		]);
		expect(
			fake()
				.resultsOf('ID', 1)
				.map((r) => r.status),
		).toEqual(['failed', 'failed', 'passed']);
	});

	test('create many: items of different runs go in one request per run', async () => {
		await result(
			{
				operation: 'createMany',
				caseBy: 'id',
				caseId: 1610,
				status: 'passed',
				additionalFields: {},
			},
			{ perItem: [{ runId: 1 }, { runId: 2 }, { runId: 1 }] },
		);
		expect(fake().requests.map((r) => r.path)).toEqual(['/result/ID/1/bulk', '/result/ID/2/bulk']);
		expect(fake().resultsOf('ID', 1)).toHaveLength(2);
	});

	test('create many: a bad item fails the node before anything is sent', async () => {
		const error = await result(
			{ operation: 'createMany', caseBy: 'title', status: 'passed', additionalFields: {} },
			{ perItem: [{ caseTitle: 'ok' }, { caseTitle: '' }] },
		).catch((e) => e);
		expect(error.message).toBe('Case Title is required');
		expect(error.context.itemIndex).toBe(1);
		expect(fake().requests).toHaveLength(0);
	});

	test('create many with Continue On Fail: the bad item is an error item, the rest is sent', async () => {
		const out = await result(
			{ operation: 'createMany', caseBy: 'title', additionalFields: {} },
			{
				perItem: [
					{ caseTitle: 'ok', status: 'passed' },
					{ caseTitle: 'bad', status: 'Not A Status' },
				],
				continueOnFail: true,
			},
		);
		expect(out).toEqual([
			{
				json: {
					error:
						'Status must be one of passed, failed, blocked, skipped, invalid (or a custom status slug), got "Not A Status"',
				},
				pairedItem: { item: 1 },
			},
			{ json: { project: 'ID', run_id: 1, results: 1 }, pairedItem: [{ item: 0 }] },
		]);
		expect(fake().requests[0].body).toEqual({
			results: [{ status: 'passed', case: { title: 'ok' } }],
		});
	});

	test("create many: Qase's refusal of the batch is a NodeApiError with its status", async () => {
		// A custom status slug passes the node (workspaces define their own); this workspace has none.
		const error = await result(
			{
				operation: 'createMany',
				caseBy: 'id',
				caseId: 1610,
				status: 'flaky',
				additionalFields: {},
			},
			{ items: 2 },
		).catch((e) => e);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('422');
		expect(error.message).toBe('Qase API error (HTTP 422): Data is invalid.');
		expect(fake().resultsOf('ID', 1)).toHaveLength(0);
	});

	test('results for a missing run are Qase 404', async () => {
		const error = await result({
			operation: 'create',
			runId: 404,
			caseBy: 'id',
			caseId: 1610,
			status: 'passed',
		}).catch((e) => e);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('Qase API error (HTTP 404): Run not found');
	});

	test.each([
		[
			{ caseBy: 'id', caseId: 'x', status: 'passed' },
			'Case ID must be a positive whole number, got "x"',
		],
		[
			{ caseBy: 'title', caseTitle: 'T', status: 'passed', additionalFields: { timeMs: -1 } },
			'Time (Ms) must be a whole number from 0 to 31536000000, got "-1"',
		],
		[
			{
				caseBy: 'title',
				caseTitle: 'T',
				status: 'passed',
				additionalFields: { attachments: 'zz-top' },
			},
			'Attachment Hashes: "zz-top" is not an attachment hash (hexadecimal)',
		],
		[
			{ caseBy: 'title', caseTitle: 'T', status: 'PASSED' },
			expect.stringMatching(/^Status must be one of/),
		],
	])('bad input is refused before any request: %j', async (params, message) => {
		const error = await result({ operation: 'create', ...params }).catch((e) => e);
		expect(error.message).toEqual(message);
		expect(fake().requests).toHaveLength(0);
	});
});
