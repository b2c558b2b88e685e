/**
 * Issue 22 ("second outside look"), the pure and in-process halves: each test states the secure
 * behaviour the issue asks for; the real-n8n halves of items 1-3 are in test/e2e/hardening.e2e.ts.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { QaseWebhookSecretApi } from '../../../credentials/QaseWebhookSecretApi.credentials';
import { OpenlayerSigningSecretApi } from '../../../credentials/OpenlayerSigningSecretApi.credentials';
import { currentsEvents } from '../../../nodes/Currents/catalog';
import { openlayerEvents } from '../../../nodes/Openlayer/catalog';
import { fetchFailedTests } from '../../../nodes/Currents/failedTests';
import { findQaseEvent } from '../../../nodes/Qase/catalog';
import { qaseSummary } from '../../../nodes/Qase/summary';
import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { CurrentsWebhooks } from '../../../nodes/CurrentsWebhooks/CurrentsWebhooks.node';
import { OpenlayerTrigger } from '../../../nodes/OpenlayerTrigger/OpenlayerTrigger.node';
import { QaseTrigger } from '../../../nodes/QaseTrigger/QaseTrigger.node';
import { redactSecrets } from '../../../nodes/shared/redact';
import { createCurrentsFake } from '../../fakes/currents-api';
import { signDelivery } from '../../fakes/openlayer-sender';
import { makeContext, registerCredentialType } from '../../helpers/context';
import { useFake } from '../../helpers/fakeApi';

registerCredentialType(new QaseWebhookSecretApi());
registerCredentialType(new OpenlayerSigningSecretApi());

const json = { 'content-type': 'application/json' };
const qaseBody = JSON.stringify(findQaseEvent('case.updated')!.sample);
const currentsBody = JSON.stringify(currentsEvents.find((e) => e.name === 'RUN_FINISH')!.sample);

describe('item 2: a Qase secret shorter than the credential test allows authenticates nothing', () => {
	const node = new QaseTrigger();
	const deliver = (secret: string, sent: string) => {
		const c = makeContext({
			params: { resource: 'all', events: ['*'], output: 'payload', options: {} },
			credentials: { qaseWebhookSecretApi: { secret } },
			headers: { ...json, 'x-qase-secret': sent },
			rawBody: qaseBody,
		});
		return node.webhook.call(c.webhook).then((r) => ({ r, status: c.recorded.status }));
	};

	it.each([['ab'], ['eleven-char']])(
		'secret %p: the matching header gets the same bare 401, and nothing starts',
		async (secret) => {
			const { r, status } = await deliver(secret, secret);
			expect(status).toBe(401);
			expect(r.workflowData).toBeUndefined();
		},
	);

	it('a 12-character secret still works', async () => {
		const { r } = await deliver('twelve-chars', 'twelve-chars');
		expect(r.workflowData?.[0]).toHaveLength(1);
	});

	it('activation says why', async () => {
		const c = makeContext({ credentials: { qaseWebhookSecretApi: { secret: 'ab' } } });
		await expect(node.webhookMethods.default.create.call(c.hook)).rejects.toThrow(
			/Qase Webhook Secret credential cannot be used.*at least 12 characters/,
		);
		// n8n asks checkExists first and calls create only when it says false.
		await expect(node.webhookMethods.default.checkExists.call(c.hook)).rejects.toThrow(
			/at least 12 characters/,
		);
		const ok = makeContext({ credentials: { qaseWebhookSecretApi: { secret: 'twelve-chars' } } });
		await expect(node.webhookMethods.default.create.call(ok.hook)).resolves.toBe(true);
		await expect(node.webhookMethods.default.create.call(makeContext().hook)).resolves.toBe(true);
	});
});

describe('items 2 and 4: Currents manual setup refuses a short secret and odd credential data', () => {
	const node = new CurrentsTrigger();
	const deliver = (credential: IDataObject, headers: Record<string, string>) => {
		const c = makeContext({
			params: { setupMode: 'manual', events: ['RUN_FINISH'], options: {} },
			credentials: { currentsWebhookSecretApi: credential },
			headers: { ...json, ...headers },
			rawBody: currentsBody,
		});
		return node.webhook.call(c.webhook).then((r) => ({ r, status: c.recorded.status }));
	};

	it.each([
		['a 2-character secret', { headerName: 'x-hook', secret: 'ab' }, { 'x-hook': 'ab' }],
		[
			'a 15-character secret',
			{ headerName: 'x-hook', secret: 'fifteen-chars!!' },
			{ 'x-hook': 'fifteen-chars!!' },
		],
		['no header name and secret', {}, { undefined: 'undefined' }],
		['null header name and secret', { headerName: null, secret: null }, { null: 'null' }],
		[
			'a numeric secret',
			{ headerName: 'x-hook', secret: 1234567890123456 },
			{ 'x-hook': '1234567890123456' },
		],
	])('%s: the same bare 401, nothing starts', async (_label, credential, headers) => {
		const { r, status } = await deliver(credential as IDataObject, headers);
		expect(status).toBe(401);
		expect(r.workflowData).toBeUndefined();
	});

	it('a 16-character secret still works', async () => {
		const { r } = await deliver(
			{ headerName: 'x-hook', secret: 'sixteen-chars-ok' },
			{ 'x-hook': 'sixteen-chars-ok' },
		);
		expect(r.workflowData?.[0]).toHaveLength(1);
	});

	it('activation says why; automatic setup and no credential are unaffected', async () => {
		const c = makeContext({
			params: { setupMode: 'manual' },
			credentials: { currentsWebhookSecretApi: { headerName: 'x-hook', secret: 'ab' } },
		});
		await expect(node.webhookMethods.default.create.call(c.hook)).rejects.toThrow(
			/Currents Webhook Secret credential cannot be used.*at least 16 characters/,
		);
		await expect(node.webhookMethods.default.checkExists.call(c.hook)).rejects.toThrow(
			/at least 16 characters/,
		);
		const none = makeContext({ params: { setupMode: 'manual' } });
		await expect(node.webhookMethods.default.create.call(none.hook)).resolves.toBe(true);
	});
});

describe('item 5: x-timestamp is required where Currents always sends it (automatic setup)', () => {
	const node = new CurrentsTrigger();
	const HOOK_URL = 'http://127.0.0.1:5678/webhook/abc/webhook';
	const deliver = (setupMode: string, headers: Record<string, string>) => {
		const c = makeContext({
			params: {
				setupMode,
				project: { __rl: true, mode: 'id', value: 'proj_alpha' },
				events: ['RUN_FINISH'],
				options: {},
			},
			staticData: { hooks: { [HOOK_URL]: { hookId: 'h', secret: 'stored-secret-value' } } },
			webhookUrl: HOOK_URL,
			mode: 'webhook',
			headers: { ...json, ...headers },
			rawBody: currentsBody,
		});
		return node.webhook.call(c.webhook).then((r) => ({ r, status: c.recorded.status }));
	};

	it('automatic: the right secret without x-timestamp gets 401 and starts nothing', async () => {
		const { r, status } = await deliver('automatic', { 'x-webhook-secret': 'stored-secret-value' });
		expect(status).toBe(401);
		expect(r.workflowData).toBeUndefined();
	});

	it('automatic: with a fresh x-timestamp it is accepted', async () => {
		const { r } = await deliver('automatic', {
			'x-webhook-secret': 'stored-secret-value',
			'x-timestamp': String(Date.now()),
		});
		expect(r.workflowData?.[0]).toHaveLength(1);
	});

	it('manual without a secret: a delivery without x-timestamp is still accepted', async () => {
		const { r } = await deliver('manual', {});
		expect(r.workflowData?.[0]).toHaveLength(1);
	});

	it('the option no longer calls the unsigned check replay protection', () => {
		const options = node.description.properties.find((p) => p.name === 'options')!
			.options as Array<{ name: string; description?: string }>;
		const tolerance = options.find((o) => o.name === 'toleranceSeconds')!;
		expect(tolerance.description).not.toMatch(/replay protection/);
		expect(tolerance.description).toMatch(/not signed/);
	});
});

describe('item 6: the Openlayer tolerance never outlasts the retry memory', () => {
	const node = new OpenlayerTrigger();
	const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
	const body = openlayerEvents.find((e) => e.name === 'test.created')!.sample;
	const deliver = (ageSeconds: number, toleranceSeconds: number) => {
		const signed = signDelivery({
			secret: SECRET,
			body,
			timestamp: Math.floor(Date.now() / 1000) - ageSeconds,
		});
		const c = makeContext({
			params: { events: ['*'], options: { toleranceSeconds } },
			credentials: { openlayerSigningSecretApi: { secret: SECRET, previousSecret: '' } },
			headers: signed.headers,
			rawBody: signed.rawBody,
		});
		return node.webhook.call(c.webhook).then(() => c.recorded.status);
	};

	it('a tolerance of 7200 s acts as 1800 s: a delivery signed 61 minutes ago gets 401', async () => {
		expect(await deliver(60, 7200)).toBeUndefined(); // accepted: no refusal was written
		expect(await deliver(61 * 60, 7200)).toBe(401);
		expect(await deliver(1900, 7200)).toBe(401);
	});

	it('the editor offers at most half the one-hour memory', () => {
		const options = node.description.properties.find((p) => p.name === 'options')!
			.options as Array<{ name: string; typeOptions?: { maxValue?: number } }>;
		expect(options.find((o) => o.name === 'toleranceSeconds')!.typeOptions?.maxValue).toBe(1800);
	});
});

describe('item 7: secrets cut from messages however they are quoted', () => {
	it.each([
		['literal', 'sk-live-1234567890', 'headers {"authorization":"sk-live-1234567890"} rejected'],
		[
			'JSON-escaped',
			'pa"ss\\word\twith-specials',
			'value "pa\\"ss\\\\word\\twith-specials" invalid',
		],
		['URL-encoded', 'a b&c=d/e?f-long', 'url ?t=a%20b%26c%3Dd%2Fe%3Ff-long refused'],
		['shortened', 'qase-live-0123456789abcdef', 'Token qase-live-012345… is expired'],
	])('%s', (_label, secret, text) => {
		const out = redactSecrets(text, [secret], '[x]');
		expect(out).toContain('[x]');
		for (let i = 0; i + 8 <= secret.length; i++) expect(out).not.toContain(secret.slice(i, i + 8));
	});

	it('leaves text without secrets, and secrets under 3 characters, alone', () => {
		expect(redactSecrets('nothing to see', ['sk-live-1234567890', 'no'], '[x]')).toBe(
			'nothing to see',
		);
	});

	describe('Currents Webhooks', () => {
		const KEY = randomBytes(12).toString('hex');
		const { fake, baseUrl } = useFake(() => createCurrentsFake({ apiKeys: [KEY] }));
		const node = new CurrentsWebhooks();
		const project = { __rl: true, mode: 'list', value: 'proj_alpha' };
		const run = (params: Record<string, unknown>, apiKey = KEY) =>
			node.execute.call(
				makeContext({
					params: { resource: 'webhook', ...params },
					credentials: { currentsTestOpsApi: { apiKey, baseUrl: baseUrl() } },
					items: [{ json: {} }],
				}).execute,
			);

		it('a header value echoed JSON-escaped or shortened is redacted', async () => {
			const value = 'Bearer "quoted"\\slash\tand-more-secret';
			fake().addFault({
				method: 'POST',
				path: '^/webhooks$',
				status: 400,
				body: {
					status: 'FAILED',
					message: `headers ${JSON.stringify({ authorization: value })} rejected; starts ${value.slice(0, 12)}…`,
				},
			});
			const error = await run({
				operation: 'create',
				project,
				url: 'https://example.com/h',
				hookEvents: ['RUN_FINISH'],
				additionalFields: { headers: { header: [{ name: 'authorization', value }] } },
			}).catch((e: Error) => e);
			const text = `${(error as Error).message} ${JSON.stringify(error)}`;
			expect(text).toContain('[redacted]');
			expect(text).not.toContain('quoted');
			expect(text).not.toContain('and-more-secret');
			expect(text).not.toContain('Bearer \\"quo');
		});

		it("the credential's own API key quoted back by the API is redacted", async () => {
			const key = `cur-live-${randomBytes(10).toString('hex')}`;
			fake().addFault({
				path: '^/webhooks$',
				status: 401,
				body: { status: 'FAILED', message: `API key ${key.slice(0, 16)}… is revoked` },
			});
			const quoted = await run({ operation: 'list', project }, key).catch((e: Error) => e);
			const text = `${(quoted as Error).message} ${JSON.stringify(quoted)}`;
			expect(text).toContain('API key [redacted]… is revoked');
			expect(text).not.toContain(key.slice(0, 8));
		});

		it('List and Get redact user:password, query tokens and fragments unless Reveal is on', async () => {
			const url =
				'https://ci:hunter2-password@hooks.example.com/in?token=tok_123456789&team=qa#sig';
			const [[created]] = await run({
				operation: 'create',
				project,
				url,
				hookEvents: ['RUN_FINISH'],
			});
			expect(created.json.url).toBe(
				'https://[redacted]@hooks.example.com/in?token=[redacted]&team=[redacted]#[redacted]',
			);
			const [listed] = await run({ operation: 'list', project });
			expect(JSON.stringify(listed)).not.toMatch(/hunter2|tok_123456789|#sig/);
			const hookId = created.json.hookId as string;
			const [[got]] = await run({ operation: 'get', hookId });
			expect(got.json.url).toBe(created.json.url);
			const [[revealed]] = await run({ operation: 'get', hookId, revealHeaderValues: true });
			expect(revealed.json.url).toBe(url);
			const [[plain]] = await run({
				operation: 'create',
				project,
				url: 'https://hooks.example.com/plain',
				hookEvents: ['RUN_FINISH'],
			});
			expect(plain.json.url).toBe('https://hooks.example.com/plain');
		});
	});
});

describe('item 8: small ones', () => {
	it('a Qase run.completed with a huge duration gives durationMs null instead of failing', () => {
		const envelope = structuredClone(findQaseEvent('run.completed')!.sample) as IDataObject;
		(envelope.payload as IDataObject).duration = 1e306;
		const summary = qaseSummary(envelope, new Date(0).toISOString());
		expect(summary.durationMs).toBeNull();
		expect((summary.raw as IDataObject).payload).toMatchObject({ duration: 1e306 });
	});

	describe('a Currents instanceId from the API is checked before it goes into a path', () => {
		const KEY = randomBytes(12).toString('hex');
		// No reset between the cases: each one clears the request log and faults itself.
		const { fake, baseUrl } = useFake(() => createCurrentsFake({ apiKeys: [KEY] }), {
			reset: false,
		});

		it.each([['../projects'], ['a/b'], ['x?limit=1'], ['']])(
			'%p: no request, an error',
			async (id) => {
				fake().requests.length = 0;
				fake().clearFaults();
				fake().addFault({
					path: '^/runs/',
					status: 200,
					body: {
						status: 'OK',
						data: { specs: [{ instanceId: id, results: { stats: { failures: 1 } } }] },
					},
				});
				const ctx = makeContext({
					credentials: { currentsTestOpsApi: { apiKey: KEY, baseUrl: baseUrl() } },
				}).execute;
				await expect(
					fetchFailedTests(ctx, 'https://app.currents.dev/run/r1', undefined),
				).rejects.toThrow(/not a Currents id/);
				expect(fake().requests.map((r) => r.path)).toEqual(['/runs/r1']);
			},
		);
	});
});
