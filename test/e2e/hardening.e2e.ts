/**
 * Issue 22 in a real n8n, on both lines: no Qase lookup for a delivery that was not authenticated
 * (item 1), secrets too short to resist guessing refused on activation and at run time (item 2),
 * and a Base URL that redirects to another origin never receiving the token or key (item 3).
 *
 * Issue 10 in a real n8n: forged identifiers that must never steer a request (item 1), the editor's
 * test webhook beside an active production hook with the default and a custom
 * N8N_ENDPOINT_WEBHOOK_TEST (item 3), and a body nested 20,000 levels deep (item 6).
 * The test webhook is driven through the same REST calls the editor makes ("Listen for test event").
 */
import { randomBytes } from 'node:crypto';

import { findQaseEvent } from '../../nodes/Qase/catalog';
import { UNAUTHENTICATED_LOOKUP } from '../../nodes/Qase/enrich';
import { createCurrentsFake, type CurrentsFake } from '../fakes/currents-api';
import { createQaseFake, type QaseFake } from '../fakes/qase-api';
import { createRedirector, type Redirector } from '../fakes/redirector';
import {
	currentsAutoWorkflow,
	post,
	prepareN8n,
	settle,
	triggerWorkflow,
	until,
	type N8nInstance,
} from './harness';
import { setActiveAndWait } from './reliability-kit';

const API_KEY = randomBytes(12).toString('hex');
const QASE_TOKEN = randomBytes(12).toString('hex');
const CRED_CURRENTS = { id: 'credHardenCurr01', name: 'Currents fake API' };
const CRED_QASE = { id: 'credHardenQase01', name: 'Qase fake API' };
const WF_CURRENTS = 'wfHardenCurrent1';
const WF_QASE = 'wfHardenQase0001';
const WF_RETRY = 'wfHardenRetry001';
// Issue 22.
const QASE_SECRET = randomBytes(12).toString('hex');
const ROTATE_SECRET = randomBytes(12).toString('hex');
const CRED_QASE_SECRET = { id: 'credHardenQSec01', name: 'Qase webhook secret' };
const CRED_QASE_ROTATE = { id: 'credHardenQRot01', name: 'Qase webhook secret (rotated)' };
const CRED_QASE_SHORT = { id: 'credHardenQSho01', name: 'Qase webhook secret (short)' };
const CRED_CUR_SHORT = { id: 'credHardenCSho01', name: 'Currents manual secret (short)' };
const CRED_CUR_ROTATE = { id: 'credHardenCRot01', name: 'Currents manual secret (rotated)' };
const CRED_QASE_REDIRECT = { id: 'credHardenQRed01', name: 'Qase API behind a redirect' };
const CRED_CUR_REDIRECT = { id: 'credHardenCRed01', name: 'Currents API behind a redirect' };
const WF_QASE_SIGNED = 'wfHardenQaseSig1';
const WF_QASE_ROTATE = 'wfHardenQaseRot1';
const WF_QASE_SHORT = 'wfHardenQaseSho1';
const WF_CUR_SHORT = 'wfHardenCurSho01';
const WF_CUR_ROTATE = 'wfHardenCurRot01';
const WF_QASE_REDIRECT = 'wfHardenQaseRed1';
const WF_CUR_REDIRECT = 'wfHardenCurRed01';
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
	let redirector: Redirector;
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
		redirector = createRedirector({ status: 302 });
		const redirectUrl = await redirector.listen();
		const qaseTrigger = (
			id: string,
			webhookId: string,
			parameters: Record<string, unknown>,
			credentials: Record<string, { id: string; name: string }>,
		) =>
			triggerWorkflow({
				id,
				name: id,
				nodeType: 'n8n-nodes-testops.qaseTrigger',
				nodeName: 'Qase Trigger',
				webhookId,
				parameters: { resource: 'all', events: ['*'], ...parameters },
				credentials,
			});
		const currentsManual = (id: string, webhookId: string, credential: object) =>
			triggerWorkflow({
				id,
				name: id,
				nodeType: 'n8n-nodes-testops.currentsTrigger',
				nodeName: TRIGGER,
				webhookId,
				parameters: { setupMode: 'manual', events: ['RUN_FINISH'] },
				credentials: { currentsWebhookSecretApi: credential as { id: string; name: string } },
			});
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
				{ ...CRED_QASE_SECRET, type: 'qaseWebhookSecretApi', data: { secret: QASE_SECRET } },
				{ ...CRED_QASE_ROTATE, type: 'qaseWebhookSecretApi', data: { secret: ROTATE_SECRET } },
				{ ...CRED_QASE_SHORT, type: 'qaseWebhookSecretApi', data: { secret: 'ab' } },
				{
					...CRED_CUR_SHORT,
					type: 'currentsWebhookSecretApi',
					data: { headerName: 'x-hook', secret: 'ab' },
				},
				{
					...CRED_CUR_ROTATE,
					type: 'currentsWebhookSecretApi',
					data: { headerName: 'x-hook', secret: ROTATE_SECRET },
				},
				{
					...CRED_QASE_REDIRECT,
					type: 'qaseTestOpsApi',
					data: { apiToken: QASE_TOKEN, baseUrl: `${redirectUrl}/v1` },
				},
				{
					...CRED_CUR_REDIRECT,
					type: 'currentsTestOpsApi',
					data: { apiKey: API_KEY, baseUrl: redirectUrl },
				},
			],
			workflows: [
				currentsAutoWorkflow({
					id: WF_CURRENTS,
					name: 'Harden Currents',
					webhookId: 'harden-currents',
					credential: CRED_CURRENTS,
					nodeName: TRIGGER,
				}),
				currentsAutoWorkflow({
					id: WF_RETRY,
					name: 'Harden Currents 504',
					webhookId: 'harden-retry',
					credential: CRED_CURRENTS,
					nodeName: TRIGGER,
					project: 'proj_beta',
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
				qaseTrigger(
					WF_QASE_SIGNED,
					'harden-qase-signed',
					{ resolveRecord: true },
					{ qaseWebhookSecretApi: CRED_QASE_SECRET, qaseTestOpsApi: CRED_QASE },
				),
				qaseTrigger(
					WF_QASE_ROTATE,
					'harden-qase-rotate',
					{},
					{ qaseWebhookSecretApi: CRED_QASE_ROTATE },
				),
				qaseTrigger(
					WF_QASE_SHORT,
					'harden-qase-short',
					{},
					{ qaseWebhookSecretApi: CRED_QASE_SHORT },
				),
				currentsManual(WF_CUR_SHORT, 'harden-cur-short', CRED_CUR_SHORT),
				currentsManual(WF_CUR_ROTATE, 'harden-cur-rotate', CRED_CUR_ROTATE),
				qaseTrigger(
					WF_QASE_REDIRECT,
					'harden-qase-redirect',
					{ resolveRecord: true },
					{ qaseWebhookSecretApi: CRED_QASE_SECRET, qaseTestOpsApi: CRED_QASE_REDIRECT },
				),
				currentsAutoWorkflow({
					id: WF_CUR_REDIRECT,
					name: 'Harden Currents redirect',
					webhookId: 'harden-cur-redirect',
					credential: CRED_CUR_REDIRECT,
					nodeName: TRIGGER,
				}),
			],
			activate: [
				WF_CURRENTS,
				WF_QASE,
				WF_QASE_SIGNED,
				WF_QASE_ROTATE,
				WF_CUR_ROTATE,
				WF_QASE_REDIRECT,
			],
		});
		await n8n.start();
		prodUrl = n8n.webhookUrl('harden-currents');
		testUrl = `${n8n.baseUrl}/${testEndpoint ?? 'webhook-test'}/harden-currents/webhook`;
		await until(() => prodHook() !== undefined, 30000);
		// The first n8n of a run may build the line's database template first (40-80 s here), and
		// this n8n activates eight workflows on a machine shared with other suites.
	}, 600000);

	afterAll(async () => {
		await n8n?.stop();
		const log = n8n?.log() ?? '';
		n8n?.cleanup();
		await currents?.close();
		await qase?.close();
		await redirector?.close();
		expect(log).not.toContain(API_KEY);
		expect(log).not.toContain(QASE_TOKEN);
		// No credential ever reached the other origin, whatever the test did.
		expect(redirector?.received ?? []).toEqual([]);
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
		const sent = () => String(Date.now());
		expect(
			(
				await post(testUrl, runBody(), {
					'x-webhook-secret': secretOf(before),
					'x-timestamp': sent(),
				})
			).status,
		).toBe(401);
		const before1 = n8n.executions(WF_CURRENTS).length;
		expect(
			(await post(testUrl, runBody(), { 'x-webhook-secret': testSecret, 'x-timestamp': sent() }))
				.status,
		).toBe(200);
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
		const before = n8n.executions(WF_QASE_SIGNED).length;
		qase.requests.length = 0;
		for (const body of cases)
			expect(
				(await post(n8n.webhookUrl('harden-qase-signed'), body, { 'x-qase-secret': QASE_SECRET }))
					.status,
			).toBe(200);
		const executions = (await n8n.waitForExecutions(WF_QASE_SIGNED, before + cases.length)).slice(
			before,
		);
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
		await n8n.waitForExecutions(WF_QASE, before + 1);
		const signed = n8n.executions(WF_QASE_SIGNED).length;
		const good = await post(
			n8n.webhookUrl('harden-qase-signed'),
			qaseBody('case.updated', () => {}),
			{ 'x-qase-secret': QASE_SECRET },
		);
		expect(good.status).toBe(200);
		const [last] = (await n8n.waitForExecutions(WF_QASE_SIGNED, signed + 1)).slice(-1);
		expect(last.nodes['Qase Trigger'].items[0].record).toMatchObject({ id: 1610 });
	});

	test('issue 22 item 1: a forged delivery to a Qase Trigger without a secret reads no record with the token', async () => {
		const before = n8n.executions(WF_QASE).length;
		qase.requests.length = 0;
		const forged = qaseBody('case.updated', (s) => {
			s.project_code = 'DEMO';
			s.payload.id = 77;
		});
		expect((await post(n8n.webhookUrl('harden-qase'), forged)).status).toBe(200);
		const [execution] = (await n8n.waitForExecutions(WF_QASE, before + 1)).slice(before);
		expect(execution.nodes['Qase Trigger'].items[0]).toMatchObject({
			project_code: 'DEMO',
			id: 77,
			record: null,
			record_error: { status: null, message: UNAUTHENTICATED_LOOKUP },
		});
		await settle(500);
		expect(qase.requests).toHaveLength(0);
	});

	test('issue 22 item 2: a too short Qase or Currents manual secret refuses activation, saying why', async () => {
		const qaseOutcome = await setActiveAndWait(n8n, WF_QASE_SHORT, true);
		expect(qaseOutcome.ok).toBe(false);
		expect(qaseOutcome.message).toMatch(
			/Qase Webhook Secret credential cannot be used.*at least 12 characters/,
		);
		const currentsOutcome = await setActiveAndWait(n8n, WF_CUR_SHORT, true);
		expect(currentsOutcome.ok).toBe(false);
		expect(currentsOutcome.message).toMatch(
			/Currents Webhook Secret credential cannot be used.*at least 16 characters/,
		);
		// Not registered: nothing answers at their URLs.
		expect(
			(
				await post(
					n8n.webhookUrl('harden-qase-short'),
					qaseBody('case.updated', () => {}),
					{ 'x-qase-secret': 'ab' },
				)
			).status,
		).toBe(404);
	});

	test('issue 22 item 2: a secret shortened after activation gets the same bare 401 and starts nothing', async () => {
		const { rest } = await editorSession(n8n);
		await rest('PATCH', `/credentials/${CRED_QASE_ROTATE.id}`, {
			...CRED_QASE_ROTATE,
			type: 'qaseWebhookSecretApi',
			data: { secret: 'ab' },
		});
		await rest('PATCH', `/credentials/${CRED_CUR_ROTATE.id}`, {
			...CRED_CUR_ROTATE,
			type: 'currentsWebhookSecretApi',
			data: { headerName: 'x-hook', secret: 'ab' },
		});
		const qaseBefore = n8n.executions(WF_QASE_ROTATE).length;
		const curBefore = n8n.executions(WF_CUR_ROTATE).length;
		const q = await post(
			n8n.webhookUrl('harden-qase-rotate'),
			qaseBody('case.updated', () => {}),
			{
				'x-qase-secret': 'ab',
			},
		);
		const c = await post(n8n.webhookUrl('harden-cur-rotate'), runBody(), { 'x-hook': 'ab' });
		expect([q.status, JSON.parse(q.text)]).toEqual([401, { error: 'Unauthorized' }]);
		expect([c.status, JSON.parse(c.text)]).toEqual([401, { error: 'Unauthorized' }]);
		await settle();
		expect(n8n.executions(WF_QASE_ROTATE)).toHaveLength(qaseBefore);
		expect(n8n.executions(WF_CUR_ROTATE)).toHaveLength(curBefore);
	});

	test('issue 22 item 3: a Qase Base URL answering 302 to another origin: an API error naming the status, the token stays home', async () => {
		const before = n8n.executions(WF_QASE_REDIRECT).length;
		const from = redirector.redirected.length;
		const res = await post(
			n8n.webhookUrl('harden-qase-redirect'),
			qaseBody('case.updated', () => {}),
			{
				'x-qase-secret': QASE_SECRET,
			},
		);
		expect(res.status).toBe(200);
		const [execution] = (await n8n.waitForExecutions(WF_QASE_REDIRECT, before + 1)).slice(before);
		const [item] = execution.nodes['Qase Trigger'].items;
		expect(item.record).toBeNull();
		expect(item.record_error).toEqual({
			status: 302,
			message: expect.stringMatching(
				/^Qase API error \(HTTP 302\): The API answered with a redirect \(HTTP 302\), which is not followed/,
			),
		});
		expect(redirector.redirected.slice(from)).toHaveLength(1);
		expect(redirector.redirected[from].headers.token).toBe(QASE_TOKEN);
		expect(redirector.received).toEqual([]);
		expect(execution.raw).not.toContain('served by another origin');
	});

	test('issue 22 item 3: a Currents Base URL answering 307 fails the activation with the status; the key stays home', async () => {
		redirector.setStatus(307);
		const from = redirector.redirected.length;
		const outcome = await setActiveAndWait(n8n, WF_CUR_REDIRECT, true);
		redirector.setStatus(302);
		expect(outcome.ok).toBe(false);
		expect(outcome.message).toMatch(/HTTP 307.*redirect \(HTTP 307\), which is not followed/);
		expect(redirector.redirected.length).toBeGreaterThan(from);
		expect(redirector.redirected[from].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(redirector.received).toEqual([]);
	});
});
