/**
 * Load in a real n8n: 1,000 valid deliveries at 20 concurrent clients to each of the three triggers,
 * each delivery carrying a unique marker. Executions are counted in n8n's database, not in the
 * responses: exactly 1,000 per trigger, every marker once, none lost, none doubled, no 5xx.
 * Figures (throughput, latency, drain time) are printed, never asserted: other work shares the cores.
 */
import { randomBytes } from 'node:crypto';

import { currentsEvents } from '../../nodes/Currents/catalog';
import { storedKeys } from '../helpers/retryMemory';
import { findQaseEvent } from '../../nodes/Qase/catalog';
import { createCurrentsFake, type CurrentsFake } from '../fakes/currents-api';
import { signDelivery } from '../fakes/openlayer-sender';
import { currentsAutoWorkflow, prepareN8n, triggerWorkflow, type N8nInstance } from './harness';
import {
	drain,
	figure,
	findSecrets,
	instanceTexts,
	percentile,
	runPool,
	sql,
	statusClasses,
	storedStaticData,
	type Timed,
} from './reliability-kit';
import { env, machineLock } from './host';
import type { QaseDelivery } from '../helpers/json';

const DELIVERIES = Number(env('LOAD_DELIVERIES') ?? 1000);
const CLIENTS = Number(env('LOAD_CLIENTS') ?? 20);

const CURRENTS_KEY = `e2e-load-currents-${randomBytes(6).toString('hex')}`;
const OPENLAYER_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const QASE_SECRET = `e2e-load-qase-${randomBytes(12).toString('hex')}`;

const CRED_CURRENTS = { id: 'credLoadCurr01', name: 'Currents fake API' };
const CRED_OPENLAYER = { id: 'credLoadOlSig01', name: 'Openlayer signing secret' };
const CRED_QASE = { id: 'credLoadQase01', name: 'Qase webhook secret' };

const WF_CURRENTS = 'wfLoadCurrents01';
const WF_OPENLAYER = 'wfLoadOpenlayer1';
const WF_QASE = 'wfLoadQase000001';

const currentsSample = currentsEvents.find((e) => e.name === 'RUN_FINISH')!.sample as Record<
	string,
	unknown
>;
const qaseSample = findQaseEvent('run.completed')!.sample as QaseDelivery;

interface Outcome {
	trigger: string;
	results: Timed[];
	wallMs: number;
	drainMs: number;
}

describe(`Load: ${DELIVERIES} deliveries at ${CLIENTS} concurrent clients per trigger`, () => {
	let fake: CurrentsFake;
	let n8n: N8nInstance;
	let currentsSecret: string;
	let releaseLock: (() => void) | undefined;
	let started = Date.now();

	beforeAll(async () => {
		// The other n8n line's load suite (scripts/e2e.js runs both lines side by side) waits for this one.
		releaseLock = await machineLock('e2e-load');
		started = Date.now();
		fake = createCurrentsFake({ apiKeys: [CURRENTS_KEY] });
		const fakeUrl = await fake.listen();
		n8n = await prepareN8n({
			credentials: [
				{
					...CRED_CURRENTS,
					type: 'currentsTestOpsApi',
					data: { apiKey: CURRENTS_KEY, baseUrl: fakeUrl },
				},
				{
					...CRED_OPENLAYER,
					type: 'openlayerSigningSecretApi',
					data: { secret: OPENLAYER_SECRET, previousSecret: '' },
				},
				{ ...CRED_QASE, type: 'qaseWebhookSecretApi', data: { secret: QASE_SECRET } },
			],
			workflows: [
				currentsAutoWorkflow({
					id: WF_CURRENTS,
					name: 'Load Currents',
					webhookId: 'load-currents',
					credential: CRED_CURRENTS,
				}),
				// The defaults a user gets, "Ignore Retried Deliveries" on: every delivery has its own webhook-id.
				triggerWorkflow({
					id: WF_OPENLAYER,
					name: 'Load Openlayer',
					nodeType: 'n8n-nodes-testops.openlayerTrigger',
					nodeName: 'Openlayer Trigger',
					webhookId: 'load-openlayer',
					parameters: { events: ['*'], options: {} },
					credentials: { openlayerSigningSecretApi: CRED_OPENLAYER },
				}),
				triggerWorkflow({
					id: WF_QASE,
					name: 'Load Qase',
					nodeType: 'n8n-nodes-testops.qaseTrigger',
					nodeName: 'Qase Trigger',
					webhookId: 'load-qase',
					parameters: { resource: 'all', events: ['*'] },
					credentials: { qaseWebhookSecretApi: CRED_QASE },
				}),
			],
			activate: [WF_CURRENTS, WF_OPENLAYER, WF_QASE],
		});
		await n8n.start();
		const hook = fake.hooks.find((h) => h.url === n8n.webhookUrl('load-currents'))!;
		currentsSecret = JSON.parse(hook.headers!)['x-webhook-secret'];
		figure('load', n8n, `n8n ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}, 900000);

	afterAll(async () => {
		await n8n?.stop();
		releaseLock?.();
		if (n8n) {
			const leaks = findSecrets(
				{
					'Currents API key': CURRENTS_KEY,
					'Currents hook secret': currentsSecret,
					'Openlayer signing secret': OPENLAYER_SECRET,
					'Openlayer key (base64 part)': OPENLAYER_SECRET.slice(6),
					'Qase secret': QASE_SECRET,
				},
				instanceTexts(n8n),
			);
			figure(
				'load',
				n8n,
				`secret scan of n8n log, ${n8n.executions().length} executions and their errors: ${leaks.length} leaks`,
			);
			figure('load', n8n, `suite wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
			n8n.cleanup();
			expect(leaks).toEqual([]);
		}
		await fake?.close();
	});

	/** Fires the deliveries, waits until n8n has finished every execution, prints the figures. */
	async function load(
		trigger: string,
		workflowId: string,
		send: (i: number) => Promise<Response>,
	): Promise<Outcome> {
		const t0 = Date.now();
		const results = await runPool(DELIVERIES, CLIENTS, send);
		const wallMs = Date.now() - t0;
		await drain(n8n, workflowId, DELIVERIES, { timeoutMs: 240000 });
		const drainMs = Date.now() - t0 - wallMs;
		const ms = results.map((r) => r.ms);
		figure(
			'load',
			n8n,
			`${trigger}: ${DELIVERIES} deliveries, ${CLIENTS} clients, ${JSON.stringify(statusClasses(results))}, ` +
				`${(DELIVERIES / (wallMs / 1000)).toFixed(1)} req/s, latency p50 ${percentile(ms, 50).toFixed(0)} ms ` +
				`p95 ${percentile(ms, 95).toFixed(0)} ms p99 ${percentile(ms, 99).toFixed(0)} ms max ${Math.max(...ms).toFixed(0)} ms, ` +
				`sent in ${(wallMs / 1000).toFixed(1)} s, last execution finished ${(drainMs / 1000).toFixed(1)} s after the last response`,
		);
		return { trigger, results, wallMs, drainMs };
	}

	/** Every marker exactly once in n8n's executions; prints and returns the counts. */
	function checkExecutions(
		trigger: string,
		workflowId: string,
		markerOf: (item: Record<string, unknown>) => string,
		expected: string[],
	) {
		const executions = n8n.executions(workflowId);
		const statuses: Record<string, number> = {};
		for (const e of executions) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
		const seen = new Map<string, number>();
		for (const e of executions) {
			for (const item of Object.values(e.nodes)[0]?.items ?? []) {
				const marker = markerOf(item);
				seen.set(marker, (seen.get(marker) ?? 0) + 1);
			}
		}
		const missing = expected.filter((m) => !seen.has(m));
		const doubled = [...seen.entries()].filter(([, n]) => n > 1).map(([m]) => m);
		const foreign = [...seen.keys()].filter((m) => !expected.includes(m));
		figure(
			'load',
			n8n,
			`${trigger}: ${executions.length} executions in n8n's database ${JSON.stringify(statuses)}, ` +
				`${seen.size} distinct markers, ${missing.length} lost, ${doubled.length} doubled, ${foreign.length} unexpected`,
		);
		return {
			executions: executions.length,
			statuses,
			distinct: seen.size,
			missing,
			doubled,
			foreign,
		};
	}

	const expectClean = (outcome: Outcome) => {
		const classes = statusClasses(outcome.results);
		expect(classes).toEqual({ '2xx': DELIVERIES });
		expect(outcome.results.filter((r) => r.status >= 500)).toHaveLength(0);
	};

	test('Currents Trigger: every delivery becomes exactly one execution', async () => {
		const url = n8n.webhookUrl('load-currents');
		const markers = Array.from({ length: DELIVERIES }, (_, i) => `load-currents-${i}`);
		const outcome = await load('Currents', WF_CURRENTS, (i) =>
			fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-webhook-secret': currentsSecret,
					'x-timestamp': String(Date.now()),
				},
				body: JSON.stringify({ ...currentsSample, buildId: markers[i] }),
			}),
		);
		expectClean(outcome);
		const check = checkExecutions('Currents', WF_CURRENTS, (item) => String(item.buildId), markers);
		expect(check).toEqual({
			executions: DELIVERIES,
			statuses: { success: DELIVERIES },
			distinct: DELIVERIES,
			missing: [],
			doubled: [],
			foreign: [],
		});
	}, 600000);

	test('Openlayer Trigger (retries ignored, unique webhook-ids): every delivery becomes exactly one execution', async () => {
		const url = n8n.webhookUrl('load-openlayer');
		const runId = randomBytes(4).toString('hex');
		const markers = Array.from({ length: DELIVERIES }, (_, i) => `load-openlayer-${runId}-${i}`);
		const outcome = await load('Openlayer', WF_OPENLAYER, (i) => {
			const body = {
				type: 'test.deleted',
				timestamp: new Date().toISOString(),
				data: { test: { id: markers[i] } },
			};
			const { headers, rawBody } = signDelivery({
				secret: OPENLAYER_SECRET,
				body,
				id: `msg_${markers[i]}`,
			});
			return fetch(url, { method: 'POST', headers, body: rawBody });
		});
		expectClean(outcome);
		const check = checkExecutions(
			'Openlayer',
			WF_OPENLAYER,
			(item) => String((item as { data?: { test?: { id?: string } } }).data?.test?.id),
			markers,
		);
		expect(check).toEqual({
			executions: DELIVERIES,
			statuses: { success: DELIVERIES },
			distinct: DELIVERIES,
			missing: [],
			doubled: [],
			foreign: [],
		});

		// The retry memory after 20 concurrent writers (n8n saves a workflow's static data as a whole,
		// last writer wins; each write holds every id the process knows), and retries of those deliveries.
		const remembered = new Set(
			storedKeys(storedStaticData(n8n, WF_OPENLAYER)?.['node:Openlayer Trigger']),
		);
		const sample = markers.filter((_, i) => i % 50 === 0);
		let skipped = 0;
		for (const marker of sample) {
			const body = {
				type: 'test.deleted',
				timestamp: new Date().toISOString(),
				data: { test: { id: marker } },
			};
			const { headers, rawBody } = signDelivery({
				secret: OPENLAYER_SECRET,
				body,
				id: `msg_${marker}`,
			});
			const res = await fetch(url, { method: 'POST', headers, body: rawBody });
			if ((await res.text()).includes('duplicate delivery')) skipped++;
		}
		const after = await drain(n8n, WF_OPENLAYER, DELIVERIES, { timeoutMs: 240000, quietMs: 2000 });
		const rerun = Object.values(after).reduce((a, b) => a + b, 0) - DELIVERIES;
		figure(
			'load',
			n8n,
			`Openlayer retry memory after the load: ${remembered.size}/${DELIVERIES} webhook-ids stored; ` +
				`${sample.length} retries sent afterwards: ${skipped} acknowledged as duplicates, ${rerun} ran again`,
		);
		// The running process recognises every retry. The stored copy (what survives a restart) holds
		// every id but those a concurrent save overtook (each save holds every id the process knew
		// when it wrote): bounded here by the CLIENTS - 1 other deliveries in flight with the last.
		expect({ skipped, rerun }).toEqual({ skipped: sample.length, rerun: 0 });
		expect(remembered.size).toBeGreaterThanOrEqual(DELIVERIES - (CLIENTS - 1));
		expect(remembered.size).toBeLessThanOrEqual(DELIVERIES);
	}, 600000);

	test('Qase Trigger: every delivery becomes exactly one execution', async () => {
		const url = n8n.webhookUrl('load-qase');
		const markers = Array.from({ length: DELIVERIES }, (_, i) => String(100000 + i));
		const outcome = await load('Qase', WF_QASE, (i) =>
			fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-qase-secret': QASE_SECRET },
				body: JSON.stringify({
					...qaseSample,
					payload: { ...qaseSample.payload, id: Number(markers[i]) },
				}),
			}),
		);
		expectClean(outcome);
		const check = checkExecutions('Qase', WF_QASE, (item) => String(item.id), markers);
		expect(check).toEqual({
			executions: DELIVERIES,
			statuses: { success: DELIVERIES },
			distinct: DELIVERIES,
			missing: [],
			doubled: [],
			foreign: [],
		});
	}, 600000);

	test('no credential secret is in the workflow snapshots n8n stores with executions', () => {
		// n8n stores a copy of the workflow, static data included, with every execution. The Currents
		// hook secret lives in static data (as n8n's own Stripe Trigger keeps its webhook secret), so it
		// is in those copies; credentials never are.
		const rows = sql<{ workflowData: string }>(n8n, 'SELECT workflowData FROM execution_data');
		const snapshots = {
			'execution_data.workflowData': rows.map((r) => String(r.workflowData)).join('\n'),
		};
		const leaks = findSecrets(
			{
				'Currents API key': CURRENTS_KEY,
				'Openlayer signing secret': OPENLAYER_SECRET,
				'Qase secret': QASE_SECRET,
			},
			snapshots,
		);
		const hookSecret = findSecrets(
			{ 'Currents hook secret (static data)': currentsSecret },
			snapshots,
		);
		figure(
			'load',
			n8n,
			`${rows.length} stored workflow snapshots: ${leaks.length} credential secrets; the Currents hook secret from static data ${hookSecret.length ? 'is' : 'is not'} in them`,
		);
		expect(leaks).toEqual([]);
	});
});
