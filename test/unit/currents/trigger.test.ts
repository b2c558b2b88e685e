import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { currentsEvents } from '../../../nodes/Currents/catalog';
import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { createCurrentsFake } from '../../fakes/currents-api';
import { useFake } from '../../helpers/fakeApi';
import { makeContext } from '../../helpers/context';

const KEY = 'unit-currents-key';
const HOOK_URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
const node = new CurrentsTrigger();
const methods = node.webhookMethods.default;
const prod = (c: { staticData: Record<string, unknown> }) =>
	(((c.staticData.hooks ?? {}) as Record<string, unknown>)[HOOK_URL] ?? {}) as Record<
		string,
		string
	>;
const keyed = (record: object) => ({ hooks: { [HOOK_URL]: record } });

describe('Currents Trigger hook lifecycle (against the fake API)', () => {
	const { fake, baseUrl } = useFake(() => createCurrentsFake({ apiKeys: [KEY] }));

	function ctx(staticData: IDataObject = {}, params: Record<string, unknown> = {}) {
		return makeContext({
			params: {
				setupMode: 'automatic',
				project: { __rl: true, mode: 'list', value: 'proj_alpha' },
				events: ['RUN_FINISH', 'RUN_START'],
				...params,
			},
			credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl: baseUrl() } },
			staticData,
			webhookUrl: HOOK_URL,
			workflowName: 'Nightly alerts',
		});
	}

	test('create registers one hook with a fresh secret header and records it', async () => {
		const c = ctx();
		expect(await methods.checkExists.call(c.hook)).toBe(false);
		expect(await methods.create.call(c.hook)).toBe(true);
		expect(fake().hooks).toHaveLength(1);
		const [hook] = fake().hooks;
		expect(hook).toMatchObject({
			url: HOOK_URL,
			projectId: 'proj_alpha',
			label: 'n8n: Nightly alerts',
			hookEvents: ['RUN_FINISH', 'RUN_START'],
		});
		expect(c.staticData).toEqual(
			keyed({
				hookId: hook.hookId,
				secret: JSON.parse(hook.headers!)['x-webhook-secret'],
				projectId: 'proj_alpha',
			}),
		);
		expect(prod(c).secret).toMatch(/^[0-9a-f]{64}$/);
		expect(await methods.checkExists.call(c.hook)).toBe(true);
	});

	test('create refuses a malformed project ID before calling the API (checked here, not by the locator)', async () => {
		const c = ctx({}, { project: { __rl: true, mode: 'id', value: 'proj alpha/../x' } });
		await expect(methods.create.call(c.hook)).rejects.toThrow(
			'"proj alpha/../x" is not a valid project ID',
		);
		expect(fake().requests).toHaveLength(0);
		expect(fake().hooks).toHaveLength(0);
		const locator = new CurrentsTrigger().description.properties.find((p) => p.name === 'project')!;
		expect(locator.modes!.every((m) => m.validation === undefined)).toBe(true);
	});

	test('create adopts a hook already pointing at our URL, keeps its other headers and removes duplicates', async () => {
		const c0 = ctx();
		await methods.create.call(c0.hook);
		await methods.create.call(ctx().hook); // a second activation whose state was lost
		expect(fake().hooks).toHaveLength(1);
		// Simulate an older duplicate plus a user header on the survivor.
		const [first] = fake().hooks;
		await fetch(`${baseUrl()}/webhooks/${first.hookId}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				headers: JSON.stringify({ 'x-team': 'qa', 'x-webhook-secret': 'old' }),
			}),
		});
		await fetch(`${baseUrl()}/webhooks?projectId=proj_alpha`, {
			method: 'POST',
			headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ url: HOOK_URL, hookEvents: ['RUN_START'] }),
		});
		expect(fake().hooks).toHaveLength(2);
		const c = ctx();
		await methods.create.call(c.hook);
		expect(fake().hooks).toHaveLength(1);
		expect(fake().hooks[0].hookId).toBe(first.hookId);
		expect(JSON.parse(fake().hooks[0].headers!)).toEqual({
			'x-team': 'qa',
			'x-webhook-secret': prod(c).secret,
		});
	});

	test('checkExists forgets a hook deleted behind our back and repairs drifted events', async () => {
		const c = ctx();
		await methods.create.call(c.hook);
		const hookId = prod(c).hookId;
		// Drift: someone changed the events in the dashboard.
		await fetch(`${baseUrl()}/webhooks/${hookId}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ hookEvents: ['RUN_TIMEOUT'] }),
		});
		expect(await methods.checkExists.call(c.hook)).toBe(true);
		expect(fake().hooks[0].hookEvents).toEqual(['RUN_FINISH', 'RUN_START']);
		// Gone: deleted in the dashboard.
		await fetch(`${baseUrl()}/webhooks/${hookId}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${KEY}` },
		});
		expect(await methods.checkExists.call(c.hook)).toBe(false);
		expect(c.staticData).toEqual(keyed({}));
	});

	test('delete removes the hook, treats 404 as gone and clears the state', async () => {
		const c = ctx();
		await methods.create.call(c.hook);
		expect(await methods.delete.call(c.hook)).toBe(true);
		expect(fake().hooks).toHaveLength(0);
		expect(c.staticData).toEqual(keyed({}));
		const stale = ctx(
			keyed({
				hookId: '550e8400-e29b-41d4-a716-446655440000',
				secret: 's',
				projectId: 'proj_alpha',
			}),
		);
		expect(await methods.delete.call(stale.hook)).toBe(true);
		expect(stale.staticData).toEqual(keyed({}));
	});

	test('a failing API makes activation fail with the status and vendor message, and writes no state', async () => {
		fake().addFault({
			method: 'POST',
			path: '^/webhooks$',
			status: 500,
			body: { status: 'FAILED', message: 'database unavailable' },
		});
		const c = ctx();
		await expect(methods.create.call(c.hook)).rejects.toThrow(
			'Could not register the Currents webhook (HTTP 500): database unavailable',
		);
		expect(c.staticData).toEqual(keyed({}));
		expect(fake().hooks).toHaveLength(0);
	});

	test('the activation error says the whole story in its description too (all n8n 1.x shows a user)', async () => {
		fake().addFault({
			method: 'POST',
			path: '^/webhooks$',
			status: 500,
			body: { status: 'FAILED', message: 'database unavailable' },
		});
		const error = (await methods.create.call(ctx().hook).catch((e: unknown) => e)) as {
			message: string;
			description?: string;
			httpCode: string;
		};
		// n8n 1.x's WorkflowService reports `error.description ?? error.message` of a NodeApiError.
		expect(error.description ?? error.message).toBe(
			'Could not register the Currents webhook (HTTP 500): database unavailable',
		);
		expect(error.httpCode).toBe('500');
	});

	test('a 504 after Currents created the hook: one POST, exactly one hook, and it is the one recorded (item 2)', async () => {
		fake().addFault({ method: 'POST', path: '^/webhooks$', status: 504, perform: true, times: 1 });
		const c = ctx();
		await methods.create.call(c.hook);
		expect(fake().requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(fake().hooks).toHaveLength(1);
		expect(prod(c).hookId).toBe(fake().hooks[0].hookId);
		expect(JSON.parse(fake().hooks[0].headers!)['x-webhook-secret']).toBe(prod(c).secret);
	});

	test('a 502 with no hook created fails the activation after one POST and stores nothing', async () => {
		fake().addFault({
			method: 'POST',
			path: '^/webhooks$',
			status: 502,
			body: { message: 'Bad gateway' },
		});
		const c = ctx();
		await expect(methods.create.call(c.hook)).rejects.toThrow(
			'Could not register the Currents webhook (HTTP 502): Bad gateway',
		);
		expect(fake().requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(fake().hooks).toHaveLength(0);
		expect(c.staticData).toEqual(keyed({}));
	});

	test('an activation error never repeats the fresh secret, even when the API quotes the headers it refused', async () => {
		let sentSecret = '';
		const c = ctx();
		// The fake cannot know the secret in advance: read it from the request and answer with it.
		const original = fake().server.listeners('request')[0] as (...a: unknown[]) => void;
		fake().server.removeAllListeners('request');
		fake().server.on('request', (req, res) => {
			if (req.method === 'POST' && req.url?.startsWith('/webhooks')) {
				let raw = '';
				req.on('data', (d: Buffer) => (raw += d));
				req.on('end', () => {
					sentSecret = JSON.parse(JSON.parse(raw).headers)['x-webhook-secret'];
					res.writeHead(400, { 'content-type': 'application/json' });
					res.end(
						JSON.stringify({
							status: 'FAILED',
							message: `headers ${JSON.parse(raw).headers} rejected`,
						}),
					);
				});
				return;
			}
			original(req, res);
		});
		try {
			const error = (await methods.create.call(c.hook).catch((e: unknown) => e)) as Error & {
				description?: string;
			};
			expect(sentSecret).toMatch(/^[0-9a-f]{64}$/);
			expect(error.message).toBe(
				'Could not register the Currents webhook (HTTP 400): headers {"x-webhook-secret":"[redacted]"} rejected',
			);
			expect(JSON.stringify(error)).not.toContain(sentSecret);
			expect(String(error.description ?? '')).not.toContain(sentSecret);
		} finally {
			fake().server.removeAllListeners('request');
			fake().server.on('request', original);
		}
	});

	test('a 429 with a short Retry-After is retried and activation succeeds', async () => {
		fake().addFault({
			method: 'GET',
			path: '^/webhooks$',
			status: 429,
			headers: { 'retry-after': '1' },
			times: 1,
		});
		const c = ctx();
		await methods.create.call(c.hook);
		expect(fake().hooks).toHaveLength(1);
		expect(
			fake().requests.filter((r) => r.method === 'GET' && r.path === '/webhooks'),
		).toHaveLength(2);
	});

	test('a 429 whose Retry-After is too long fails at once with the status, without hammering the API', async () => {
		fake().addFault({
			method: 'GET',
			path: '^/webhooks$',
			status: 429,
			headers: { 'retry-after': '60' },
			body: { status: 'FAILED', message: 'Too many requests' },
		});
		const c = ctx();
		await expect(methods.create.call(c.hook)).rejects.toThrow(
			'Could not register the Currents webhook (HTTP 429): Too many requests',
		);
		expect(fake().requests.filter((r) => r.path === '/webhooks')).toHaveLength(1);
		expect(c.staticData).toEqual(keyed({}));
	});

	test('an invalid API key surfaces as a 401 activation error without the key in it', async () => {
		const c = makeContext({
			params: { setupMode: 'automatic', project: 'proj_alpha', events: ['RUN_START'] },
			credentials: { currentsTestOpsApi: { apiKey: 'wrong-key-value', baseUrl: baseUrl() } },
			webhookUrl: HOOK_URL,
		});
		const error = await methods.create.call(c.hook).catch((e: Error) => e);
		expect(String((error as Error).message)).toBe(
			'Could not register the Currents webhook (HTTP 401): Invalid API key',
		);
		expect(JSON.stringify(error)).not.toContain('wrong-key-value');
	});

	// n8n 1.123 creates a test webhook in mode 'manual' and removes it, like a production one, in mode
	// 'internal' (TestWebhooks.deactivateWebhooks); the test URL's path is N8N_ENDPOINT_WEBHOOK_TEST.
	test.each([
		['the default test path', '/webhook-test/'],
		['a custom N8N_ENDPOINT_WEBHOOK_TEST', '/try-hooks/'],
	])(
		"the editor's test hook lives beside the production hook and never disturbs it (%s)",
		async (_label, testPath) => {
			const staticData: IDataObject = {};
			const production = ctx(staticData);
			await methods.create.call(production.hook);
			const productionRecord = { ...prod(production) };
			const testUrl = HOOK_URL.replace('/webhook/', testPath);
			const testCtx = (mode: string) =>
				makeContext({
					params: { setupMode: 'automatic', project: 'proj_alpha', events: ['RUN_START'] },
					credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl: baseUrl() } },
					staticData,
					webhookUrl: testUrl,
					mode,
				});
			expect(await methods.checkExists.call(testCtx('manual').hook)).toBe(false);
			await methods.create.call(testCtx('manual').hook);
			expect(
				fake()
					.hooks.map((h) => h.url)
					.sort(),
			).toEqual([HOOK_URL, testUrl].sort());
			await methods.delete.call(testCtx('internal').hook);
			expect(fake().hooks.map((h) => h.url)).toEqual([HOOK_URL]);
			expect(prod(production)).toEqual(productionRecord);
			expect(await methods.checkExists.call(production.hook)).toBe(true);
			expect(
				fake()
					.requests.filter((r) => r.method === 'DELETE')
					.map((r) => r.path),
			).not.toContain(`/webhooks/${productionRecord.hookId}`);
		},
	);

	test('a test delivery (mode manual) is checked against the test hook secret, a production one against the production secret', async () => {
		const staticData: IDataObject = {
			hooks: {
				[HOOK_URL]: { secret: 'production-secret' },
				[HOOK_URL.replace('/webhook/', '/try/')]: { secret: 'test-secret', test: true },
			},
		};
		const sample = currentsEvents[1].sample;
		const deliver = async (mode: string, secret: string) => {
			const c = makeContext({
				params: { setupMode: 'automatic', events: ['RUN_FINISH'], options: {} },
				staticData,
				mode,
				headers: { 'x-webhook-secret': secret, 'x-timestamp': String(Date.now()) },
				rawBody: JSON.stringify(sample),
			});
			await node.webhook.call(c.webhook);
			return c.recorded.status ?? 200;
		};
		expect(await deliver('webhook', 'production-secret')).toBe(200);
		expect(await deliver('webhook', 'test-secret')).toBe(401);
		expect(await deliver('manual', 'test-secret')).toBe(200);
		expect(await deliver('manual', 'production-secret')).toBe(401);
	});

	test('state stored before hooks were keyed by URL is taken over by the next activation, not by a teardown', async () => {
		const c = ctx();
		await methods.create.call(c.hook);
		const legacy = { ...prod(c) };
		const staticData: IDataObject = { production: legacy };
		const teardown = makeContext({
			params: { setupMode: 'automatic', project: 'proj_alpha', events: ['RUN_START'] },
			credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl: baseUrl() } },
			staticData,
			webhookUrl: HOOK_URL.replace('/webhook/', '/try/'),
			mode: 'internal',
		});
		await methods.delete.call(teardown.hook);
		expect(fake().hooks).toHaveLength(1);
		expect(staticData.production).toEqual(legacy);
		const activation = ctx(staticData);
		expect(await methods.checkExists.call(activation.hook)).toBe(true);
		expect((staticData.hooks as IDataObject)[HOOK_URL]).toEqual(legacy);
		expect(staticData.production).toBeUndefined();
	});

	test('manual setup registers nothing', async () => {
		const c = ctx({}, { setupMode: 'manual' });
		expect(await methods.checkExists.call(c.hook)).toBe(true);
		expect(await methods.create.call(c.hook)).toBe(true);
		expect(await methods.delete.call(c.hook)).toBe(true);
		expect(fake().requests).toHaveLength(0);
	});
});

describe('Currents Trigger webhook()', () => {
	const sample = currentsEvents[1].sample;
	test('automatic mode accepts the stored secret and outputs the payload', async () => {
		const c = makeContext({
			params: { setupMode: 'automatic', events: ['RUN_FINISH'], options: {} },
			staticData: { production: { hookId: 'h', secret: 'stored-secret', projectId: 'p' } },
			headers: { 'x-webhook-secret': 'stored-secret', 'x-timestamp': String(Date.now()) },
			rawBody: JSON.stringify(sample),
		});
		const sentAt = Date.now();
		const res = await node.webhook.call(c.webhook);
		// The delivery's send time and the hook's project ride beside json for execute().
		expect(res).toEqual({
			workflowData: [
				[{ json: sample, testopsDelivery: { receivedAt: expect.any(String), project: null } }],
			],
		});
		expect(
			Math.abs(
				Date.parse(
					(res.workflowData![0][0] as unknown as { testopsDelivery: { receivedAt: string } })
						.testopsDelivery.receivedAt,
				) - sentAt,
			),
		).toBeLessThan(5000);
		expect(c.recorded.status).toBeUndefined();
	});

	test('a wrong secret answers 401 and starts nothing', async () => {
		const c = makeContext({
			params: { setupMode: 'automatic', events: ['RUN_FINISH'], options: {} },
			staticData: { production: { secret: 'stored-secret' } },
			headers: { 'x-webhook-secret': 'guess' },
			rawBody: JSON.stringify(sample),
		});
		expect(await node.webhook.call(c.webhook)).toEqual({ noWebhookResponse: true });
		expect(c.recorded).toMatchObject({ status: 401, body: { error: 'Unauthorized' } });
	});

	test('manual mode uses the secret credential and its header name', async () => {
		const params = {
			setupMode: 'manual',
			events: ['RUN_FINISH'],
			options: { toleranceSeconds: 60 },
		};
		const shared = randomBytes(16).toString('hex');
		const credentials = { currentsWebhookSecretApi: { headerName: 'X-CI-Secret', secret: shared } };
		const ok = makeContext({
			params,
			credentials,
			headers: { 'x-ci-secret': shared },
			rawBody: JSON.stringify(sample),
		});
		expect((await node.webhook.call(ok.webhook)).workflowData).toHaveLength(1);
		const bad = makeContext({ params, credentials, headers: {}, rawBody: JSON.stringify(sample) });
		await node.webhook.call(bad.webhook);
		expect(bad.recorded.status).toBe(401);
	});

	test('the secret credential test checks header name and secret length', async () => {
		const test = node.methods.credentialTest.checkSharedSecret;
		const run = (data: Record<string, string>) =>
			test.call({} as never, { id: '1', name: 'c', type: 't', data });
		expect(await run({ headerName: 'x-ci-secret', secret: 'long-enough-secret' })).toEqual({
			status: 'OK',
			message: 'Secret is usable',
		});
		expect((await run({ headerName: 'x-ci-secret', secret: 'short' })).status).toBe('Error');
		expect((await run({ headerName: 'bad header', secret: 'long-enough-secret' })).status).toBe(
			'Error',
		);
	});
});
