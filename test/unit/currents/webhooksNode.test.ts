import { searchProjects } from '../../../nodes/Currents/projectLocator';
import { CurrentsWebhooks } from '../../../nodes/CurrentsWebhooks/CurrentsWebhooks.node';
import { createCurrentsFake, type CurrentsFake } from '../../fakes/currents-api';
import { makeContext } from '../../helpers/context';

const KEY = 'unit-currents-key';
const node = new CurrentsWebhooks();
const project = { __rl: true, mode: 'list', value: 'proj_alpha' };

describe('Currents Webhooks node (against the fake API)', () => {
	let fake: CurrentsFake;
	let baseUrl: string;
	beforeAll(async () => {
		fake = createCurrentsFake({ apiKeys: [KEY] });
		baseUrl = await fake.listen();
	});
	afterAll(() => fake.close());
	beforeEach(() => {
		fake.reset();
		fake.clearFaults();
		fake.requests.length = 0;
	});

	const run = (params: Record<string, unknown>, extra: { items?: number; continueOnFail?: boolean } = {}) => {
		const c = makeContext({
			params: { resource: 'webhook', ...params },
			credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl } },
			items: Array.from({ length: extra.items ?? 1 }, () => ({ json: {} })),
			continueOnFail: extra.continueOnFail,
		});
		return { c, result: node.execute.call(c.execute) };
	};

	async function create(url = 'https://example.com/hook') {
		const { result } = run({
			operation: 'create',
			project,
			url,
			hookEvents: ['RUN_FINISH'],
			additionalFields: { label: 'CI', headers: { header: [{ name: 'x-token', value: 't' }] } },
		});
		return (await result)[0][0].json as { hookId: string } & Record<string, unknown>;
	}

	test('create sends the documented fields, headers as a JSON string', async () => {
		const hook = await create();
		expect(hook).toMatchObject({ url: 'https://example.com/hook', label: 'CI', hookEvents: ['RUN_FINISH'], headers: '{"x-token":"t"}' });
		const req = fake.requests.find((r) => r.method === 'POST')!;
		expect(req.query).toEqual({ projectId: 'proj_alpha' });
		expect(req.body).toEqual({ url: 'https://example.com/hook', hookEvents: ['RUN_FINISH'], label: 'CI', headers: '{"x-token":"t"}' });
	});

	test('list returns one item per hook, paired with its input', async () => {
		await create('https://example.com/a');
		await create('https://example.com/b');
		const out = (await run({ operation: 'list', project }).result)[0];
		expect(out.map((i) => i.json.url)).toEqual(['https://example.com/a', 'https://example.com/b']);
		expect(out.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('get, update (partial) and delete by hook id', async () => {
		const hook = await create();
		const got = (await run({ operation: 'get', hookId: hook.hookId }).result)[0][0].json;
		expect(got.hookId).toBe(hook.hookId);
		const updated = (await run({ operation: 'update', hookId: hook.hookId, updateFields: { label: 'CI v2' } }).result)[0][0].json;
		expect(updated).toMatchObject({ label: 'CI v2', url: 'https://example.com/hook', headers: '{"x-token":"t"}' });
		expect(fake.requests.find((r) => r.method === 'PUT')!.body).toEqual({ label: 'CI v2' });
		const cleared = (await run({ operation: 'update', hookId: hook.hookId, updateFields: { clearHeaders: true } }).result)[0][0].json;
		expect(cleared.headers).toBeNull();
		const deleted = (await run({ operation: 'delete', hookId: hook.hookId }).result)[0][0].json;
		expect(deleted).toEqual({ deleted: true, hookId: hook.hookId });
		expect(fake.hooks).toHaveLength(0);
	});

	test.each(['get', 'delete'])('%s of a missing hook says it does not exist (404)', async (operation) => {
		const id = '550e8400-e29b-41d4-a716-446655440000';
		const error = await run({ operation, hookId: id }).result.catch((e) => e);
		expect(error.message).toBe(`Webhook ${id} does not exist`);
		expect(error.httpCode).toBe('404');
	});

	test.each([
		[{ operation: 'create', project, url: 'ftp://x', hookEvents: ['RUN_START'], additionalFields: {} }, 'URL must use http or https, got "ftp:"'],
		[{ operation: 'create', project, url: 'https://x', hookEvents: [], additionalFields: {} }, 'Events: select at least one event'],
		[{ operation: 'create', project, url: 'https://x', hookEvents: ['RUN_START'], additionalFields: { label: '' } }, 'Label must be 1 to 255 characters (it has 0)'],
		[{ operation: 'get', hookId: 'abc' }, 'Webhook ID must be a UUID, got "abc"'],
		[{ operation: 'update', hookId: '550e8400-e29b-41d4-a716-446655440000', updateFields: {} }, 'Update Fields: add at least one field to change'],
	])('bad input is refused before any request: %j', async (params, message) => {
		const error = await run(params).result.catch((e) => e);
		expect(error.message).toBe(message);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(fake.requests).toHaveLength(0);
	});

	test('API errors carry the status and Currents message; the key never appears', async () => {
		fake.addFault({ method: 'GET', path: '^/webhooks$', status: 403, body: { status: 'FAILED', message: 'Insufficient scope', code: 'insufficient_scope' } });
		const error = await run({ operation: 'list', project }).result.catch((e) => e);
		expect(error.message).toBe('Currents API error (HTTP 403): Insufficient scope');
		expect(error.httpCode).toBe('403');
		expect(JSON.stringify(error)).not.toContain(KEY);
	});

	test('malformed JSON from the API is an error, not a crash', async () => {
		fake.addFault({ method: 'GET', path: '^/webhooks$', raw: '{"status":"OK","data":[' });
		// n8n's HTTP helper hands back the unparsed text; the node must not output it as hooks.
		const error = await run({ operation: 'list', project }).result.catch((e) => e);
		expect(error.message).toBe('Currents API returned an unreadable response to GET /webhooks');
	});

	test('Continue On Fail turns each failing item into an error item paired with it', async () => {
		const { result } = run({ operation: 'get', hookId: 'nope' }, { items: 2, continueOnFail: true });
		const out = (await result)[0];
		expect(out).toEqual([
			{ json: { error: 'Webhook ID must be a UUID, got "nope"' }, pairedItem: { item: 0 } },
			{ json: { error: 'Webhook ID must be a UUID, got "nope"' }, pairedItem: { item: 1 } },
		]);
	});

	test('the project list follows Currents cursor pagination', async () => {
		for (let i = 0; i < 120; i++) fake.addProject({ projectId: `proj_${i}`, name: `Project ${i}` });
		const c = makeContext({ credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl } } });
		const first = await searchProjects.call(c.loadOptions);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBeDefined();
		const second = await searchProjects.call(c.loadOptions, undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(22);
		expect(second.paginationToken).toBeUndefined();
		const names = new Set([...first.results, ...second.results].map((r) => r.value));
		expect(names.size).toBe(122);
		const filtered = await searchProjects.call(c.loadOptions, 'beta');
		expect(filtered.results).toEqual([{ name: 'Beta Mobile', value: 'proj_beta' }]);
	});
});
