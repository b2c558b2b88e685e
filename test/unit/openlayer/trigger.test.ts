import { randomBytes } from 'node:crypto';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeExecutionData,
} from 'n8n-workflow';
import { sleep, Workflow } from 'n8n-workflow';
import { Webhook } from 'standardwebhooks';

import { OpenlayerSigningSecretApi } from '../../../credentials/OpenlayerSigningSecretApi.credentials';
import { OpenlayerTestOpsApi } from '../../../credentials/OpenlayerTestOpsApi.credentials';
import { openlayerEvents } from '../../../nodes/Openlayer/catalog';
import { OpenlayerTrigger } from '../../../nodes/OpenlayerTrigger/OpenlayerTrigger.node';
import { makeContext, registerCredentialType } from '../../helpers/context';
import { useFake } from '../../helpers/fakeApi';
import {
	keyOf,
	RETRY_MEMORY_CAPACITY,
	STORED_KEY,
	storedCopy,
	storedKeys,
	trimThreshold,
} from '../../helpers/retryMemory';
import { createOpenlayerFake } from '../../fakes/openlayer-api';
import { signDelivery } from '../../fakes/openlayer-sender';
import type { TestsResultEvent } from '../../helpers/json';

registerCredentialType(new OpenlayerSigningSecretApi());
registerCredentialType(new OpenlayerTestOpsApi());

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
let node = new OpenlayerTrigger();

/**
 * A process restart: `node` becomes an Openlayer Trigger of a freshly loaded copy of the package,
 * which knows nothing but what static data holds (no retry memory in process, no executions run
 * here, no cached credential).
 */
function restartProcess(): void {
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const fresh = require('../../../nodes/OpenlayerTrigger/OpenlayerTrigger.node') as {
			OpenlayerTrigger: typeof OpenlayerTrigger;
		};
		node = new fresh.OpenlayerTrigger();
	});
}
const sample = (name: string) => openlayerEvents.find((e) => e.name === name)!.sample;

function deliver(
	body: object | string,
	opts: {
		id?: string;
		timestamp?: number;
		secret?: string;
		params?: Record<string, unknown>;
		staticData?: IDataObject;
		credential?: IDataObject;
		headers?: Record<string, string>;
		rawBody?: string;
	} = {},
) {
	const signed = signDelivery({
		secret: opts.secret ?? SECRET,
		body,
		id: opts.id,
		timestamp: opts.timestamp,
	});
	const ctx = makeContext({
		params: { events: ['*'], options: {}, ...opts.params },
		credentials: {
			openlayerSigningSecretApi: opts.credential ?? { secret: SECRET, previousSecret: '' },
		},
		headers: { ...signed.headers, ...opts.headers },
		rawBody: opts.rawBody ?? signed.rawBody,
		staticData: opts.staticData,
	});
	return { ctx, run: () => node.webhook.call(ctx.webhook), id: signed.headers['webhook-id'] };
}

/** The delivery's execution: n8n runs execute() with the webhook's items on the static data it loaded. */
const runExecution = (items: INodeExecutionData[], staticData: IDataObject) =>
	node.execute.call(makeContext({ params: { options: {} }, items, staticData }).execute);

describe('Openlayer Trigger description', () => {
	const d = node.description;

	it('is a POST webhook trigger answering on receipt', () => {
		expect(d.name).toBe('openlayerTrigger');
		expect(d.displayName).toContain('Trigger');
		expect(d.group).toEqual(['trigger']);
		expect(d.inputs).toEqual([]);
		expect(d.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		]);
		expect((d as { usableAsTool?: unknown }).usableAsTool).toBeUndefined();
	});

	it('requires the signing secret and asks for the API key only when failing tests are attached', () => {
		expect(d.credentials).toEqual([
			{
				name: 'openlayerSigningSecretApi',
				required: true,
				testedBy: 'checkSigningSecret',
				displayOptions: { show: { '@version': [1, 1.1] } },
			},
			{
				name: 'openlayerTestOpsApi',
				required: true,
				displayOptions: {
					show: { '@version': [1, 1.1] },
					hide: { attachFailingTests: [false] },
				},
			},
		]);
	});

	it('offers all events plus every catalog event, sorted, and the documented defaults', () => {
		const events = d.properties.find((p) => p.name === 'events')!;
		expect(events.options!.map((o) => ('value' in o ? o.value : undefined))).toEqual([
			'*',
			'test.created',
			'test.deleted',
			'tests.result.updated',
			'test.updated',
		]);
		const options = d.properties.find((p) => p.name === 'options')!.options as Array<{
			name: string;
			default: unknown;
		}>;
		expect(Object.fromEntries(options.map((o) => [o.name, o.default]))).toEqual({
			ignoreRetries: true,
			toleranceSeconds: 300,
			includeHeaders: false,
			headersToShow: '',
		});
		const notice = d.properties.find((p) => p.type === 'notice')!;
		expect(notice.displayName).toContain('Workspace Settings > Webhooks');
	});

	it('has nothing to register with Openlayer', async () => {
		const { hook, recorded } = makeContext({});
		await expect(node.webhookMethods.default.checkExists.call(hook)).resolves.toBe(true);
		await expect(node.webhookMethods.default.create.call(hook)).resolves.toBe(true);
		await expect(node.webhookMethods.default.delete.call(hook)).resolves.toBe(true);
		expect(recorded.requests).toHaveLength(0);
	});
});

describe('credential test (checkSigningSecret)', () => {
	const check = (data: IDataObject) =>
		node.methods.credentialTest.checkSigningSecret.call(
			{} as ICredentialTestFunctions,
			{
				id: '1',
				name: 'c',
				type: 'openlayerSigningSecretApi',
				data,
			} as ICredentialsDecrypted,
		);

	it('accepts whsec_ secrets, with or without prefix, and a valid previous secret', async () => {
		await expect(check({ secret: SECRET })).resolves.toMatchObject({ status: 'OK' });
		await expect(
			check({
				secret: SECRET.slice(6),
				previousSecret: `whsec_${randomBytes(24).toString('base64')}`,
			}),
		).resolves.toMatchObject({
			status: 'OK',
		});
	});

	it('refuses undecodable, too short or empty secrets, naming which one', async () => {
		await expect(check({ secret: 'whsec_not base64!' })).resolves.toMatchObject({
			status: 'Error',
			message: expect.stringContaining('Signing Secret is not a valid signing secret'),
		});
		await expect(check({ secret: 'whsec_YWJj' })).resolves.toMatchObject({
			status: 'Error',
			message: expect.stringContaining('too short'),
		});
		await expect(check({ secret: '' })).resolves.toMatchObject({ status: 'Error' });
		await expect(check({ secret: SECRET, previousSecret: 'oops!' })).resolves.toMatchObject({
			status: 'Error',
			message: expect.stringContaining('Previous Signing Secret'),
		});
	});
});

describe('webhook()', () => {
	it.each(openlayerEvents.map((e) => [e.name] as const))(
		'starts one execution for a signed %s delivery',
		async (name) => {
			const { run, ctx, id } = deliver(sample(name));
			const res = await run();
			expect(res.noWebhookResponse).toBeUndefined();
			expect(res.workflowData).toHaveLength(1);
			const [item] = res.workflowData![0];
			expect(item.json).toMatchObject(sample(name));
			if (name === 'tests.result.updated')
				expect((item.json as TestsResultEvent).data.tests.status).toBe('failing');
			// The verified id travels to execute() beside the json, never inside it.
			expect(item.openlayerWebhookId).toBe(id);
			expect(JSON.stringify(item.json)).not.toContain(id);
			expect(ctx.recorded.status).toBeUndefined();
		},
	);

	it('answers 401 "Unauthorized" (nothing more) and starts nothing for bad deliveries', async () => {
		const body = sample('tests.result.updated');
		// Each request built just before it runs: a context is one n8n request with its credential as
		// stored at that moment.
		const cases = [
			() => deliver(body, { rawBody: JSON.stringify(body).replace('"failing":1', '"failing":0') }), // tampered
			() => deliver(body, { headers: { 'webhook-signature': '' } }), // unsigned
			() => deliver(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 }), // replayed
			() => deliver(body, { secret: `whsec_${randomBytes(32).toString('base64')}` }), // other secret
			() => deliver(body, { credential: { secret: '' } }), // misconfigured credential
		];
		for (const make of cases) {
			const c = make();
			const res = await c.run();
			expect(res).toEqual({ noWebhookResponse: true });
			expect(c.ctx.recorded).toMatchObject({ status: 401, body: { error: 'Unauthorized' } });
			expect(c.ctx.staticData).toEqual({});
		}
	});

	it('fails closed when n8n hands over no raw body', async () => {
		const signed = signDelivery({ secret: SECRET, body: sample('test.created') });
		const ctx = makeContext({
			params: { events: ['*'], options: {} },
			credentials: { openlayerSigningSecretApi: { secret: SECRET } },
			headers: signed.headers,
		});
		await node.webhook.call(ctx.webhook);
		expect(ctx.recorded.status).toBe(401);
	});

	it('accepts the previous secret while rotating', async () => {
		const old = `whsec_${randomBytes(32).toString('base64')}`;
		const { run } = deliver(sample('test.created'), {
			secret: old,
			credential: { secret: SECRET, previousSecret: old },
		});
		expect((await run()).workflowData).toBeDefined();
	});

	it('honours the timestamp tolerance option', async () => {
		const ts = Math.floor(Date.now() / 1000) - 600;
		const strict = deliver(sample('test.created'), { timestamp: ts });
		await strict.run();
		expect(strict.ctx.recorded.status).toBe(401);
		const lax = deliver(sample('test.created'), {
			timestamp: ts,
			params: { options: { toleranceSeconds: 900 } },
		});
		expect((await lax.run()).workflowData).toBeDefined();
	});

	it('acknowledges unselected events with 200 and no execution', async () => {
		const { run, ctx } = deliver(sample('test.created'), {
			params: { events: ['tests.result.updated'] },
		});
		expect(await run()).toEqual({ noWebhookResponse: true });
		expect(ctx.recorded).toMatchObject({
			status: 200,
			body: { received: true, skipped: 'event test.created is not selected' },
		});
		expect(ctx.staticData).toEqual({});
	});

	describe('retried deliveries', () => {
		it('starts one execution per webhook-id; a retry gets 200 and nothing else', async () => {
			restartProcess();
			const staticData: IDataObject = {};
			const first = deliver(sample('tests.result.updated'), { id: 'msg_retry_1', staticData });
			const accepted = await first.run();
			expect(accepted.workflowData).toBeDefined();
			// Stored by webhook() (n8n saves it before answering): no execution has run here yet.
			expect(storedKeys(staticData)).toContain(keyOf('msg_retry_1'));
			await runExecution(accepted.workflowData![0], staticData);
			expect(storedKeys(staticData)).toContain(keyOf('msg_retry_1'));
			expect(Object.keys(staticData)).toEqual([STORED_KEY]);
			expect(typeof staticData[STORED_KEY]).toBe('string');

			// Openlayer's retry: same id, re-signed with a new timestamp.
			const retry = deliver(sample('tests.result.updated'), { id: 'msg_retry_1', staticData });
			expect(await retry.run()).toEqual({ noWebhookResponse: true });
			expect(retry.ctx.recorded).toMatchObject({
				status: 200,
				body: { received: true, skipped: expect.stringContaining('duplicate') },
			});

			const other = deliver(sample('tests.result.updated'), { id: 'msg_retry_2', staticData });
			expect((await other.run()).workflowData).toBeDefined();
		});

		it('stores the id from webhook() until this process has executed one of its deliveries, then from the execution only', async () => {
			restartProcess();
			const staticData: IDataObject = {};
			// A queue-mode webhook process: its executions run elsewhere, so it stores every id itself.
			const first = await deliver(sample('test.deleted'), { id: 'msg_where_1', staticData }).run();
			expect(storedKeys(staticData)).toEqual([keyOf('msg_where_1')]);
			// A manual run (the editor's test URL) does not count as running the deliveries here.
			await node.execute.call(
				makeContext({
					params: { options: {} },
					items: first.workflowData![0],
					staticData: {},
					mode: 'manual',
				}).execute,
			);
			await deliver(sample('test.deleted'), { id: 'msg_where_2', staticData }).run();
			expect(storedKeys(staticData)).toEqual([keyOf('msg_where_1'), keyOf('msg_where_2')]);

			// The execution of an id webhook() stored writes nothing: a queue worker of n8n 2.x gets no
			// static data, and its write would replace the stored copy.
			const workerState: IDataObject = {};
			await runExecution(first.workflowData![0], workerState);
			expect(workerState).toEqual({});
			// One n8n process: once it has executed a delivery, the execution stores the next ids, after
			// the answer, and webhook() changes nothing (n8n would save that before answering).
			const stored = staticData[STORED_KEY];
			const third = await deliver(sample('test.deleted'), { id: 'msg_where_3', staticData }).run();
			expect(staticData[STORED_KEY]).toBe(stored);
			await runExecution(third.workflowData![0], staticData);
			expect(storedKeys(staticData)).toEqual([
				keyOf('msg_where_1'),
				keyOf('msg_where_2'),
				keyOf('msg_where_3'),
			]);
		});

		it('marks the stored id as changed again once webhook() has returned (n8n 2.x clears the mark before it saves)', async () => {
			restartProcess();
			// n8n's own change tracking: LiveWebhooks builds a Workflow over the static data it read, and
			// saves it after the enqueue only when marked changed; 2.x's WorkflowRunner.run builds a
			// second Workflow over the same object first, which clears the mark.
			const raw: IDataObject = {};
			const nodeTypes = {} as ConstructorParameters<typeof Workflow>[0]['nodeTypes'];
			const build = () =>
				new Workflow({ nodes: [], connections: {}, active: true, nodeTypes, staticData: raw });
			const workflow = build();
			const staticData = workflow.getStaticData('node', { name: 'Openlayer Trigger' } as never);
			await deliver(sample('test.deleted'), { id: 'msg_marked', staticData }).run();
			expect(workflow.staticData.__dataChanged).toBe(true);
			build();
			expect(workflow.staticData.__dataChanged).toBe(false);
			await sleep(10);
			expect(workflow.staticData.__dataChanged).toBe(true);
			expect(storedKeys(staticData)).toContain(keyOf('msg_marked'));
		});

		it('does not remember rejected or skipped deliveries, so their retries still count', async () => {
			const staticData: IDataObject = {};
			const bad = deliver(sample('test.created'), {
				id: 'msg_x',
				staticData,
				headers: { 'webhook-signature': 'v1,AAAA' },
			});
			await bad.run();
			const skipped = deliver(sample('test.created'), {
				id: 'msg_x',
				staticData,
				params: { events: ['test.deleted'] },
			});
			await skipped.run();
			expect(staticData).toEqual({});
			const good = deliver(sample('test.created'), { id: 'msg_x', staticData });
			expect((await good.run()).workflowData).toBeDefined();
		});

		it('a forged delivery reusing a known id is still refused with 401 (verification comes first)', async () => {
			const staticData: IDataObject = {};
			await deliver(sample('test.created'), { id: 'msg_known', staticData }).run();
			const forged = deliver(sample('test.created'), {
				id: 'msg_known',
				staticData,
				secret: `whsec_${randomBytes(32).toString('base64')}`,
			});
			await forged.run();
			expect(forged.ctx.recorded.status).toBe(401);
		});

		it('can be switched off: every delivery starts an execution and nothing is stored', async () => {
			const staticData: IDataObject = {};
			for (let i = 0; i < 2; i++) {
				const d = deliver(sample('test.created'), {
					id: 'msg_same',
					staticData,
					params: { options: { ignoreRetries: false } },
				});
				expect((await d.run()).workflowData).toBeDefined();
			}
			expect(staticData).toEqual({});
		});

		it('two copies of one delivery arriving together start one execution', async () => {
			// Both requests are in webhook() at once (each waits for its credential read), as when a
			// sender's retry overtakes the first attempt; only one may pass the duplicate check.
			const staticData: IDataObject = {};
			const a = deliver(sample('test.deleted'), { id: 'msg_together', staticData });
			const b = deliver(sample('test.deleted'), { id: 'msg_together', staticData });
			const results = await Promise.all([a.run(), b.run()]);
			expect(results.filter((r) => r.workflowData !== undefined)).toHaveLength(1);
			expect(results.filter((r) => r.noWebhookResponse === true)).toHaveLength(1);
		});

		it('recognises a retry whose id a concurrent save dropped from the stored log', async () => {
			// Each request works on the static data it loaded; here the retry sees a log without the id.
			const first = deliver(sample('test.deleted'), { id: 'msg_lost_in_save', staticData: {} });
			expect((await first.run()).workflowData).toBeDefined();
			const retry = deliver(sample('test.deleted'), { id: 'msg_lost_in_save', staticData: {} });
			expect(await retry.run()).toEqual({ noWebhookResponse: true });
			expect(retry.ctx.recorded).toMatchObject({
				status: 200,
				body: { received: true, skipped: expect.stringContaining('duplicate') },
			});
		});

		it('keeps a bounded memory: the oldest ids are forgotten first', async () => {
			restartProcess();
			const limit = trimThreshold(RETRY_MEMORY_CAPACITY);
			const STORED_IDS = limit + 100;
			const now = Math.floor(Date.now() / 1000);
			// Written by another process, more ids than the memory keeps.
			const ids = Array.from({ length: STORED_IDS }, (_, i) => `msg_${i}`);
			const staticData: IDataObject = { [STORED_KEY]: storedCopy(ids, now - 10) };
			const accepted = await deliver(sample('test.deleted'), { id: 'msg_new', staticData }).run();
			await runExecution(accepted.workflowData![0], staticData);
			const keys = storedKeys(staticData);
			const dropped = STORED_IDS + 1 - limit;
			expect(keys).toHaveLength(limit);
			expect(keys[0]).toBe(keyOf(`msg_${dropped}`));
			expect(keys.at(-1)).toBe(keyOf('msg_new'));
			const oldest = deliver(sample('test.deleted'), { id: 'msg_0', staticData });
			expect((await oldest.run()).workflowData).toBeDefined();
			const recent = deliver(sample('test.deleted'), { id: `msg_${dropped + 1}`, staticData });
			await recent.run();
			expect(recent.ctx.recorded.status).toBe(200);
			expect(recent.ctx.recorded.body).toMatchObject({
				skipped: expect.stringContaining('duplicate'),
			});
		});

		it('after a restart, recognises a retry from the stored copy alone', async () => {
			const staticData: IDataObject = {};
			const accepted = await deliver(sample('test.deleted'), {
				id: 'msg_before_restart',
				staticData,
			}).run();
			await runExecution(accepted.workflowData![0], staticData);
			restartProcess();
			const retry = deliver(sample('test.deleted'), {
				id: 'msg_before_restart',
				staticData: { ...staticData },
			});
			expect(await retry.run()).toEqual({ noWebhookResponse: true });
			expect(retry.ctx.recorded.body).toMatchObject({
				skipped: expect.stringContaining('duplicate'),
			});
		});
	});

	it('interoperates: the reference library verifies exactly the bytes and headers the trigger accepted', async () => {
		const { run, ctx } = deliver(sample('test.updated'));
		expect((await run()).workflowData).toBeDefined();
		const req = ctx.webhook.getRequestObject() as unknown as {
			headers: Record<string, string>;
			rawBody: Buffer;
		};
		expect(new Webhook(SECRET).verify(req.rawBody.toString(), req.headers)).toEqual(
			sample('test.updated'),
		);
	});
});

describe('execute()', () => {
	// Only the last test uses the fake, and resets it itself.
	const { fake, baseUrl } = useFake(() => createOpenlayerFake(), { reset: false });

	const items = (): INodeExecutionData[] => [
		{
			json: {
				...sample('tests.result.updated'),
				data: {
					tests: {
						...(sample('tests.result.updated') as TestsResultEvent).data.tests,
						projectVersionId: 'a1b2c3d4-0000-4000-8000-000000000001',
						status: 'failing',
					},
				},
			},
		},
		{ json: sample('test.created') as IDataObject },
	];

	it('passes the webhook items through, paired, when failing tests are not attached', async () => {
		const ctx = makeContext({ params: { attachFailingTests: false }, items: items() });
		const [out] = await node.execute.call(ctx.execute);
		expect(out.map((o) => o.json)).toEqual(items().map((i) => i.json));
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(ctx.recorded.requests).toHaveLength(0);
	});

	it('records the delivered webhook-id in static data when it is missing, and drops it from the output', async () => {
		restartProcess();
		const staticData: IDataObject = {};
		const input = items().map((item, i) => ({ ...item, openlayerWebhookId: `msg_exec_${i}` }));
		const ctx = makeContext({ params: { options: {} }, items: input, staticData });
		const [out] = await node.execute.call(ctx.execute);
		expect(storedKeys(staticData)).toEqual([keyOf('msg_exec_0'), keyOf('msg_exec_1')]);
		expect(out.every((o) => !('openlayerWebhookId' in o))).toBe(true);
		expect(out.map((o) => o.json)).toEqual(items().map((i) => i.json));

		// Already stored (by an earlier execution or another process): the static data is left
		// untouched, so the execution does not write it again.
		const stored = staticData[STORED_KEY];
		const watched = new Proxy(staticData, {
			set() {
				throw new Error('static data written although the id was stored');
			},
		});
		await node.execute.call(
			makeContext({ params: { options: {} }, items: input, staticData: watched }).execute,
		);
		expect(staticData[STORED_KEY]).toBe(stored);
	});

	it('records nothing when retries are not ignored', async () => {
		const staticData: IDataObject = {};
		const input = items().map((item) => ({ ...item, openlayerWebhookId: 'msg_off' }));
		const [out] = await node.execute.call(
			makeContext({ params: { options: { ignoreRetries: false } }, items: input, staticData })
				.execute,
		);
		expect(staticData).toEqual({});
		expect(out.every((o) => !('openlayerWebhookId' in o))).toBe(true);
	});

	it('webhook() and execute() together: a retry after the execution is recognised', async () => {
		const staticData: IDataObject = {};
		const first = deliver(sample('test.created'), { id: 'msg_chain', staticData });
		const res = await first.run();
		// Simulate n8n 2.x losing the webhook's change: the execution starts from stored (empty) data.
		const executionState: IDataObject = {};
		await node.execute.call(
			makeContext({
				params: { options: {} },
				items: res.workflowData![0],
				staticData: executionState,
			}).execute,
		);
		// After a restart only the copy the execution stored is left.
		restartProcess();
		const retry = deliver(sample('test.created'), { id: 'msg_chain', staticData: executionState });
		await retry.run();
		expect(retry.ctx.recorded).toMatchObject({
			status: 200,
			body: { skipped: expect.stringContaining('duplicate') },
		});
	});

	it('attaches the failing tests from the API when asked', async () => {
		fake().reset();
		const results = fake().addRun({
			projectVersionId: 'a1b2c3d4-0000-4000-8000-000000000001',
			failing: 1,
			passing: 4,
		});
		const ctx = makeContext({
			params: { attachFailingTests: true },
			items: items(),
			credentials: { openlayerTestOpsApi: { apiKey: 'test-openlayer-key', baseUrl: baseUrl() } },
		});
		const [out] = await node.execute.call(ctx.execute);
		expect(out[0].json.failingTests).toEqual(results.filter((r) => r.status === 'failing'));
		expect(out[0].json.failingTestsTruncated).toBe(false);
		expect(out[1].json).toEqual(items()[1].json);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
