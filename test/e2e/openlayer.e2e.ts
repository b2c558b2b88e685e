/**
 * Openlayer Trigger in a real n8n: the package installed from its tarball, workflows imported and
 * activated with n8n's CLI, deliveries signed by the reference Standard Webhooks library
 * (`standardwebhooks`) over real HTTP, executions and static data read back from n8n's database,
 * and the Openlayer REST API played by the local fake on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';

import { openlayerEvents } from '../../nodes/Openlayer/catalog';
import { keyOf, STORED_KEY, storedKeys } from '../helpers/retryMemory';
import { createOpenlayerFake, type OpenlayerFake } from '../fakes/openlayer-api';
import { sendDelivery } from '../fakes/openlayer-sender';
import type { TestsResultEvent } from '../helpers/json';
import {
	prepareN8n,
	settle,
	triggerWorkflow,
	type ExecutionRecord,
	type N8nInstance,
} from './harness';
import { stderr } from './host';
import { storedStaticData } from './reliability-kit';

/** The trigger's item for a tests.result.updated delivery with failing tests attached. */
interface FailingTestsItem extends TestsResultEvent {
	failingTests?: Array<{ id: string }>;
	failingTestsTruncated?: boolean;
}

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const API_KEY = randomBytes(12).toString('hex');
const CRED_SIGNING = { id: 'credOlSigning01', name: 'Openlayer signing secret' };
const CRED_API = { id: 'credOlApi000001', name: 'Openlayer fake API' };

const WF_MAIN = 'wfOpenlayerMain1'; // all events, failing tests attached, retries ignored (default)
const WF_RESULTS = 'wfOpenlayerRes01'; // tests.result.updated only, retries not ignored
const NODE = 'Openlayer Trigger';

const BIG_VERSION = '0b5c2d9e-1111-4aaa-8bbb-000000000150';
const PIPELINE = '7e6f5a4b-2222-4ccc-8ddd-000000000002';
const SAMPLE_VERSION = '3fa85f64-5717-4562-b3fc-2c963f66afa6'; // projectVersionId of the documented sample

const sample = (name: string) =>
	structuredClone(openlayerEvents.find((e) => e.name === name)!.sample) as TestsResultEvent;
const resultsEvent = (tests: Record<string, unknown>) => {
	const body = sample('tests.result.updated');
	body.data.tests = { ...body.data.tests, ...tests };
	return body;
};
let counter = 0;
const newId = () => `msg_e2e_${Date.now()}_${counter++}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Openlayer Trigger in real n8n', () => {
	let fake: OpenlayerFake;
	let n8n: N8nInstance;
	let mainUrl: string;
	let resultsUrl: string;
	const started = Date.now();

	/** One delivery signed by the reference library, as Openlayer sends it. */
	const deliver = (
		url: string,
		body: object | string,
		opts: { id?: string; timestamp?: number; secret?: string } = {},
	) =>
		sendDelivery(url, {
			secret: opts.secret ?? SECRET,
			body,
			id: opts.id ?? newId(),
			timestamp: opts.timestamp,
		});

	/** Waits for the execution started by one accepted delivery (executions run one after another here). */
	async function nextExecution(workflowId: string, before: number): Promise<ExecutionRecord> {
		const list = await n8n.waitForExecutions(workflowId, before + 1);
		return list[before];
	}

	beforeAll(async () => {
		fake = createOpenlayerFake({ apiKeys: [API_KEY] });
		const fakeUrl = await fake.listen();
		n8n = await prepareN8n({
			credentials: [
				{
					...CRED_SIGNING,
					type: 'openlayerSigningSecretApi',
					data: { secret: SECRET, previousSecret: '' },
				},
				{ ...CRED_API, type: 'openlayerTestOpsApi', data: { apiKey: API_KEY, baseUrl: fakeUrl } },
			],
			workflows: [
				triggerWorkflow({
					id: WF_MAIN,
					name: 'Openlayer all events',
					nodeType: 'n8n-nodes-testops.openlayerTrigger',
					nodeName: NODE,
					webhookId: 'openlayer-main',
					parameters: { events: ['*'], attachFailingTests: true, options: {} },
					credentials: { openlayerSigningSecretApi: CRED_SIGNING, openlayerTestOpsApi: CRED_API },
				}),
				triggerWorkflow({
					id: WF_RESULTS,
					name: 'Openlayer results, every delivery',
					nodeType: 'n8n-nodes-testops.openlayerTrigger',
					nodeName: NODE,
					webhookId: 'openlayer-results',
					parameters: { events: ['tests.result.updated'], options: { ignoreRetries: false } },
					credentials: { openlayerSigningSecretApi: CRED_SIGNING },
				}),
			],
			activate: [WF_MAIN, WF_RESULTS],
		});
		mainUrl = n8n.webhookUrl('openlayer-main');
		resultsUrl = n8n.webhookUrl('openlayer-results');
		await n8n.start();
		stderr(`[openlayer e2e] n8n ${n8n.install.version} ready after ${Date.now() - started} ms`);
	});

	beforeEach(() => {
		fake.reset();
		fake.clearFaults();
		fake.requests.length = 0;
	});

	afterAll(async () => {
		await n8n?.stop();
		const log = n8n?.log() ?? '';
		const raw = n8n
			? n8n
					.executions()
					.map((e) => e.raw)
					.join('\n')
			: '';
		n8n?.cleanup();
		await fake?.close();
		stderr(`[openlayer e2e] wall time ${Date.now() - started} ms`);
		// Neither the signing secret nor the API key may end up in n8n's log or execution data.
		for (const secret of [SECRET, SECRET.slice('whsec_'.length), API_KEY]) {
			expect(log).not.toContain(secret);
			expect(raw).not.toContain(secret);
		}
	});

	test('each documented event, signed by the reference library, starts exactly one execution', async () => {
		fake.addRun({ projectVersionId: SAMPLE_VERSION, failing: 1, passing: 4, skipped: 1 });
		for (const event of openlayerEvents) {
			const before = n8n.executions(WF_MAIN).length;
			const res = await deliver(mainUrl, event.sample);
			expect({ event: event.name, status: res.status, body: res.body }).toEqual({
				event: event.name,
				status: 200,
				body: '',
			});
			const execution = await nextExecution(WF_MAIN, before);
			expect(execution.status).toBe('success');
			const items = execution.nodes[NODE].items;
			expect(items).toHaveLength(1);
			const { failingTests, failingTestsTruncated, ...envelope } = items[0] as FailingTestsItem;
			if (event.name === 'tests.result.updated') {
				expect(envelope).toEqual({
					...event.sample,
					data: { tests: { ...(event.sample as TestsResultEvent).data.tests, status: 'failing' } },
				});
				expect(failingTests).toHaveLength(1);
				expect(failingTestsTruncated).toBe(false);
			} else {
				expect(envelope).toEqual(event.sample);
				expect(failingTests).toBeUndefined();
			}
		}
		await settle();
		expect(n8n.executions(WF_MAIN)).toHaveLength(openlayerEvents.length);
	});

	test('attached failing tests come from the fake: every page of a commit, or the monitoring pipeline', async () => {
		const big = fake.addRun({ projectVersionId: BIG_VERSION, failing: 150, passing: 20 });
		let before = n8n.executions(WF_MAIN).length;
		expect(
			(
				await deliver(
					mainUrl,
					resultsEvent({
						projectVersionId: BIG_VERSION,
						total: 170,
						passing: 20,
						failing: 150,
						skipped: 0,
					}),
				)
			).status,
		).toBe(200);
		let execution = await nextExecution(WF_MAIN, before);
		let item = execution.nodes[NODE].items[0] as unknown as FailingTestsItem;
		expect(item.data.tests.status).toBe('failing');
		expect(item.failingTests?.map((r: { id: string }) => r.id)).toEqual(
			big.filter((r) => r.status === 'failing').map((r) => r.id),
		);
		expect(item.failingTests?.[0]).toMatchObject({
			status: 'failing',
			goal: { name: 'Test 1', number: 1 },
		});
		expect(item.failingTestsTruncated).toBe(false);
		expect(
			fake.requests.map((r) => [r.path, r.query.status, r.query.page, r.query.perPage]),
		).toEqual([
			[`/versions/${BIG_VERSION}/results`, 'failing', '1', '100'],
			[`/versions/${BIG_VERSION}/results`, 'failing', '2', '100'],
		]);
		expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);

		fake.requests.length = 0;
		fake.addRun({ inferencePipelineId: PIPELINE, failing: 2, passing: 1 });
		before = n8n.executions(WF_MAIN).length;
		await deliver(
			mainUrl,
			resultsEvent({
				projectVersionId: null,
				inferencePipelineId: PIPELINE,
				total: 3,
				passing: 1,
				failing: 2,
				skipped: 0,
			}),
		);
		execution = await nextExecution(WF_MAIN, before);
		item = execution.nodes[NODE].items[0] as unknown as FailingTestsItem;
		expect(item.failingTests).toHaveLength(2);
		expect(fake.requests.map((r) => r.path)).toEqual([`/inference-pipelines/${PIPELINE}/results`]);

		// A passing run asks nothing.
		fake.requests.length = 0;
		before = n8n.executions(WF_MAIN).length;
		await deliver(
			mainUrl,
			resultsEvent({ projectVersionId: BIG_VERSION, passing: 6, failing: 0, skipped: 0 }),
		);
		item = (await nextExecution(WF_MAIN, before)).nodes[NODE]
			.items[0] as unknown as FailingTestsItem;
		expect(item.data.tests.status).toBe('passing');
		expect(item.failingTests).toBeUndefined();
		expect(fake.requests).toHaveLength(0);
	});

	test('API failures are reported inside the item; the execution still succeeds', async () => {
		let before = n8n.executions(WF_MAIN).length;
		await deliver(
			mainUrl,
			resultsEvent({ projectVersionId: 'ffffffff-0000-4000-8000-00000000dead' }),
		);
		let execution = await nextExecution(WF_MAIN, before);
		expect(execution.status).toBe('success');
		expect(execution.nodes[NODE].items[0].failingTestsError).toEqual({
			status: 404,
			message: 'Openlayer API error (HTTP 404): Project version not found',
		});

		// Issue 10 item 1: a signed event whose id would climb out of the path is not looked up.
		const from = fake.requests.length;
		before = n8n.executions(WF_MAIN).length;
		await deliver(mainUrl, resultsEvent({ projectVersionId: '..' }));
		execution = await nextExecution(WF_MAIN, before);
		expect(execution.nodes[NODE].items[0].failingTestsError).toEqual({
			status: null,
			message: 'The event\'s projectVersionId ".." is not an Openlayer id (a UUID)',
		});
		expect(fake.requests.length).toBe(from);

		fake.addRun({ projectVersionId: BIG_VERSION, failing: 3 });
		fake.addFault({ path: '/results$', status: 500, body: { error: 'Internal server error' } });
		before = n8n.executions(WF_MAIN).length;
		await deliver(mainUrl, resultsEvent({ projectVersionId: BIG_VERSION }));
		execution = await nextExecution(WF_MAIN, before);
		expect(execution.status).toBe('success');
		expect(execution.nodes[NODE].items[0]).toMatchObject({
			type: 'tests.result.updated',
			failingTestsError: {
				status: 500,
				message: 'Openlayer API error (HTTP 500): Internal server error',
			},
		});
		expect(execution.nodes[NODE].items[0].failingTests).toBeUndefined();
	});

	test('a slow Openlayer API does not delay the 200; a retry while that execution still runs is recognised', async () => {
		fake.addRun({ projectVersionId: BIG_VERSION, failing: 2 });
		fake.addFault({ path: '/results$', delayMs: 4000, times: 1 });
		const before = n8n.executions(WF_MAIN).length;
		const finished = () =>
			n8n.executions(WF_MAIN).filter((e) => e.status !== 'running' && e.status !== 'new').length;
		const id = newId();
		const body = resultsEvent({ projectVersionId: BIG_VERSION, failing: 2 });
		const res = await deliver(mainUrl, body, { id });
		expect(res.status).toBe(200);
		// Answered before the execution ended: it is still waiting for the (delayed) results API.
		expect(finished()).toBe(before);
		// The process remembers the id when it accepts the delivery, on both n8n lines, so a retry is
		// recognised before anything is stored.
		const retry = await deliver(mainUrl, body, { id });
		expect(retry.body).toEqual({
			received: true,
			skipped: 'duplicate delivery (webhook-id already received)',
		});
		expect(finished()).toBe(before);
		const execution = await nextExecution(WF_MAIN, before);
		expect(execution.nodes[NODE].items[0].failingTests).toHaveLength(2);
		await settle();
		expect(n8n.executions(WF_MAIN)).toHaveLength(before + 1);
	});

	test('tampered, unsigned, replayed, future-dated and wrongly keyed deliveries get 401 and start nothing', async () => {
		const body = resultsEvent({ projectVersionId: BIG_VERSION });
		const beforeMain = n8n.executions(WF_MAIN).length;
		const beforeResults = n8n.executions(WF_RESULTS).length;
		const signed = await deliver(resultsUrl, body); // a genuine delivery to tamper with
		expect(signed.status).toBe(200);
		const { headers, rawBody } = signed.sent;
		const attempts: Array<[string, () => ReturnType<typeof sendDelivery>]> = [
			[
				'tampered body',
				() =>
					sendDelivery(resultsUrl, {
						body,
						headers,
						rawBody: rawBody.replace('"failing":1', '"failing":0'),
					}),
			],
			[
				're-serialised body',
				() =>
					sendDelivery(resultsUrl, {
						body,
						headers,
						rawBody: JSON.stringify(JSON.parse(rawBody), null, 1),
					}),
			],
			[
				'other webhook-id',
				() =>
					sendDelivery(resultsUrl, {
						body,
						headers: { ...headers, 'webhook-id': newId() },
						rawBody,
					}),
			],
			['unsigned', () => sendDelivery(resultsUrl, { body })],
			[
				'no signature header',
				() =>
					sendDelivery(resultsUrl, {
						body,
						headers: { ...headers, 'webhook-signature': undefined },
						rawBody,
					}),
			],
			[
				'empty signature',
				() =>
					sendDelivery(resultsUrl, {
						body,
						headers: { ...headers, 'webhook-signature': '' },
						rawBody,
					}),
			],
			[
				'v2 only',
				() =>
					sendDelivery(resultsUrl, {
						body,
						headers: {
							...headers,
							'webhook-signature': headers['webhook-signature'].replace('v1,', 'v2,'),
						},
						rawBody,
					}),
			],
			[
				'replayed (10 minutes old, correctly signed)',
				() => deliver(resultsUrl, body, { timestamp: nowSeconds() - 600 }),
			],
			['future-dated', () => deliver(resultsUrl, body, { timestamp: nowSeconds() + 600 })],
			[
				'non-numeric timestamp',
				() =>
					sendDelivery(resultsUrl, {
						body,
						headers: { ...headers, 'webhook-timestamp': 'now' },
						rawBody,
					}),
			],
			[
				'other secret',
				() => deliver(resultsUrl, body, { secret: `whsec_${randomBytes(32).toString('base64')}` }),
			],
			[
				'other secret, all-events workflow',
				() => deliver(mainUrl, body, { secret: `whsec_${randomBytes(32).toString('base64')}` }),
			],
		];
		for (const [what, attempt] of attempts) {
			const res = await attempt();
			expect({ what, status: res.status, body: res.body }).toEqual({
				what,
				status: 401,
				body: { error: 'Unauthorized' },
			});
		}
		await settle();
		expect(n8n.executions(WF_RESULTS)).toHaveLength(beforeResults + 1); // only the genuine one
		expect(n8n.executions(WF_MAIN)).toHaveLength(beforeMain);
		expect(fake.requests).toHaveLength(0);
	});

	test('a retried webhook-id starts no second execution, across restarts and re-activation', async () => {
		const id = newId();
		const body = sample('test.deleted');
		const before = n8n.executions(WF_MAIN).length;
		const first = await deliver(mainUrl, body, { id });
		expect(first.status).toBe(200);
		await nextExecution(WF_MAIN, before);

		// The id is in the workflow's static data in n8n's database (written by the execution, which
		// n8n saves when it ends, on both lines).
		const storedIds = () => storedKeys(storedStaticData(n8n, WF_MAIN)?.[`node:${NODE}`]);
		const deadline = Date.now() + 10000;
		while (!storedIds().includes(keyOf(id)) && Date.now() < deadline) await settle(250);
		expect(storedIds()).toContain(keyOf(id));
		// Every delivery accepted so far is remembered, not only the last one.
		const allIds = n8n.executions(WF_MAIN).length;
		expect(storedIds().length).toBe(allIds);

		const duplicate = {
			status: 200,
			body: { received: true, skipped: 'duplicate delivery (webhook-id already received)' },
		};
		// Openlayer's retry: same id and body, signed again with a fresh timestamp.
		const retry = await deliver(mainUrl, body, { id });
		expect({ status: retry.status, body: retry.body }).toEqual(duplicate);
		// A byte-for-byte replay within the tolerance is absorbed the same way.
		const replay = await sendDelivery(mainUrl, {
			body,
			headers: first.sent.headers,
			rawBody: first.sent.rawBody,
		});
		expect({ status: replay.status, body: replay.body }).toEqual(duplicate);

		await n8n.restart();
		expect({ ...(await deliver(mainUrl, body, { id })) }).toMatchObject(duplicate);

		await n8n.setActive(WF_MAIN, false);
		await n8n.setActive(WF_MAIN, true);
		expect({ ...(await deliver(mainUrl, body, { id })) }).toMatchObject(duplicate);

		// A new id still gets through.
		const fresh = await deliver(mainUrl, body);
		expect(fresh.status).toBe(200);
		await settle();
		const executions = n8n.executions(WF_MAIN);
		expect(executions).toHaveLength(before + 2);
		expect(executions.slice(before).map((e) => e.nodes[NODE].items[0].type)).toEqual([
			'test.deleted',
			'test.deleted',
		]);
	});

	test('with Ignore Retried Deliveries off every delivery runs, and nothing is stored', async () => {
		const id = newId();
		const before = n8n.executions(WF_RESULTS).length;
		for (let i = 0; i < 2; i++)
			expect((await deliver(resultsUrl, resultsEvent({}), { id })).status).toBe(200);
		await n8n.waitForExecutions(WF_RESULTS, before + 2);
		expect(storedStaticData(n8n, WF_RESULTS)?.[`node:${NODE}`]?.[STORED_KEY]).toBeUndefined();
	});

	test('an event the workflow did not select gets 200 and no execution', async () => {
		const before = n8n.executions(WF_RESULTS).length;
		const res = await deliver(resultsUrl, sample('test.created'));
		expect({ status: res.status, body: res.body }).toEqual({
			status: 200,
			body: { received: true, skipped: 'event test.created is not selected' },
		});
		await settle();
		expect(n8n.executions(WF_RESULTS)).toHaveLength(before);
	});

	test('the editor previews the output from __schema__', async () => {
		const res = await fetch(`${n8n.baseUrl}/schemas/n8n-nodes-testops.openlayerTrigger/1.0.0.json`);
		expect(res.status).toBe(200);
		const schema = (await res.json()) as {
			properties: Record<string, unknown> & {
				data: { properties: { tests: { properties: { status: { enum: string[] } } } } };
			};
		};
		// The preview shows what the default settings produce: failingTests only comes with Attach
		// Failing Tests, so it is not previewed.
		expect(Object.keys(schema.properties)).toEqual(['type', 'timestamp', 'data']);
		expect(schema.properties.data.properties.tests.properties.status.enum).toEqual([
			'failing',
			'running',
			'passing',
		]);
	});
});
