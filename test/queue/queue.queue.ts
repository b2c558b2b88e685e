/**
 * n8n queue mode with real PostgreSQL and Redis: one main, two `n8n webhook` processes, two
 * `n8n worker`s, this package installed once into the user folder they all share. Deliveries go
 * to the two webhook processes alternately; executions are counted in PostgreSQL and attributed to
 * the workers from their own logs. Figures are printed ("[figures queue | …]"), never timed in an
 * assertion: other work shares the cores.
 */
import { randomBytes } from 'node:crypto';

import { sleep } from 'n8n-workflow';

import { currentsEvents } from '../../nodes/Currents/catalog';
import { keyOf, storedKeys } from '../helpers/retryMemory';
import { findQaseEvent } from '../../nodes/Qase/catalog';
import { createCurrentsFake, type CurrentsFake } from '../fakes/currents-api';
import { createOpenlayerFake, type OpenlayerFake } from '../fakes/openlayer-api';
import { signDelivery } from '../fakes/openlayer-sender';
import { createQaseFake, type QaseFake } from '../fakes/qase-api';
import { currentsAutoWorkflow, triggerWorkflow } from '../e2e/harness';
import { env, figure as printFigure, n8nLine } from '../e2e/host';
import { percentile, runPool, statusClasses, type Timed } from '../e2e/reliability-kit';
import {
	createCluster,
	drain,
	type QueueCluster,
	type QueueExecution,
	type QueueProcess,
} from './cluster';

/**
 * Valid deliveries per trigger; forged ones per trigger. 300 at 20 concurrent keeps every assertion
 * (both processes, both workers, 100 retried ids) and keeps two n8n lines within CI's budget; the
 * regular-mode load test (test/e2e/load.e2e.ts) sends 1,000.
 */
const DELIVERIES = Number(env('QUEUE_DELIVERIES') ?? 300);
const CLIENTS = Number(env('QUEUE_CLIENTS') ?? 20);
const FORGED = 50;
/** Retries sent after the load, each to the other webhook process (Openlayer retries after 5 s, 5 min, 30 min). */
const LOAD_RETRIES = 100;
/** Deliveries retried 5 s later on the other webhook process, one every 0.5 s, with new ones in between. */
const RETRIES_AT_5S = 20;
/** Pairs of identical deliveries sent to both webhook processes at the same instant. */
const SIMULTANEOUS = 20;

const CURRENTS_KEY = `queue-currents-${randomBytes(6).toString('hex')}`;
const OPENLAYER_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const OPENLAYER_KEY = `queue-openlayer-${randomBytes(6).toString('hex')}`;
const QASE_SECRET = `queue-qase-${randomBytes(12).toString('hex')}`;
const QASE_TOKEN = `queue-qase-token-${randomBytes(6).toString('hex')}`;

const CRED_CURRENTS = { id: 'credQCurrents01', name: 'Currents fake API' };
const CRED_OL_SIGNING = { id: 'credQOlSigning1', name: 'Openlayer signing secret' };
const CRED_OL_API = { id: 'credQOlApi00001', name: 'Openlayer fake API' };
const CRED_QASE_SECRET = { id: 'credQQaseSec001', name: 'Qase webhook secret' };
const CRED_QASE_API = { id: 'credQQaseApi001', name: 'Qase fake API' };

const WF_CURRENTS = 'wfQueueCurrents1';
const WF_OPENLAYER = 'wfQueueOpenlayer';
const WF_QASE = 'wfQueueQase00001';
const WF_QASE_RESOLVE = 'wfQueueQaseRes01';
const WF_OL_FAILING = 'wfQueueOlFailing';

const HOOK = {
	currents: 'queue-currents',
	openlayer: 'queue-openlayer',
	qase: 'queue-qase',
	qaseResolve: 'queue-qase-resolve',
	olFailing: 'queue-ol-failing',
};

const currentsSample = currentsEvents.find((e) => e.name === 'RUN_FINISH')!.sample as Record<
	string,
	unknown
>;
const qaseSample = findQaseEvent('run.completed')!.sample as {
	payload: Record<string, unknown>;
	[key: string]: unknown;
};

/** An output item of an execution, as the audits read it. */
type QueueItem = Record<string, unknown> & { data?: { test?: { id?: unknown } } };

const line = n8nLine();

/** An Openlayer delivery with the given webhook-id, signed now by the reference library. */
function openlayerDelivery(id: string, marker: string) {
	const body = {
		type: 'test.deleted',
		timestamp: new Date().toISOString(),
		data: { test: { id: marker } },
	};
	return signDelivery({ secret: OPENLAYER_SECRET, body, id });
}

async function postOpenlayer(target: QueueProcess, id: string, marker: string) {
	const { headers, rawBody } = openlayerDelivery(id, marker);
	const res = await fetch(target.webhookUrl(HOOK.openlayer), {
		method: 'POST',
		headers,
		body: rawBody,
	});
	return { status: res.status, text: await res.text() };
}

describe(`n8n queue mode (main + 2 webhook processes + 2 workers, PostgreSQL, Redis): ${DELIVERIES} deliveries per trigger at ${CLIENTS} concurrent`, () => {
	let cluster: QueueCluster;
	const figure = (text: string) => printFigure('queue', cluster?.main, text);
	let currents: CurrentsFake;
	let qase: QaseFake;
	let openlayer: OpenlayerFake;
	let currentsSecret: string;
	const started = Date.now();

	beforeAll(async () => {
		currents = createCurrentsFake({ apiKeys: [CURRENTS_KEY] });
		qase = createQaseFake({ tokens: [QASE_TOKEN] });
		openlayer = createOpenlayerFake({ apiKeys: [OPENLAYER_KEY] });
		const [currentsUrl, qaseUrl, openlayerUrl] = [
			await currents.listen(),
			await qase.listen(),
			await openlayer.listen(),
		];
		cluster = createCluster();
		await cluster.prepare({
			credentials: [
				{
					...CRED_CURRENTS,
					type: 'currentsTestOpsApi',
					data: { apiKey: CURRENTS_KEY, baseUrl: currentsUrl },
				},
				{
					...CRED_OL_SIGNING,
					type: 'openlayerSigningSecretApi',
					data: { secret: OPENLAYER_SECRET, previousSecret: '' },
				},
				{
					...CRED_OL_API,
					type: 'openlayerTestOpsApi',
					data: { apiKey: OPENLAYER_KEY, baseUrl: openlayerUrl },
				},
				{ ...CRED_QASE_SECRET, type: 'qaseWebhookSecretApi', data: { secret: QASE_SECRET } },
				{
					...CRED_QASE_API,
					type: 'qaseTestOpsApi',
					data: { apiToken: QASE_TOKEN, baseUrl: `${qaseUrl}/v1` },
				},
			],
			workflows: [
				currentsAutoWorkflow({
					id: WF_CURRENTS,
					name: 'Queue Currents (automatic)',
					webhookId: HOOK.currents,
					credential: CRED_CURRENTS,
				}),
				triggerWorkflow({
					id: WF_OPENLAYER,
					name: 'Queue Openlayer',
					nodeType: 'n8n-nodes-testops.openlayerTrigger',
					nodeName: 'Openlayer Trigger',
					webhookId: HOOK.openlayer,
					parameters: { events: ['*'], options: {} },
					credentials: { openlayerSigningSecretApi: CRED_OL_SIGNING },
				}),
				triggerWorkflow({
					id: WF_QASE,
					name: 'Queue Qase',
					nodeType: 'n8n-nodes-testops.qaseTrigger',
					nodeName: 'Qase Trigger',
					webhookId: HOOK.qase,
					parameters: { resource: 'all', events: ['*'] },
					credentials: { qaseWebhookSecretApi: CRED_QASE_SECRET },
				}),
				triggerWorkflow({
					id: WF_QASE_RESOLVE,
					name: 'Queue Qase Resolve Full Record',
					nodeType: 'n8n-nodes-testops.qaseTrigger',
					nodeName: 'Qase Trigger',
					webhookId: HOOK.qaseResolve,
					parameters: { resource: 'all', events: ['*'], resolveRecord: true },
					// Records are looked up for authenticated deliveries only.
					credentials: { qaseTestOpsApi: CRED_QASE_API, qaseWebhookSecretApi: CRED_QASE_SECRET },
				}),
				triggerWorkflow({
					id: WF_OL_FAILING,
					name: 'Queue Openlayer Attach Failing Tests',
					nodeType: 'n8n-nodes-testops.openlayerTrigger',
					nodeName: 'Openlayer Trigger',
					webhookId: HOOK.olFailing,
					parameters: { events: ['*'], attachFailingTests: true, options: {} },
					credentials: {
						openlayerSigningSecretApi: CRED_OL_SIGNING,
						openlayerTestOpsApi: CRED_OL_API,
					},
				}),
			],
			activate: [WF_CURRENTS, WF_OPENLAYER, WF_QASE, WF_QASE_RESOLVE, WF_OL_FAILING],
		});
		await cluster.start();
		figure(
			`PostgreSQL + Redis up in ${(cluster.timings.servicesMs / 1000).toFixed(1)} s; package install + CLI import/activation ` +
				`${(cluster.timings.prepareMs / 1000).toFixed(1)} s; main ready in ${(cluster.timings.mainMs / 1000).toFixed(1)} s, ` +
				`all five processes in ${(cluster.timings.startMs / 1000).toFixed(1)} s`,
		);
	}, 1200000);

	afterAll(async () => {
		await cluster?.stop();
		const logs = cluster
			? [
					cluster.main.log(),
					...cluster.webhooks.map((w) => w.log()),
					...cluster.workers.map((w) => w.log()),
				].join('\n')
			: '';
		figure(
			`re-sent after 503 "Database is not ready": ${JSON.stringify(resent)}; forged deliveries re-sent after a closed connection: ${JSON.stringify(forgedResent)}`,
		);
		figure(`suite wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
		cluster?.cleanup();
		await Promise.all([currents?.close(), qase?.close(), openlayer?.close()]);
		// No secret in any process's log.
		for (const secret of [
			CURRENTS_KEY,
			currentsSecret,
			OPENLAYER_SECRET,
			OPENLAYER_SECRET.slice(6),
			OPENLAYER_KEY,
			QASE_SECRET,
			QASE_TOKEN,
		]) {
			if (secret) expect(logs.includes(secret)).toBe(false);
		}
	}, 120000);

	/** Re-sends per trigger, printed at the end: 503 "Database is not ready", and forged ones after a closed connection. */
	const resent: Record<string, number> = {};
	const forgedResent: Record<string, number> = {};

	/** Which worker finished each of the given executions (from the workers' logs), new ones only. */
	function runByWorkers(executionIds: string[]) {
		const perWorker: Record<string, number> = {};
		const finishedBy = new Map<string, string[]>();
		for (const worker of cluster.workers) {
			perWorker[worker.name] = 0;
			for (const id of worker.finishedExecutions()) {
				finishedBy.set(id, [...(finishedBy.get(id) ?? []), worker.name]);
			}
		}
		const notByWorker: string[] = [];
		const twice: string[] = [];
		for (const id of executionIds) {
			const by = finishedBy.get(id) ?? [];
			if (by.length === 0) notByWorker.push(id);
			if (by.length > 1) twice.push(id);
			for (const w of by) perWorker[w] += 1;
		}
		return { perWorker, notByWorker, twice };
	}

	/** Each marker exactly once over the workflow's executions, all successful, all run by a worker. */
	function audit(
		trigger: string,
		workflowId: string,
		markerOf: (item: QueueItem) => string,
		expected: string[],
	) {
		const executions = cluster.executions(workflowId);
		const statuses: Record<string, number> = {};
		const modes: Record<string, number> = {};
		const seen = new Map<string, number>();
		for (const e of executions) {
			statuses[e.status] = (statuses[e.status] ?? 0) + 1;
			modes[e.mode] = (modes[e.mode] ?? 0) + 1;
			for (const item of Object.values(e.nodes)[0]?.items ?? []) {
				const marker = markerOf(item);
				seen.set(marker, (seen.get(marker) ?? 0) + 1);
			}
		}
		const expectedSet = new Set(expected);
		const lost = expected.filter((m) => !seen.has(m));
		const doubled = [...seen.entries()].filter(([, n]) => n > 1).map(([m]) => m);
		const foreign = [...seen.keys()].filter((m) => !expectedSet.has(m));
		const workers = runByWorkers(executions.map((e) => e.id));
		figure(
			`${trigger}: ${executions.length} executions in PostgreSQL ${JSON.stringify(statuses)} mode ${JSON.stringify(modes)}, ` +
				`${seen.size} distinct markers, ${lost.length} lost, ${doubled.length} doubled, ${foreign.length} unexpected; ` +
				`finished by ${JSON.stringify(workers.perWorker)}, ${workers.notByWorker.length} not in a worker log, ${workers.twice.length} in two`,
		);
		return { executions, statuses, lost, doubled, foreign, workers };
	}

	/**
	 * Fires DELIVERIES deliveries through CLIENTS clients, alternating between the two webhook
	 * processes. A delivery n8n refuses with 503 "Database is not ready" (its database ping timed out
	 * on the starved machine; nothing was started) is sent again 1 s later, as the vendors retry a 5xx;
	 * those 503s are counted and printed.
	 */
	async function load(
		trigger: string,
		workflowId: string,
		send: (i: number, target: QueueProcess) => Promise<Response>,
	) {
		const t0 = Date.now();
		let refused = 0;
		const otherReasons: string[] = [];
		const results: Timed[] = await runPool(DELIVERIES, CLIENTS, async (i) => {
			for (let attempt = 0; ; attempt++) {
				const res = await send(i, cluster.webhooks[(i + attempt) % 2]);
				if (res.status !== 503 || attempt >= 10) return res;
				refused++;
				const text = await res.text();
				if (!text.includes('Database is not ready')) otherReasons.push(text.slice(0, 200));
				await sleep(1000);
			}
		});
		resent[trigger] = refused;
		// A 503 is sent again only for n8n's documented "Database is not ready" (nothing was started):
		// any other 503 is a failure, not something to retry away.
		expect(otherReasons).toEqual([]);
		const sentMs = Date.now() - t0;
		const counts = await drain(cluster, workflowId, DELIVERIES);
		const doneMs = Date.now() - t0 - 3000; // minus drain()'s quiet period
		const ms = results.map((r) => r.ms);
		figure(
			`${trigger}: ${DELIVERIES} deliveries (half to each webhook process), ${CLIENTS} clients, ${JSON.stringify(statusClasses(results))}, ` +
				`sent in ${(sentMs / 1000).toFixed(1)} s (${(DELIVERIES / (sentMs / 1000)).toFixed(1)} req/s), latency p50 ${percentile(ms, 50).toFixed(0)} ms ` +
				`p95 ${percentile(ms, 95).toFixed(0)} ms max ${Math.max(...ms).toFixed(0)} ms; ${refused} answers 503 "Database is not ready" (sent again); ` +
				`all executions finished after ${(doneMs / 1000).toFixed(1)} s; ${JSON.stringify(counts)}`,
		);
		return results;
	}

	function expectExactlyOnce(result: ReturnType<typeof audit>, n: number) {
		expect({
			executions: result.executions.length,
			statuses: result.statuses,
			lost: result.lost.length,
			doubled: result.doubled.length,
			foreign: result.foreign.length,
			notByWorker: result.workers.notByWorker.length,
			twice: result.workers.twice.length,
		}).toEqual({
			executions: n,
			statuses: { success: n },
			lost: 0,
			doubled: 0,
			foreign: 0,
			notByWorker: 0,
			twice: 0,
		});
		// Both workers take part.
		for (const count of Object.values(result.workers.perWorker)) expect(count).toBeGreaterThan(0);
		expect(Object.keys(result.executions.reduce((m, e) => ({ ...m, [e.mode]: 1 }), {}))).toEqual([
			'webhook',
		]);
	}

	/** Forged deliveries, alternating between the webhook processes: every one 401, no execution. */
	async function forged(
		trigger: string,
		workflowId: string,
		send: (i: number, target: QueueProcess) => Promise<Response>,
	) {
		const before = cluster.executionCounts(workflowId);
		// n8n 2.x may answer 401 and close the connection before the body is sent (a network error
		// for the client); such a request is sent again, like a sender would.
		let networkErrors = 0;
		const results = await runPool(FORGED, 10, async (i) => {
			let failure: unknown;
			for (let attempt = 0; attempt < 4; attempt++) {
				try {
					return await send(i, cluster.webhooks[i % 2]);
				} catch (error) {
					failure = error;
					networkErrors++;
				}
			}
			throw new Error(`forged delivery ${i} got no answer in 4 attempts: ${String(failure)}`);
		});
		forgedResent[trigger] = networkErrors;
		// Only n8n 2.x closes the connection early on a 401; on 1.x every forged delivery is answered.
		if (line === 1) expect(networkErrors).toBe(0);
		await sleep(2000);
		const after = cluster.executionCounts(workflowId);
		figure(
			`${trigger}: ${FORGED} forged deliveries → ${JSON.stringify(statusClasses(results))}, ${networkErrors} sent again after a closed connection, executions before ${JSON.stringify(before)} after ${JSON.stringify(after)}`,
		);
		expect(results.map((r) => r.status)).toEqual(Array(FORGED).fill(401));
		expect(after).toEqual(before);
	}

	test('the package is loaded by every process from the one shared user folder', async () => {
		// Each webhook process answers its production URLs (POST-only hooks answer a GET with "did you mean POST").
		for (const w of cluster.webhooks) {
			for (const hook of Object.values(HOOK)) {
				const res = await fetch(w.webhookUrl(hook));
				expect({
					process: w.name,
					hook,
					status: res.status,
					text: (await res.text()).includes('Did you mean to make a POST request'),
				}).toEqual({
					process: w.name,
					hook,
					status: 404,
					text: true,
				});
			}
		}
		const rows = cluster.sql<{ n: number }>('select count(*)::int as n from installed_packages');
		figure(
			`installed_packages rows: ${rows[0].n} (the package is a folder in the shared user folder, not installed through n8n's UI)`,
		);
	});

	test('Qase Trigger: every valid delivery becomes exactly one execution, run by the workers; forged ones get 401 and none', async () => {
		const markers = Array.from({ length: DELIVERIES }, (_, i) => String(200000 + i));
		const results = await load('Qase', WF_QASE, (i, target) =>
			fetch(target.webhookUrl(HOOK.qase), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-qase-secret': QASE_SECRET },
				body: JSON.stringify({
					...qaseSample,
					payload: { ...qaseSample.payload, id: Number(markers[i]) },
				}),
			}),
		);
		expect(statusClasses(results)).toEqual({ '2xx': DELIVERIES });
		expectExactlyOnce(
			audit('Qase', WF_QASE, (item) => String(item.id), markers),
			DELIVERIES,
		);
		await forged('Qase', WF_QASE, (i, target) =>
			fetch(target.webhookUrl(HOOK.qase), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(i % 2 ? { 'x-qase-secret': `${QASE_SECRET}x` } : {}),
				},
				body: JSON.stringify({ ...qaseSample, payload: { ...qaseSample.payload, id: 999 } }),
			}),
		);
	}, 900000);

	test('Currents Trigger (automatic setup): main registered one hook; deliveries with its secret become exactly one execution each', async () => {
		const hooks = currents.hooks.filter((h) => h.projectId === 'proj_alpha');
		expect(hooks).toHaveLength(1);
		expect(hooks[0].url).toBe(cluster.webhooks[0].webhookUrl(HOOK.currents));
		currentsSecret = JSON.parse(hooks[0].headers!)['x-webhook-secret'];
		const creates = currents.requests.filter(
			(r) => r.method === 'POST' && r.path === '/webhooks',
		).length;
		figure(
			`Currents: after activation and the start of all five processes, ${hooks.length} hook in the fake API, ${creates} create request(s)`,
		);

		const markers = Array.from({ length: DELIVERIES }, (_, i) => `queue-currents-${i}`);
		const results = await load('Currents', WF_CURRENTS, (i, target) =>
			fetch(target.webhookUrl(HOOK.currents), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-webhook-secret': currentsSecret,
					'x-timestamp': String(Date.now()),
				},
				body: JSON.stringify({ ...currentsSample, buildId: markers[i] }),
			}),
		);
		expect(statusClasses(results)).toEqual({ '2xx': DELIVERIES });
		expectExactlyOnce(
			audit('Currents', WF_CURRENTS, (item) => String(item.buildId), markers),
			DELIVERIES,
		);
		await forged('Currents', WF_CURRENTS, (i, target) =>
			fetch(target.webhookUrl(HOOK.currents), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(i % 2
						? {
								'x-webhook-secret': `${currentsSecret.slice(0, -1)}${currentsSecret.endsWith('0') ? '1' : '0'}`,
							}
						: {}),
				},
				body: JSON.stringify({ ...currentsSample, buildId: 'forged' }),
			}),
		);
	}, 900000);

	let openlayerMarkers: string[] = [];
	const runId = randomBytes(4).toString('hex');

	test('Openlayer Trigger: every valid signed delivery becomes exactly one execution; forged ones get 401 and none', async () => {
		openlayerMarkers = Array.from(
			{ length: DELIVERIES },
			(_, i) => `queue-openlayer-${runId}-${i}`,
		);
		const results = await load('Openlayer', WF_OPENLAYER, (i, target) => {
			const { headers, rawBody } = openlayerDelivery(
				`msg_${openlayerMarkers[i]}`,
				openlayerMarkers[i],
			);
			return fetch(target.webhookUrl(HOOK.openlayer), { method: 'POST', headers, body: rawBody });
		});
		expect(statusClasses(results)).toEqual({ '2xx': DELIVERIES });
		expectExactlyOnce(
			audit('Openlayer', WF_OPENLAYER, (item) => String(item.data?.test?.id), openlayerMarkers),
			DELIVERIES,
		);
		await forged('Openlayer', WF_OPENLAYER, (i, target) => {
			const { headers, rawBody } = openlayerDelivery(`msg_forged_${i}`, 'forged');
			// Half signed with another secret, half with the body altered after signing.
			const forgedHeaders =
				i % 2
					? signDelivery({
							secret: `whsec_${randomBytes(32).toString('base64')}`,
							body: rawBody,
							id: `msg_forged_${i}`,
						}).headers
					: headers;
			const body = i % 2 ? rawBody : rawBody.replace('forged', 'forgeD');
			return fetch(target.webhookUrl(HOOK.openlayer), {
				method: 'POST',
				headers: forgedHeaders,
				body,
			});
		});
	}, 900000);

	/*
	 * Openlayer retries a failed delivery about 5 s, 5 min and 30 min after the first attempt, with the
	 * same webhook-id, and nothing routes the retry to the webhook process that took the first copy.
	 * The first retry is sent here at its real spacing, 5 s after the original, to the other webhook
	 * process, while new deliveries keep arriving on both (so both webhook processes keep writing the
	 * stored memory, each from the copy it read). The later retries differ from it only in what happens in between: more deliveries
	 * (the load test below retries 100 of its ids after all of them) and age (the one-hour window,
	 * test/unit/openlayer/retryMemory.test.ts); CI does not wait 5 or 30 minutes.
	 */
	test('Openlayer: a retry 5 s after the first copy, on the other webhook process, during traffic, is acknowledged and starts nothing', async () => {
		const before = cluster.executionCounts(WF_OPENLAYER).success ?? 0;
		const originals = Array.from({ length: RETRIES_AT_5S }, (_, i) => `retry5-${runId}-${i}`);
		const traffic = Array.from({ length: RETRIES_AT_5S * 4 }, (_, i) => `traffic-${runId}-${i}`);
		const retryAnswers: string[] = [];
		let storedAtRetry = 0;
		const unfinished: number[] = [];
		const sends: Array<Promise<unknown>> = [];
		const t0 = Date.now();
		for (const [i, marker] of originals.entries()) {
			const [first, other] = [cluster.webhooks[i % 2], cluster.webhooks[(i + 1) % 2]];
			const a = await postOpenlayer(first, `msg_${marker}`, marker);
			expect(a).toEqual({ status: 200, text: '' });
			sends.push(
				sleep(5000).then(async () => {
					// What the other process will read: is the id in the stored copy (its first copy's
					// webhook process stored it before answering), and how many executions are unfinished?
					const stored = storedKeys(cluster.staticData(WF_OPENLAYER)?.['node:Openlayer Trigger']);
					if (stored.includes(keyOf(`msg_${marker}`))) storedAtRetry++;
					const c = cluster.executionCounts(WF_OPENLAYER);
					unfinished.push(Object.values(c).reduce((a, b) => a + b, 0) - (c.success ?? 0));
					const b = await postOpenlayer(other, `msg_${marker}`, marker);
					expect(b.status).toBe(200);
					retryAnswers.push(b.text);
				}),
			);
			// New deliveries to both processes in between, as other events keep coming.
			for (const [j, t] of traffic.slice(i * 4, i * 4 + 4).entries())
				sends.push(postOpenlayer(cluster.webhooks[j % 2], `msg_${t}`, t));
			await sleep(500);
		}
		await Promise.all(sends);
		const expected = before + originals.length + traffic.length;
		const counts = await drain(cluster, WF_OPENLAYER, expected, { quietMs: 4000 });
		const ranAgain = (counts.success ?? 0) - expected;
		const recognised = retryAnswers.filter((t) => t.includes('duplicate')).length;
		figure(
			`Openlayer retries 5 s after the first copy, on the other webhook process, with ${traffic.length} new deliveries in between ` +
				`(${((Date.now() - t0) / 1000).toFixed(0)} s): ${originals.length} retries, ${recognised} acknowledged as duplicates, ${ranAgain} ran again; ` +
				`the id was in the stored copy when its retry was sent for ${storedAtRetry} of ${originals.length}, executions unfinished then at most ${Math.max(...unfinished)}`,
		);
		expect({ recognised, ranAgain, counts }).toEqual({
			recognised: originals.length,
			ranAgain: 0,
			counts: { success: expected },
		});
	}, 300000);

	test('Openlayer: retries of the load deliveries, each on the other webhook process (measured)', async () => {
		const stored = new Set(
			storedKeys(cluster.staticData(WF_OPENLAYER)?.['node:Openlayer Trigger']),
		);
		// Two disjoint samples of the load's webhook-ids: one retried on the other process, one on the same.
		const step = Math.max(2, Math.floor(openlayerMarkers.length / LOAD_RETRIES));
		const sample = openlayerMarkers.filter((_, i) => i % step === 0).slice(0, LOAD_RETRIES);
		const before = cluster.executionCounts(WF_OPENLAYER).success ?? 0;
		let acknowledged = 0;
		for (const marker of sample) {
			const index = openlayerMarkers.indexOf(marker);
			// The load sent delivery i to webhook process i % 2: the retry goes to the other one.
			const res = await postOpenlayer(cluster.webhooks[(index + 1) % 2], `msg_${marker}`, marker);
			expect(res.status).toBe(200);
			if (res.text.includes('duplicate')) acknowledged++;
		}
		const counts = await drain(cluster, WF_OPENLAYER, before, { quietMs: 4000 });
		const rerun = (counts.success ?? 0) - before;
		// The same retries routed to the webhook process that accepted the first copy (a load balancer
		// hashing on the webhook-id header would do that): that process's own memory knows every id.
		const sameSample = openlayerMarkers.filter((_, i) => i % step === 1).slice(0, LOAD_RETRIES);
		let sameAcknowledged = 0;
		for (const marker of sameSample) {
			const index = openlayerMarkers.indexOf(marker);
			const res = await postOpenlayer(cluster.webhooks[index % 2], `msg_${marker}`, marker);
			if (res.status === 200 && res.text.includes('duplicate')) sameAcknowledged++;
		}
		const after = await drain(cluster, WF_OPENLAYER, before + rerun, { quietMs: 4000 });
		figure(
			`Openlayer retry memory after ${DELIVERIES} deliveries at ${CLIENTS} concurrent and the 5 s retry test's ${RETRIES_AT_5S * 5}: ${stored.size} webhook-ids stored in static data; ` +
				`${sample.length} retries on the other webhook process: ${acknowledged} acknowledged as duplicates, ${rerun} ran again; ` +
				`${sameSample.length} retries on the same webhook process: ${sameAcknowledged} acknowledged, ${(after.success ?? 0) - before - rerun} ran again`,
		);
		// Every retry of the load's deliveries is recognised by the other webhook process, none runs again.
		expect({ acknowledged, rerun }).toEqual({ acknowledged: sample.length, rerun: 0 });
		expect(sameSample.length).toBeGreaterThan(0);
		expect({ sameAcknowledged, ranAgain: (after.success ?? 0) - before - rerun }).toEqual({
			sameAcknowledged: sameSample.length,
			ranAgain: 0,
		});
	}, 300000);

	test('Openlayer: the same delivery on both webhook processes at the same instant (measured)', async () => {
		const before = cluster.executionCounts(WF_OPENLAYER).success ?? 0;
		let bothAccepted = 0;
		let oneAccepted = 0;
		for (let i = 0; i < SIMULTANEOUS; i++) {
			const id = `msg_queue_simul_${runId}_${i}`;
			const [a, b] = await Promise.all([
				postOpenlayer(cluster.webhooks[0], id, `simul-${id}`),
				postOpenlayer(cluster.webhooks[1], id, `simul-${id}`),
			]);
			expect([a.status, b.status]).toEqual([200, 200]);
			const accepted = [a, b].filter((r) => r.text === '').length;
			if (accepted === 2) bothAccepted++;
			else if (accepted === 1) oneAccepted++;
		}
		const counts = await drain(cluster, WF_OPENLAYER, before + SIMULTANEOUS, { quietMs: 4000 });
		const executions = (counts.success ?? 0) - before;
		// The same, both copies to one webhook process at once: its memory is checked and updated
		// without an await in between, so one copy wins.
		let sameBoth = 0;
		for (let i = 0; i < SIMULTANEOUS; i++) {
			const id = `msg_queue_simul_same_${runId}_${i}`;
			const target = cluster.webhooks[i % 2];
			const pair = await Promise.all([
				postOpenlayer(target, id, `simul-${id}`),
				postOpenlayer(target, id, `simul-${id}`),
			]);
			expect(pair.map((r) => r.status)).toEqual([200, 200]);
			if (pair.every((r) => r.text === '')) sameBoth++;
		}
		const sameCounts = await drain(cluster, WF_OPENLAYER, before + executions + SIMULTANEOUS, {
			quietMs: 4000,
		});
		const sameExecutions = (sameCounts.success ?? 0) - before - executions;
		figure(
			`Openlayer simultaneous copies (same webhook-id to both webhook processes at once): ${SIMULTANEOUS} pairs, ` +
				`${bothAccepted} pairs both accepted, ${oneAccepted} one accepted, ${executions} executions (${executions - SIMULTANEOUS} duplicates); ` +
				`both copies to the same webhook process at once: ${SIMULTANEOUS} pairs, ${sameBoth} both accepted, ${sameExecutions} executions`,
		);
		// No pair is lost; duplicates across processes are possible and measured; within one process none.
		expect(executions).toBe(SIMULTANEOUS + bothAccepted);
		expect({ sameBoth, sameExecutions }).toEqual({ sameBoth: 0, sameExecutions: SIMULTANEOUS });
	}, 300000);

	test('Qase Resolve Full Record and Openlayer Attach Failing Tests run in the workers and still attach their data', async () => {
		qase.requests.length = 0;
		const caseUpdated = {
			event_name: 'case.updated',
			timestamp: 1650540000,
			payload: { id: 1610 },
			team_member_id: 40,
			project_code: 'ID',
		};
		const version = '0f8e4a30-0000-4000-8000-00000000abcd';
		openlayer.addRun({ projectVersionId: version, failing: 2, passing: 3 });
		const results = {
			projectId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
			projectVersionId: version,
			inferencePipelineId: null,
			total: 5,
			passing: 3,
			failing: 2,
			skipped: 0,
			running: 0,
		};
		for (const target of cluster.webhooks) {
			const res = await fetch(target.webhookUrl(HOOK.qaseResolve), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-qase-secret': QASE_SECRET },
				body: JSON.stringify(caseUpdated),
			});
			expect(res.status).toBe(200);
			const { headers, rawBody } = signDelivery({
				secret: OPENLAYER_SECRET,
				body: {
					type: 'tests.result.updated',
					timestamp: new Date().toISOString(),
					data: { tests: results },
				},
			});
			const ol = await fetch(target.webhookUrl(HOOK.olFailing), {
				method: 'POST',
				headers,
				body: rawBody,
			});
			expect(ol.status).toBe(200);
		}
		await drain(cluster, WF_QASE_RESOLVE, 2);
		await drain(cluster, WF_OL_FAILING, 2);
		const qaseRuns: QueueExecution[] = cluster.executions(WF_QASE_RESOLVE);
		const olRuns: QueueExecution[] = cluster.executions(WF_OL_FAILING);
		const failingIds = openlayer.requests.length; // read below from the executions themselves
		expect(qaseRuns.map((e) => e.status)).toEqual(['success', 'success']);
		for (const e of qaseRuns)
			expect(e.nodes['Qase Trigger'].items[0].record).toEqual(qase.getRecord('case', 'ID', 1610));
		expect(olRuns.map((e) => e.status)).toEqual(['success', 'success']);
		for (const e of olRuns) {
			const item = e.nodes['Openlayer Trigger'].items[0];
			const failingTests = item.failingTests as Array<{ status: string }>;
			expect(failingTests).toHaveLength(2);
			expect(item.failingTestsTruncated).toBe(false);
			expect(failingTests.every((t: { status: string }) => t.status === 'failing')).toBe(true);
		}
		const byWorkers = runByWorkers([...qaseRuns, ...olRuns].map((e) => e.id));
		expect(byWorkers.notByWorker).toEqual([]);
		expect(qase.requests.filter((r) => r.path === '/v1/case/ID/1610')).toHaveLength(2);
		figure(
			`enrichment in the workers: Qase Resolve Full Record ${qaseRuns.length} executions with the record attached, Openlayer Attach Failing Tests ` +
				`${olRuns.length} with 2 failing tests each (${failingIds} Openlayer API requests); finished by ${JSON.stringify(byWorkers.perWorker)}`,
		);
	}, 300000);

	test('Currents automatic setup: restarting every process keeps one hook and its secret; deactivation in main deletes it', async () => {
		const hookBefore = currents.hooks.find((h) => h.projectId === 'proj_alpha')!;
		const t0 = Date.now();
		await cluster.restart();
		figure(`restart of all five processes: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		const hooks = currents.hooks.filter((h) => h.projectId === 'proj_alpha');
		expect(hooks.map((h) => h.hookId)).toEqual([hookBefore.hookId]);
		expect(JSON.parse(hooks[0].headers!)['x-webhook-secret']).toBe(currentsSecret);

		// Still accepted with the secret on both webhook processes after the restart, one execution each.
		const before = cluster.executionCounts(WF_CURRENTS).success ?? 0;
		for (const [i, target] of cluster.webhooks.entries()) {
			const res = await fetch(target.webhookUrl(HOOK.currents), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-webhook-secret': currentsSecret,
					'x-timestamp': String(Date.now()),
				},
				body: JSON.stringify({ ...currentsSample, buildId: `after-restart-${i}` }),
			});
			expect(res.status).toBe(200);
		}
		expect(await drain(cluster, WF_CURRENTS, before + 2)).toEqual({ success: before + 2 });

		const deactivated = await cluster.main.publicApi(
			'POST',
			`/workflows/${WF_CURRENTS}/deactivate`,
		);
		expect(deactivated.status).toBe(200);
		const deadline = Date.now() + 30000;
		while (currents.hooks.some((h) => h.projectId === 'proj_alpha') && Date.now() < deadline)
			await sleep(200);
		expect(currents.hooks.filter((h) => h.projectId === 'proj_alpha')).toEqual([]);
		// The webhook processes no longer run the workflow.
		await sleep(1500);
		const statuses: number[] = [];
		for (const target of cluster.webhooks) {
			const res = await fetch(target.webhookUrl(HOOK.currents), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-webhook-secret': currentsSecret },
				body: JSON.stringify({ ...currentsSample, buildId: 'after-deactivation' }),
			});
			statuses.push(res.status);
		}
		await sleep(2000);
		figure(
			`Currents deactivation through main: hooks left ${currents.hooks.length}; deliveries to the webhook processes afterwards → ${statuses.join(', ')}`,
		);
		expect(statuses).toEqual([404, 404]);
		expect(cluster.executionCounts(WF_CURRENTS)).toEqual({ success: before + 2 });
	}, 1200000);
});
