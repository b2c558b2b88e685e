import { randomBytes } from 'node:crypto';

import { NodeOperationError } from 'n8n-workflow';

import { searchProjects } from '../../../nodes/Currents/projectLocator';
import { CUSTOM_API_CALL } from '../../../nodes/shared/customApiCall';
import { CurrentsWebhooks } from '../../../nodes/CurrentsWebhooks/CurrentsWebhooks.node';
import { createCurrentsFake } from '../../fakes/currents-api';
import { useFake } from '../../helpers/fakeApi';
import { makeContext } from '../../helpers/context';

const KEY = 'unit-currents-key';
const node = new CurrentsWebhooks();
const project = { __rl: true, mode: 'list', value: 'proj_alpha' };

describe('Currents Webhooks node (against the fake API)', () => {
	const { fake, baseUrl } = useFake(() => createCurrentsFake({ apiKeys: [KEY] }));

	const run = (
		params: Record<string, unknown>,
		extra: { items?: number; continueOnFail?: boolean } = {},
	) => {
		const c = makeContext({
			params: { resource: 'webhook', ...params },
			credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl: baseUrl() } },
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
		expect(hook).toMatchObject({
			url: 'https://example.com/hook',
			label: 'CI',
			hookEvents: ['RUN_FINISH'],
			headers: '{"x-token":"[redacted]"}',
		});
		const req = fake().requests.find((r) => r.method === 'POST')!;
		expect(req.query).toEqual({ projectId: 'proj_alpha' });
		expect(req.body).toEqual({
			url: 'https://example.com/hook',
			hookEvents: ['RUN_FINISH'],
			label: 'CI',
			headers: '{"x-token":"t"}',
		});
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
		const updated = (
			await run({ operation: 'update', hookId: hook.hookId, updateFields: { label: 'CI v2' } })
				.result
		)[0][0].json;
		expect(updated).toMatchObject({
			label: 'CI v2',
			url: 'https://example.com/hook',
			headers: '{"x-token":"[redacted]"}',
		});
		expect(fake().requests.find((r) => r.method === 'PUT')!.body).toEqual({ label: 'CI v2' });
		const cleared = (
			await run({ operation: 'update', hookId: hook.hookId, updateFields: { clearHeaders: true } })
				.result
		)[0][0].json;
		expect(cleared.headers).toBeNull();
		const deleted = (await run({ operation: 'delete', hookId: hook.hookId }).result)[0][0].json;
		expect(deleted).toEqual({ deleted: true, hookId: hook.hookId });
		expect(fake().hooks).toHaveLength(0);
	});

	test.each(['get', 'delete'])(
		'%s of a missing hook says it does not exist (404)',
		async (operation) => {
			const id = '550e8400-e29b-41d4-a716-446655440000';
			const error = await run({ operation, hookId: id }).result.catch((e) => e);
			expect(error.message).toBe(`Webhook ${id} does not exist`);
			expect(error.httpCode).toBe('404');
		},
	);

	test.each([
		[
			{
				operation: 'create',
				project,
				url: 'ftp://x',
				hookEvents: ['RUN_START'],
				additionalFields: {},
			},
			'URL must use http or https, got "ftp:"',
		],
		[
			{ operation: 'create', project, url: 'https://x', hookEvents: [], additionalFields: {} },
			'Events: select at least one event',
		],
		[
			{
				operation: 'create',
				project,
				url: 'https://x',
				hookEvents: ['RUN_START'],
				additionalFields: { label: '' },
			},
			'Label must be 1 to 255 characters (it has 0)',
		],
		[{ operation: 'get', hookId: 'abc' }, 'Webhook ID must be a UUID, got "abc"'],
		[
			{ operation: 'update', hookId: '550e8400-e29b-41d4-a716-446655440000', updateFields: {} },
			'Update Fields: add at least one field to change',
		],
	])('bad input is refused before any request: %j', async (params, message) => {
		const error = await run(params).result.catch((e) => e);
		expect(error.message).toBe(message);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(fake().requests).toHaveLength(0);
	});

	test('API errors carry the status and Currents message; the key never appears', async () => {
		fake().addFault({
			method: 'GET',
			path: '^/webhooks$',
			status: 403,
			body: { status: 'FAILED', message: 'Insufficient scope', code: 'insufficient_scope' },
		});
		const error = await run({ operation: 'list', project }).result.catch((e) => e);
		expect(error.message).toBe('Currents API error (HTTP 403): Insufficient scope');
		expect(error.httpCode).toBe('403');
		expect(JSON.stringify(error)).not.toContain(KEY);
	});

	test('malformed JSON from the API is an error, not a crash', async () => {
		fake().addFault({ method: 'GET', path: '^/webhooks$', raw: '{"status":"OK","data":[' });
		// n8n's HTTP helper hands back the unparsed text; the node must not output it as hooks.
		const error = await run({ operation: 'list', project }).result.catch((e) => e);
		expect(error.message).toBe('Currents API returned an unreadable response to GET /webhooks');
	});

	test('Continue On Fail turns each failing item into an error item paired with it', async () => {
		const { result } = run(
			{ operation: 'get', hookId: 'nope' },
			{ items: 2, continueOnFail: true },
		);
		const out = (await result)[0];
		expect(out).toEqual([
			{ json: { error: 'Webhook ID must be a UUID, got "nope"' }, pairedItem: { item: 0 } },
			{ json: { error: 'Webhook ID must be a UUID, got "nope"' }, pairedItem: { item: 1 } },
		]);
	});

	// n8n appends "Custom API Call" (value __CUSTOM_API_CALL__) to Resource and, for a resource, to
	// Operation, because the Currents TestOps API credential has `authenticate`.
	test.each([
		['as the resource (Operation hidden)', { resource: '__CUSTOM_API_CALL__' }],
		['as the operation', { operation: '__CUSTOM_API_CALL__' }],
	])(
		'Custom API Call %s: no request, an error pointing to the HTTP Request node with the credential',
		async (_, params) => {
			const { result } = run(params, { items: 2, continueOnFail: true });
			const error = await result.catch((e) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(
				'Custom API calls to Currents are made with the HTTP Request node',
			);
			expect(error.description).toContain('HTTP Request node');
			expect(error.description).toContain('"Predefined Credential Type"');
			expect(error.description).toContain('"Currents TestOps API"');
			expect(error.context.itemIndex).toBe(0);
			expect(fake().requests).toEqual([]);
		},
	);

	test('the entry n8n appends is the value execute() recognises', () => {
		// n8n's CUSTOM_API_CALL_KEY, as the editor saves it into the workflow.
		expect(CUSTOM_API_CALL).toBe('__CUSTOM_API_CALL__');
		const d = node.description;
		const lists = d.properties.filter((p) => p.name === 'resource' || p.name === 'operation');
		expect(
			lists.flatMap((p) => (p.options ?? []).map((o) => 'value' in o && o.value)),
		).not.toContain(CUSTOM_API_CALL);
	});

	describe('header values are redacted in output unless revealed (issue 10 item 4)', () => {
		const SECRET = randomBytes(32).toString('hex');
		async function triggerLikeHook() {
			const res = await fetch(`${baseUrl()}/webhooks?projectId=proj_alpha`, {
				method: 'POST',
				headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					url: 'https://n8n.example.com/webhook/x/webhook',
					hookEvents: ['RUN_FINISH'],
					headers: JSON.stringify({ 'x-webhook-secret': SECRET, 'x-team': 'qa' }),
				}),
			});
			return ((await res.json()) as { data: { hookId: string } }).data.hookId;
		}

		test.each(['list', 'get'])(
			"%s shows header names, never the Currents Trigger's x-webhook-secret",
			async (operation) => {
				const hookId = await triggerLikeHook();
				const out = (await run({ operation, project, hookId }).result)[0];
				expect(JSON.stringify(out)).not.toContain(SECRET);
				expect(JSON.stringify(out)).not.toContain('"qa"');
				expect(JSON.parse(out[0].json.headers as string)).toEqual({
					'x-webhook-secret': '[redacted]',
					'x-team': '[redacted]',
				});
			},
		);

		test.each(['list', 'get'])('%s with Reveal Header Values on shows them', async (operation) => {
			const hookId = await triggerLikeHook();
			const out = (await run({ operation, project, hookId, revealHeaderValues: true }).result)[0];
			expect(JSON.parse(out[0].json.headers as string)).toEqual({
				'x-webhook-secret': SECRET,
				'x-team': 'qa',
			});
		});

		test('an API error that quotes the headers sent does not repeat their values', async () => {
			fake().addFault({
				method: 'POST',
				path: '^/webhooks$',
				status: 400,
				body: {
					status: 'FAILED',
					message: `headers {"authorization":"Bearer sk-live-123456"} rejected`,
				},
			});
			const error = await run({
				operation: 'create',
				project,
				url: 'https://example.com/h',
				hookEvents: ['RUN_FINISH'],
				additionalFields: {
					headers: { header: [{ name: 'authorization', value: 'Bearer sk-live-123456' }] },
				},
			}).result.catch((e) => e);
			expect(error.message).toBe(
				'Currents API error (HTTP 400): headers {"authorization":"[redacted]"} rejected',
			);
			expect(JSON.stringify(error)).not.toContain('sk-live-123456');
			expect(String(error.description)).not.toContain('sk-live-123456');
		});
	});

	describe('input the API should never see is refused before any request, naming the field (item 5)', () => {
		const createWith = (over: Record<string, unknown>) => ({
			operation: 'create',
			project,
			url: 'https://example.com/h',
			hookEvents: ['RUN_FINISH'],
			additionalFields: {},
			...over,
		});
		const header = (name: string, value: string) => ({
			additionalFields: { headers: { header: [{ name, value }] } },
		});
		test.each([
			[
				'header value with CR/LF',
				createWith(header('x-a', 'v\r\nX-Injected: 1')),
				'Headers: the value of "x-a" must not contain a carriage return (CR)',
			],
			[
				'header value with LF',
				createWith(header('x-a', 'v\nb')),
				'Headers: the value of "x-a" must not contain a line feed (LF)',
			],
			[
				'header value with NUL',
				createWith(header('x-a', 'v\u0000')),
				'Headers: the value of "x-a" must not contain a NUL character',
			],
			[
				'header named __proto__',
				createWith(header('__proto__', 'x')),
				'Headers: "__proto__" cannot be used as a header name',
			],
			[
				'header name not a token',
				createWith(header('x a', 'x')),
				'Headers: "x a" is not a valid HTTP header name',
			],
			[
				'URL with CR/LF',
				createWith({ url: 'https://example.com/h\r\nHost: evil' }),
				'URL must not contain a carriage return (CR)',
			],
			[
				'URL with a tab',
				createWith({ url: 'https://exa\tmple.com/h' }),
				'URL must not contain a tab',
			],
			[
				'URL with a trailing LF',
				createWith({ url: 'https://example.com/h\n' }),
				'URL must not contain a line feed (LF)',
			],
			[
				'label of only spaces',
				createWith({ additionalFields: { label: '   ' } }),
				'Label must not be only spaces',
			],
			[
				'update: header value with CR',
				{
					operation: 'update',
					hookId: '550e8400-e29b-41d4-a716-446655440000',
					updateFields: { headers: { header: [{ name: 'x-b', value: 'a\rb' }] } },
				},
				'Headers: the value of "x-b" must not contain a carriage return (CR)',
			],
			[
				'update: label of only spaces',
				{
					operation: 'update',
					hookId: '550e8400-e29b-41d4-a716-446655440000',
					updateFields: { label: ' ' },
				},
				'Label must not be only spaces',
			],
		])('%s', async (_name, params, message) => {
			const error = await run(params).result.catch((e) => e);
			expect(error.message).toBe(message);
			expect(error.constructor.name).toBe('NodeOperationError');
			expect(fake().requests).toHaveLength(0);
			expect(fake().hooks).toHaveLength(0);
		});
	});

	describe('a POST is never blindly retried; an ambiguous failure is reconciled (item 2)', () => {
		const params = {
			operation: 'create',
			project,
			url: 'https://example.com/once',
			hookEvents: ['RUN_FINISH'],
			additionalFields: { label: 'once', headers: { header: [{ name: 'x-token', value: 'abc' }] } },
		};
		const posts = () => fake().requests.filter((r) => r.method === 'POST').length;

		test('a 504 after Currents created the hook: one POST, one hook, and the hook is the output', async () => {
			fake().addFault({
				method: 'POST',
				path: '^/webhooks$',
				status: 504,
				perform: true,
				times: 1,
			});
			const out = (await run(params).result)[0];
			expect(posts()).toBe(1);
			expect(fake().hooks).toHaveLength(1);
			expect(out).toHaveLength(1);
			expect(out[0].json).toMatchObject({
				hookId: fake().hooks[0].hookId,
				url: 'https://example.com/once',
				label: 'once',
			});
		});

		test('a 504 without a hook created: one POST, no hook, the 504 reported', async () => {
			fake().addFault({
				method: 'POST',
				path: '^/webhooks$',
				status: 504,
				body: { message: 'Gateway timeout' },
				times: 1,
			});
			const error = await run(params).result.catch((e) => e);
			expect(error.message).toBe('Currents API error (HTTP 504): Gateway timeout');
			expect(posts()).toBe(1);
			expect(fake().hooks).toHaveLength(0);
		});

		test('a 503 after Currents created the hook likewise leaves one hook, returned as created', async () => {
			fake().addFault({
				method: 'POST',
				path: '^/webhooks$',
				status: 503,
				perform: true,
				times: 1,
			});
			const out = (await run(params).result)[0];
			expect(fake().hooks).toHaveLength(1);
			expect(out[0].json.hookId).toBe(fake().hooks[0].hookId);
		});

		test('a 429 is still retried for a POST (the request was not processed)', async () => {
			fake().addFault({
				method: 'POST',
				path: '^/webhooks$',
				status: 429,
				headers: { 'retry-after': '1' },
				times: 1,
			});
			await run(params).result;
			expect(posts()).toBe(2);
			expect(fake().hooks).toHaveLength(1);
		});

		test('a GET is still retried after a 503', async () => {
			fake().addFault({ method: 'GET', path: '^/webhooks$', status: 503, times: 1 });
			await run({ operation: 'list', project }).result;
			expect(fake().requests.filter((r) => r.method === 'GET')).toHaveLength(2);
		});
	});

	test('the project list follows Currents cursor pagination', async () => {
		for (let i = 0; i < 120; i++)
			fake().addProject({ projectId: `proj_${i}`, name: `Project ${i}` });
		const c = makeContext({
			credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl: baseUrl() } },
		});
		const first = await searchProjects.call(c.loadOptions);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBeDefined();
		const second = await searchProjects.call(
			c.loadOptions,
			undefined,
			first.paginationToken as string,
		);
		expect(second.results).toHaveLength(22);
		expect(second.paginationToken).toBeUndefined();
		const names = new Set([...first.results, ...second.results].map((r) => r.value));
		expect(names.size).toBe(122);
		const filtered = await searchProjects.call(c.loadOptions, 'beta');
		expect(filtered.results).toEqual([{ name: 'Beta Mobile', value: 'proj_beta' }]);
	});
});
