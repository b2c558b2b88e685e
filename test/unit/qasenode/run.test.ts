import { execute, project, TOKEN, useFake } from './helpers';

/*
 * Run operations against the fake Qase API (test/fakes/qase-api.js, built from the Qase API v1
 * spec: github.com/qase-tms/specs testops-api/v1 paths/runs.yaml, run.yaml, run_complete.yaml).
 */
const { fake, baseUrl } = useFake();
const run = (params: Record<string, unknown>, options = {}) =>
	execute(baseUrl(), { resource: 'run', ...params }, options);

describe('Qase TestOps node, Run', () => {
	test('create sends Run.create and outputs the new id and project', async () => {
		const out = await run({
			operation: 'create',
			project: project('ID'),
			title: 'Build 42',
			casesFrom: 'cases',
			caseIds: '1610, 1611',
			additionalFields: {
				description: 'From CI',
				environmentSlug: 'staging',
				milestoneId: 1,
				tags: 'ci, nightly',
				isAutotest: true,
			},
		});
		expect(out).toEqual([{ json: { id: 3, project: 'ID' }, pairedItem: { item: 0 } }]);
		const req = fake().requests.find((r) => r.method === 'POST')!;
		expect(req.path).toBe('/run/ID');
		expect(req.body).toEqual({
			title: 'Build 42',
			cases: [1610, 1611],
			description: 'From CI',
			environment_slug: 'staging',
			milestone_id: 1,
			tags: ['ci', 'nightly'],
			is_autotest: true,
		});
		expect(fake().getRecord('run', 'ID', 3)).toMatchObject({
			title: 'Build 42',
			cases: [1610, 1611],
			status_text: 'active',
		});
	});

	test('create from a plan or from all cases', async () => {
		await run({
			operation: 'create',
			project: project('ID'),
			title: 'P',
			casesFrom: 'plan',
			planId: 2,
		});
		expect(fake().requests.at(-1)!.body).toEqual({ title: 'P', plan_id: 2 });
		expect(fake().getRecord('run', 'ID', 3)!.cases).toEqual([1033]);
		await run({ operation: 'create', project: project('ID'), title: 'A', casesFrom: 'all' });
		expect(fake().requests.at(-1)!.body).toEqual({ title: 'A', include_all_cases: true });
	});

	test('get returns the run; get of a missing run is Qase 404 with its message', async () => {
		const [got] = await run({ operation: 'get', project: project('ID'), runId: 2 });
		expect(got.json).toMatchObject({ id: 2, title: 'Nightly regression', status_text: 'complete' });
		const error = await run({ operation: 'get', project: project('ID'), runId: 99 }).catch(
			(e) => e,
		);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('Qase API error (HTTP 404): Run not found');
	});

	test('get many pages through all runs (Return All) or up to the limit', async () => {
		for (let n = 0; n < 148; n++)
			fake().setRecord('run', 'DEMO', n + 1, { id: n + 1, title: `R${n}`, status: 0 });
		const all = await run({ operation: 'getMany', project: project('DEMO'), returnAll: true });
		expect(all.map((i) => i.json.title)).toEqual(Array.from({ length: 148 }, (_, n) => `R${n}`));
		expect(fake().requests.map((r) => r.query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '100', offset: '100' },
		]);
		fake().requests.length = 0;
		const some = await run({
			operation: 'getMany',
			project: project('DEMO'),
			returnAll: false,
			limit: 120,
		});
		expect(some).toHaveLength(120);
		expect(fake().requests.map((r) => r.query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '20', offset: '100' },
		]);
	});

	test('get many filters by status (comma-separated, as the spec says)', async () => {
		const out = await run({
			operation: 'getMany',
			project: project('ID'),
			returnAll: true,
			filters: { status: ['in_progress', 'passed'] },
		});
		expect(out.map((i) => i.json.id)).toEqual([1, 2]);
		expect(fake().requests[0].query).toMatchObject({ status: 'in_progress,passed' });
		const passed = await run({
			operation: 'getMany',
			project: project('ID'),
			returnAll: true,
			filters: { status: ['passed'] },
		});
		expect(passed.map((i) => i.json.id)).toEqual([2]);
	});

	test('complete marks the run complete; completing it again is Qase 422', async () => {
		const out = await run({ operation: 'complete', project: project('ID'), runId: 1 });
		expect(out[0].json).toEqual({ id: 1, project: 'ID', completed: true });
		expect(fake().requests[0]).toMatchObject({ method: 'POST', path: '/run/ID/1/complete' });
		expect(fake().getRecord('run', 'ID', 1)).toMatchObject({ status: 1, status_text: 'complete' });
		const again = await run({ operation: 'complete', project: project('ID'), runId: 1 }).catch(
			(e) => e,
		);
		expect(again.httpCode).toBe('422');
		expect(again.message).toBe('Qase API error (HTTP 422): Run is already completed.');
	});

	test('delete removes the run', async () => {
		const out = await run({ operation: 'delete', project: project('ID'), runId: 1 });
		expect(out[0].json).toEqual({ id: 1, project: 'ID', deleted: true });
		expect(fake().getRecord('run', 'ID', 1)).toBeUndefined();
		const again = await run({ operation: 'delete', project: project('ID'), runId: 1 }).catch(
			(e) => e,
		);
		expect(again.httpCode).toBe('404');
	});

	test.each([
		[{ operation: 'create', project: project('ID'), title: '' }, 'Title is required'],
		[
			{ operation: 'create', project: project('ID'), title: 'x'.repeat(256) },
			'Title must be at most 255 characters (it has 256)',
		],
		[
			{
				operation: 'create',
				project: project('ID'),
				title: 'T',
				casesFrom: 'cases',
				caseIds: '1, x',
			},
			'Case IDs must be a positive whole number, got "x"',
		],
		[
			{
				operation: 'create',
				project: project('ID'),
				title: 'T',
				additionalFields: { environmentId: 3, environmentSlug: 'prod' },
			},
			'Give either Environment ID or Environment Slug, not both',
		],
		[
			{ operation: 'get', project: project('../x'), runId: 1 },
			'Project: "../x" is not a Qase project code (2 to 10 letters or digits, starting with a letter)',
		],
		[{ operation: 'get', project: project('ID'), runId: 0 }, 'Run ID is required'],
		[
			{ operation: 'get', project: project('ID'), runId: 1.5 },
			'Run ID must be a positive whole number, got "1.5"',
		],
		[
			{
				operation: 'getMany',
				project: project('ID'),
				returnAll: true,
				filters: { status: ['done'] },
			},
			'Status must be among in_progress, passed, failed, aborted, got "done"',
		],
	])('bad input is refused before any request: %j', async (params, message) => {
		const error = await run(params).catch((e) => e);
		expect(error.message).toBe(message);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(fake().requests).toHaveLength(0);
	});

	test("Qase's validation error reaches the user with its status and message", async () => {
		// A plan that does not exist passes the node's checks; Qase refuses it (422, errorFields).
		const error = await run({
			operation: 'create',
			project: project('ID'),
			title: 'T',
			casesFrom: 'plan',
			planId: 777,
		}).catch((e) => e);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('422');
		expect(error.message).toBe('Qase API error (HTTP 422): Data is invalid.');
	});

	test('a 429 is waited out after Retry-After and the request sent again', async () => {
		fake().rateLimit(1, 1);
		const out = await run({ operation: 'get', project: project('ID'), runId: 1 });
		expect(out[0].json.id).toBe(1);
		expect(fake().requests.map((r) => r.path)).toEqual(['/run/ID/1', '/run/ID/1']);
	});

	test('a 429 with a long Retry-After fails at once with Qase status and message', async () => {
		fake().rateLimit(1, 60);
		const error = await run({ operation: 'complete', project: project('ID'), runId: 1 }).catch(
			(e) => e,
		);
		expect(error.httpCode).toBe('429');
		expect(error.message).toBe('Qase API error (HTTP 429): API rate limit exceeded.');
		expect(fake().requests).toHaveLength(1);
		expect(fake().getRecord('run', 'ID', 1)!.status).toBe(0);
	});

	test('a wrong token is Qase 401; the token appears in no output or error', async () => {
		fake().addFault({
			path: '^/run/',
			status: 401,
			body: { status: false, errorMessage: 'Unauthenticated.' },
		});
		const error = await run({ operation: 'get', project: project('ID'), runId: 1 }).catch((e) => e);
		expect(error.httpCode).toBe('401');
		expect(JSON.stringify(error)).not.toContain(TOKEN);
		expect(String(error.stack)).not.toContain(TOKEN);
		const out = await run(
			{ operation: 'get', project: project('ID'), runId: 1 },
			{ continueOnFail: true },
		);
		expect(JSON.stringify(out)).not.toContain(TOKEN);
		expect(fake().requests.every((r) => r.headers.token === TOKEN)).toBe(true);
	});

	test('Continue On Fail: each failing item becomes an error item paired with it', async () => {
		const out = await run(
			{ operation: 'get', project: project('ID') },
			{ perItem: [{ runId: 1 }, { runId: 99 }, { runId: -1 }], continueOnFail: true },
		);
		expect(out).toEqual([
			{ json: expect.objectContaining({ id: 1 }), pairedItem: { item: 0 } },
			{ json: { error: 'Qase API error (HTTP 404): Run not found' }, pairedItem: { item: 1 } },
			{
				json: { error: 'Run ID must be a positive whole number, got "-1"' },
				pairedItem: { item: 2 },
			},
		]);
	});

	test('an answer that is not a Qase envelope is an error, not output', async () => {
		fake().addFault({ path: '^/run/ID/1$', raw: '{"status":true,"result":' });
		const error = await run({ operation: 'get', project: project('ID'), runId: 1 }).catch((e) => e);
		expect(error.message).toBe('Qase API returned an unreadable response to GET /run/ID/1');
	});
});
