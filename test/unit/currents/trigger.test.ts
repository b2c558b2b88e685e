import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { currentsEvents } from '../../../nodes/Currents/catalog';
import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { createCurrentsFake, type CurrentsFake } from '../../fakes/currents-api';
import { makeContext } from '../../helpers/context';

const KEY = 'unit-currents-key';
const HOOK_URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
const node = new CurrentsTrigger();
const methods = node.webhookMethods.default;
const prod = (c: { staticData: Record<string, unknown> }) => (c.staticData.production ?? {}) as Record<string, string>;

describe('Currents Trigger hook lifecycle (against the fake API)', () => {
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

	function ctx(staticData: IDataObject = {}, params: Record<string, unknown> = {}) {
		return makeContext({
			params: {
				setupMode: 'automatic',
				project: { __rl: true, mode: 'list', value: 'proj_alpha' },
				events: ['RUN_FINISH', 'RUN_START'],
				...params,
			},
			credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl } },
			staticData,
			webhookUrl: HOOK_URL,
			workflowName: 'Nightly alerts',
		});
	}

	test('create registers one hook with a fresh secret header and records it', async () => {
		const c = ctx();
		expect(await methods.checkExists.call(c.hook)).toBe(false);
		expect(await methods.create.call(c.hook)).toBe(true);
		expect(fake.hooks).toHaveLength(1);
		const [hook] = fake.hooks;
		expect(hook).toMatchObject({ url: HOOK_URL, projectId: 'proj_alpha', label: 'n8n: Nightly alerts', hookEvents: ['RUN_FINISH', 'RUN_START'] });
		expect(c.staticData).toEqual({ production: { hookId: hook.hookId, secret: JSON.parse(hook.headers!)['x-webhook-secret'], projectId: 'proj_alpha' } });
		expect(prod(c).secret).toMatch(/^[0-9a-f]{64}$/);
		expect(await methods.checkExists.call(c.hook)).toBe(true);
	});

	test('create adopts a hook already pointing at our URL, keeps its other headers and removes duplicates', async () => {
		const c0 = ctx();
		await methods.create.call(c0.hook);
		await methods.create.call(ctx().hook); // a second activation whose state was lost
		expect(fake.hooks).toHaveLength(1);
		// Simulate an older duplicate plus a user header on the survivor.
		const [first] = fake.hooks;
		await fetch(`${baseUrl}/webhooks/${first.hookId}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ headers: JSON.stringify({ 'x-team': 'qa', 'x-webhook-secret': 'old' }) }),
		});
		await fetch(`${baseUrl}/webhooks?projectId=proj_alpha`, {
			method: 'POST',
			headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ url: HOOK_URL, hookEvents: ['RUN_START'] }),
		});
		expect(fake.hooks).toHaveLength(2);
		const c = ctx();
		await methods.create.call(c.hook);
		expect(fake.hooks).toHaveLength(1);
		expect(fake.hooks[0].hookId).toBe(first.hookId);
		expect(JSON.parse(fake.hooks[0].headers!)).toEqual({ 'x-team': 'qa', 'x-webhook-secret': prod(c).secret });
	});

	test('checkExists forgets a hook deleted behind our back and repairs drifted events', async () => {
		const c = ctx();
		await methods.create.call(c.hook);
		const hookId = prod(c).hookId;
		// Drift: someone changed the events in the dashboard.
		await fetch(`${baseUrl}/webhooks/${hookId}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ hookEvents: ['RUN_TIMEOUT'] }),
		});
		expect(await methods.checkExists.call(c.hook)).toBe(true);
		expect(fake.hooks[0].hookEvents).toEqual(['RUN_FINISH', 'RUN_START']);
		// Gone: deleted in the dashboard.
		await fetch(`${baseUrl}/webhooks/${hookId}`, { method: 'DELETE', headers: { authorization: `Bearer ${KEY}` } });
		expect(await methods.checkExists.call(c.hook)).toBe(false);
		expect(c.staticData).toEqual({ production: {} });
	});

	test('delete removes the hook, treats 404 as gone and clears the state', async () => {
		const c = ctx();
		await methods.create.call(c.hook);
		expect(await methods.delete.call(c.hook)).toBe(true);
		expect(fake.hooks).toHaveLength(0);
		expect(c.staticData).toEqual({ production: {} });
		const stale = ctx({ production: { hookId: '550e8400-e29b-41d4-a716-446655440000', secret: 's', projectId: 'proj_alpha' } });
		expect(await methods.delete.call(stale.hook)).toBe(true);
		expect(stale.staticData).toEqual({ production: {} });
	});

	test('a failing API makes activation fail with the status and vendor message, and writes no state', async () => {
		fake.addFault({ method: 'POST', path: '^/webhooks$', status: 500, body: { status: 'FAILED', message: 'database unavailable' } });
		const c = ctx();
		await expect(methods.create.call(c.hook)).rejects.toThrow(
			'Could not register the Currents webhook (HTTP 500): database unavailable',
		);
		expect(c.staticData).toEqual({ production: {} });
		expect(fake.hooks).toHaveLength(0);
	});

	test('the activation error says the whole story in its description too (all n8n 1.x shows a user)', async () => {
		fake.addFault({ method: 'POST', path: '^/webhooks$', status: 500, body: { status: 'FAILED', message: 'database unavailable' } });
		const error = (await methods.create.call(ctx().hook).catch((e: unknown) => e)) as { message: string; description?: string; httpCode: string };
		// n8n 1.x's WorkflowService reports `error.description ?? error.message` of a NodeApiError.
		expect(error.description ?? error.message).toBe('Could not register the Currents webhook (HTTP 500): database unavailable');
		expect(error.httpCode).toBe('500');
	});

	test('a 429 with a short Retry-After is retried and activation succeeds', async () => {
		fake.addFault({ method: 'GET', path: '^/webhooks$', status: 429, headers: { 'retry-after': '1' }, times: 1 });
		const c = ctx();
		await methods.create.call(c.hook);
		expect(fake.hooks).toHaveLength(1);
		expect(fake.requests.filter((r) => r.method === 'GET' && r.path === '/webhooks')).toHaveLength(2);
	});

	test('a 429 whose Retry-After is too long fails at once with the status, without hammering the API', async () => {
		fake.addFault({ method: 'GET', path: '^/webhooks$', status: 429, headers: { 'retry-after': '60' }, body: { status: 'FAILED', message: 'Too many requests' } });
		const c = ctx();
		await expect(methods.create.call(c.hook)).rejects.toThrow('Could not register the Currents webhook (HTTP 429): Too many requests');
		expect(fake.requests.filter((r) => r.path === '/webhooks')).toHaveLength(1);
		expect(c.staticData).toEqual({ production: {} });
	});

	test('an invalid API key surfaces as a 401 activation error without the key in it', async () => {
		const c = makeContext({
			params: { setupMode: 'automatic', project: 'proj_alpha', events: ['RUN_START'] },
			credentials: { currentsTestOpsApi: { apiKey: 'wrong-key-value', baseUrl } },
			webhookUrl: HOOK_URL,
		});
		const error = await methods.create.call(c.hook).catch((e: Error) => e);
		expect(String((error as Error).message)).toBe('Could not register the Currents webhook (HTTP 401): Invalid API key');
		expect(JSON.stringify(error)).not.toContain('wrong-key-value');
	});

	test("the editor's test hook lives beside the production hook and never disturbs it", async () => {
		const staticData: IDataObject = {};
		const production = ctx(staticData);
		await methods.create.call(production.hook);
		const testUrl = HOOK_URL.replace('/webhook/', '/webhook-test/');
		const test = makeContext({
			params: { setupMode: 'automatic', project: 'proj_alpha', events: ['RUN_START'] },
			credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl } },
			staticData,
			webhookUrl: testUrl,
		});
		expect(await methods.checkExists.call(test.hook)).toBe(false);
		await methods.create.call(test.hook);
		expect(fake.hooks.map((h) => h.url).sort()).toEqual([HOOK_URL, testUrl].sort());
		const productionRecord = { ...(staticData.production as object) };
		await methods.delete.call(test.hook);
		expect(fake.hooks.map((h) => h.url)).toEqual([HOOK_URL]);
		expect(staticData.production).toEqual(productionRecord);
		expect(await methods.checkExists.call(production.hook)).toBe(true);
	});

	test('manual setup registers nothing', async () => {
		const c = ctx({}, { setupMode: 'manual' });
		expect(await methods.checkExists.call(c.hook)).toBe(true);
		expect(await methods.create.call(c.hook)).toBe(true);
		expect(await methods.delete.call(c.hook)).toBe(true);
		expect(fake.requests).toHaveLength(0);
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
		expect(await node.webhook.call(c.webhook)).toEqual({ workflowData: [[{ json: sample }]] });
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
		const params = { setupMode: 'manual', events: ['RUN_FINISH'], options: { toleranceSeconds: 60 } };
		const shared = randomBytes(16).toString('hex');
		const credentials = { currentsWebhookSecretApi: { headerName: 'X-CI-Secret', secret: shared } };
		const ok = makeContext({ params, credentials, headers: { 'x-ci-secret': shared }, rawBody: JSON.stringify(sample) });
		expect((await node.webhook.call(ok.webhook)).workflowData).toHaveLength(1);
		const bad = makeContext({ params, credentials, headers: {}, rawBody: JSON.stringify(sample) });
		await node.webhook.call(bad.webhook);
		expect(bad.recorded.status).toBe(401);
	});

	test('the secret credential test checks header name and secret length', async () => {
		const test = node.methods.credentialTest.checkSharedSecret;
		const run = (data: Record<string, string>) => test.call({} as never, { id: '1', name: 'c', type: 't', data });
		expect(await run({ headerName: 'x-ci-secret', secret: 'long-enough-secret' })).toEqual({ status: 'OK', message: 'Secret is usable' });
		expect((await run({ headerName: 'x-ci-secret', secret: 'short' })).status).toBe('Error');
		expect((await run({ headerName: 'bad header', secret: 'long-enough-secret' })).status).toBe('Error');
	});
});
