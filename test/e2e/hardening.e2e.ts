/**
 * Issue 10 in a real n8n: forged identifiers that must never steer a request (item 1), the editor's
 * test webhook beside an active production hook with the default and a custom
 * N8N_ENDPOINT_WEBHOOK_TEST (item 3), and a body nested 20,000 levels deep (item 6).
 * The test webhook is driven through the same REST calls the editor makes ("Listen for test event").
 */
import { randomBytes } from 'node:crypto';

import { findQaseEvent } from '../../nodes/Qase/catalog';
import { createCurrentsFake, type CurrentsFake } from '../fakes/currents-api';
import { createQaseFake, type QaseFake } from '../fakes/qase-api';
import { post, prepareN8n, settle, triggerWorkflow, until, type N8nInstance } from './harness';
import { setActiveAndWait } from './reliability-kit';

const API_KEY = randomBytes(12).toString('hex');
const QASE_TOKEN = randomBytes(12).toString('hex');
const CRED_CURRENTS = { id: 'credHardenCurr01', name: 'Currents fake API' };
const CRED_QASE = { id: 'credHardenQase01', name: 'Qase fake API' };
const WF_CURRENTS = 'wfHardenCurrent1';
const WF_QASE = 'wfHardenQase0001';
const WF_RETRY = 'wfHardenRetry001';
const TRIGGER = 'Currents Trigger';

/** A Qase delivery as the tests patch it. */
interface QaseEnvelope {
	project_code: string;
	payload: Record<string, unknown>;
	[key: string]: unknown;
}

const qaseBody = (name: string, patch: (s: QaseEnvelope) => void) => {
	const s = structuredClone(findQaseEvent(name)!.sample) as QaseEnvelope;
	patch(s);
	return JSON.stringify(s);
};

/** The editor's session: owner login (cookie bound to a browser id), as n8n's UI does it. */
async function editorSession(n8n: N8nInstance) {
	await n8n.publicApi('GET', '/workflows'); // sets the owner up
	const browser = 'e2e-harden-browser';
	const login = await fetch(`${n8n.baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browser },
		body: JSON.stringify({ emailOrLdapLoginId: 'owner@example.com', password: 'E2e-Passw0rd!' }),
	});
	if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	const rest = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${n8n.baseUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': browser, cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};
	return { rest };
}

describe.each([
	['the default test path', undefined],
	['a custom N8N_ENDPOINT_WEBHOOK_TEST', 'try-hooks'],
])('hardening in real n8n, %s', (_label, testEndpoint) => {
	let currents: CurrentsFake;
	let qase: QaseFake;
	let n8n: N8nInstance;
	let prodUrl: string;
	let testUrl: string;

	const prodHook = () => currents.hooks.find((h) => h.url === prodUrl);
	const testHooks = () => currents.hooks.filter((h) => h.url === testUrl);
	const secretOf = (hook?: { headers: string | null }) =>
		JSON.parse(hook?.headers ?? '{}')['x-webhook-secret'] as string;
	const runBody = (event = 'RUN_FINISH') =>
		JSON.stringify({ event, runUrl: 'https://app.currents.dev/run/1', buildId: 'b1', tags: [] });

	beforeAll(async () => {
		currents = createCurrentsFake({ apiKeys: [API_KEY] });
		qase = createQaseFake({ tokens: [QASE_TOKEN] });
		const currentsUrl = await currents.listen();
		const qaseUrl = await qase.listen();
		n8n = await prepareN8n({
			env: testEndpoint ? { N8N_ENDPOINT_WEBHOOK_TEST: testEndpoint } : {},
			credentials: [
				{
					...CRED_CURRENTS,
					type: 'currentsTestOpsApi',
					data: { apiKey: API_KEY, baseUrl: currentsUrl },
				},
				{
					...CRED_QASE,
					type: 'qaseTestOpsApi',
					data: { apiToken: QASE_TOKEN, baseUrl: `${qaseUrl}/v1` },
				},
			],
			workflows: [
				triggerWorkflow({
					id: WF_CURRENTS,
					name: 'Harden Currents',
					nodeType: 'n8n-nodes-testops.currentsTrigger',
					nodeName: TRIGGER,
					webhookId: 'harden-currents',
					parameters: {
						setupMode: 'automatic',
						project: { __rl: true, mode: 'id', value: 'proj_alpha' },
						events: ['RUN_FINISH'],
					},
					credentials: { currentsTestOpsApi: CRED_CURRENTS },
				}),
				triggerWorkflow({
					id: WF_RETRY,
					name: 'Harden Currents 504',
					nodeType: 'n8n-nodes-testops.currentsTrigger',
					nodeName: TRIGGER,
					webhookId: 'harden-retry',
					parameters: {
						setupMode: 'automatic',
						project: { __rl: true, mode: 'id', value: 'proj_beta' },
						events: ['RUN_FINISH'],
					},
					credentials: { currentsTestOpsApi: CRED_CURRENTS },
				}),
				// Resolve Full Record on and no secret: the exposure of item 1.
				triggerWorkflow({
					id: WF_QASE,
					name: 'Harden Qase',
					nodeType: 'n8n-nodes-testops.qaseTrigger',
					nodeName: 'Qase Trigger',
					webhookId: 'harden-qase',
					parameters: { resource: 'all', events: ['*'], resolveRecord: true },
					credentials: { qaseTestOpsApi: CRED_QASE },
				}),
			],
			activate: [WF_CURRENTS, WF_QASE],
		});
		await n8n.start();
		prodUrl = n8n.webhookUrl('harden-currents');
		testUrl = `${n8n.baseUrl}/${testEndpoint ?? 'webhook-test'}/harden-currents/webhook`;
		await until(() => prodHook() !== undefined, 30000);
	});

	afterAll(async () => {
		await n8n?.stop();
		const log = n8n?.log() ?? '';
		n8n?.cleanup();
		await currents?.close();
		await qase?.close();
		expect(log).not.toContain(API_KEY);
		expect(log).not.toContain(QASE_TOKEN);
	});

	test('item 3: a test webhook consumed by a delivery leaves the production hook, its secret and its deliveries alone', async () => {
		const before = { ...prodHook()! };
		const { rest } = await editorSession(n8n);
		const wf = (await rest('GET', `/workflows/${WF_CURRENTS}`)).data;
		const started = await rest('POST', `/workflows/${WF_CURRENTS}/run`, {
			workflowData: wf,
			triggerToStartFrom: { name: TRIGGER },
		});
		expect(started.data).toMatchObject({ waitingForWebhook: true });
		await until(() => testHooks().length === 1);
		expect(currents.hooks).toHaveLength(2);
		const testSecret = secretOf(testHooks()[0]);
		expect(testSecret).not.toBe(secretOf(before));

		// The production secret does not open the test webhook (401, nothing started); the test secret does.
		expect((await post(testUrl, runBody(), { 'x-webhook-secret': secretOf(before) })).status).toBe(
			401,
		);
		const before1 = n8n.executions(WF_CURRENTS).length;
		expect((await post(testUrl, runBody(), { 'x-webhook-secret': testSecret })).status).toBe(200);
		await n8n.waitForExecutions(WF_CURRENTS, before1 + 1);
		// n8n tears the test webhook down (mode 'internal') once it has served.
		await until(() => testHooks().length === 0);
		await settle(1000);

		expect(currents.hooks).toHaveLength(1);
		expect(prodHook()).toMatchObject({ hookId: before.hookId, headers: before.headers });
		expect(
			currents.requests.filter(
				(r) => r.method === 'DELETE' && r.path === `/webhooks/${before.hookId}`,
			),
		).toHaveLength(0);
		const before2 = n8n.executions(WF_CURRENTS).length;
		expect(
			(
				await post(prodUrl, runBody(), {
					'x-webhook-secret': secretOf(before),
					'x-timestamp': String(Date.now()),
				})
			).status,
		).toBe(200);
		await n8n.waitForExecutions(WF_CURRENTS, before2 + 1);
	});

	test('item 3: a test webhook cancelled in the editor removes only the test hook', async () => {
		const before = { ...prodHook()! };
		const { rest } = await editorSession(n8n);
		const wf = (await rest('GET', `/workflows/${WF_CURRENTS}`)).data;
		await rest('POST', `/workflows/${WF_CURRENTS}/run`, {
			workflowData: wf,
			triggerToStartFrom: { name: TRIGGER },
		});
		await until(() => testHooks().length === 1);
		await rest('DELETE', `/test-webhook/${WF_CURRENTS}`);
		await until(() => testHooks().length === 0);
		expect(currents.hooks.map((h) => h.hookId)).toEqual([before.hookId]);
		expect(prodHook()!.headers).toBe(before.headers);
		expect(
			(
				await post(prodUrl, runBody(), {
					'x-webhook-secret': secretOf(before),
					'x-timestamp': String(Date.now()),
				})
			).status,
		).toBe(200);
	});

	test('item 2: Currents creates the hook but answers 504: activation leaves exactly one hook, and it delivers', async () => {
		const url = n8n.webhookUrl('harden-retry');
		const atUrl = () => currents.hooks.filter((h) => h.url === url);
		const from = currents.requests.length;
		currents.addFault({
			method: 'POST',
			path: '^/webhooks$',
			status: 504,
			body: { message: 'Gateway timeout' },
			perform: true,
			times: 1,
		});
		const outcome = await setActiveAndWait(n8n, WF_RETRY, true);
		currents.clearFaults();
		expect(outcome).toEqual({ ok: true });
		await settle(1000);
		expect(atUrl()).toHaveLength(1);
		expect(
			currents.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/webhooks'),
		).toHaveLength(1);
		const delivered = await post(url, runBody(), {
			'x-webhook-secret': secretOf(atUrl()[0]),
			'x-timestamp': String(Date.now()),
		});
		expect(delivered.status).toBe(200);
		expect((await setActiveAndWait(n8n, WF_RETRY, false)).ok).toBe(true);
		expect(atUrl()).toHaveLength(0);
	});

	test('item 1: forged Qase identifiers give record null and a clear error, and never a request with the token', async () => {
		const cases = [
			qaseBody(
				'shared_step.updated',
				(s) => ((s.project_code = '..'), (s.payload.hash = 'project')),
			),
			qaseBody(
				'shared_step.updated',
				(s) => ((s.project_code = '..'), (s.payload.hash = 'author')),
			),
			qaseBody('case.updated', (s) => (s.project_code = '..')),
			qaseBody('shared_step.updated', (s) => (s.project_code = '..')),
		];
		const before = n8n.executions(WF_QASE).length;
		qase.requests.length = 0;
		for (const body of cases)
			expect((await post(n8n.webhookUrl('harden-qase'), body)).status).toBe(200);
		const executions = (await n8n.waitForExecutions(WF_QASE, before + cases.length)).slice(before);
		for (const execution of executions) {
			const [item] = execution.nodes['Qase Trigger'].items;
			expect(item.record).toBeNull();
			expect(item.record_error).toEqual({
				status: null,
				message: expect.stringMatching(
					/cannot be looked up: .* is not a Qase (project code|shared step hash)/,
				),
			});
		}
		expect(qase.requests).toHaveLength(0);
	});

	test('item 6: a delivery nested 20,000 levels deep gets 400, starts nothing, and n8n keeps serving', async () => {
		const before = n8n.executions(WF_QASE).length;
		const deep = `{"event_name":"case.updated","timestamp":1,"project_code":"ID","team_member_id":1,"payload":{"id":1610,"x":${'['.repeat(20000)}${']'.repeat(20000)}}}`;
		const res = await post(n8n.webhookUrl('harden-qase'), deep);
		expect(res.status).toBe(400);
		expect(JSON.parse(res.text)).toEqual({ error: 'Request body is nested deeper than 32 levels' });
		await settle();
		expect(n8n.executions(WF_QASE)).toHaveLength(before);
		const ok = await post(
			n8n.webhookUrl('harden-qase'),
			qaseBody('case.updated', () => {}),
		);
		expect(ok.status).toBe(200);
		const [last] = (await n8n.waitForExecutions(WF_QASE, before + 1)).slice(-1);
		expect(last.nodes['Qase Trigger'].items[0].record).toMatchObject({ id: 1610 });
	});
});
