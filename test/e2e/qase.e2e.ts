/**
 * Qase Trigger in a real n8n: the package installed from its tarball, workflows imported and
 * activated with n8n's CLI, real HTTP deliveries of every documented Qase event, executions read back
 * from n8n's database, and the Qase API (for "Resolve Full Record") played by the local fake.
 */
import { randomBytes } from 'node:crypto';

import { findQaseEvent, QASE_ENTITIES, qaseEvents } from '../../nodes/Qase/catalog';
import { payloadWithContext } from '../../nodes/Qase/receive';
import { createQaseFake, type QaseFake } from '../fakes/qase-api';
import type { JsonRecord, QaseDelivery } from '../helpers/json';
import { post, prepareN8n, settle, triggerWorkflow, type N8nInstance } from './harness';

// Fresh per run, so the secret scans below look for values that exist nowhere else.
const SECRET = randomBytes(16).toString('hex');
const TOKEN = randomBytes(12).toString('hex');
const CRED_SECRET = { id: 'credQaseSecret01', name: 'Qase webhook secret' };
const CRED_API = { id: 'credQaseApi00001', name: 'Qase fake API' };

const WF_ALL = 'wfQaseAll0000001';
const WF_RUN = 'wfQaseRunOnly001';
const WF_RESOLVE = 'wfQaseResolve001';
const NODE = 'Qase Trigger';

const body = (name: string, patch: (s: QaseDelivery) => void = () => {}) => {
	const s = structuredClone(findQaseEvent(name)!.sample) as QaseDelivery;
	patch(s);
	return JSON.stringify(s);
};

const qaseWorkflow = (
	id: string,
	webhookId: string,
	parameters: Record<string, unknown>,
	credentials = {},
) =>
	triggerWorkflow({
		id,
		name: `Qase ${webhookId}`,
		nodeType: 'n8n-nodes-testops.qaseTrigger',
		nodeName: NODE,
		webhookId,
		parameters,
		credentials,
	});

describe('Qase Trigger in real n8n', () => {
	let fake: QaseFake;
	let n8n: N8nInstance;
	const url = (webhookId: string) => n8n.webhookUrl(webhookId);

	beforeAll(async () => {
		fake = createQaseFake({ tokens: [TOKEN] });
		const fakeUrl = await fake.listen();
		n8n = await prepareN8n({
			credentials: [
				{ ...CRED_SECRET, type: 'qaseWebhookSecretApi', data: { secret: SECRET } },
				{
					...CRED_API,
					type: 'qaseTestOpsApi',
					data: { apiToken: TOKEN, baseUrl: `${fakeUrl}/v1` },
				},
			],
			workflows: [
				qaseWorkflow(
					WF_ALL,
					'qase-all',
					{ resource: 'all', events: ['*'] },
					{ qaseWebhookSecretApi: CRED_SECRET },
				),
				qaseWorkflow(WF_RUN, 'qase-run', {
					resource: 'run',
					events: ['run.completed'],
					output: 'envelope',
				}),
				qaseWorkflow(
					WF_RESOLVE,
					'qase-resolve',
					{ resource: 'all', events: ['*'], resolveRecord: true },
					// Records are looked up for authenticated deliveries only.
					{ qaseTestOpsApi: CRED_API, qaseWebhookSecretApi: CRED_SECRET },
				),
			],
			activate: [WF_ALL, WF_RUN, WF_RESOLVE],
		});
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.stop();
		const log = n8n?.log() ?? '';
		n8n?.cleanup();
		await fake?.close();
		// Neither the webhook secret nor the API token may end up in n8n's log.
		expect(log).not.toContain(SECRET);
		expect(log).not.toContain(TOKEN);
	});

	test('every documented event (all nine entities) delivered over HTTP records one execution with the right item', async () => {
		const answers: Array<{ event: string; status: number; text: string }> = [];
		for (const event of qaseEvents) {
			const res = await post(url('qase-all'), JSON.stringify(event.sample), {
				'x-qase-secret': SECRET,
			});
			answers.push({ event: event.name, ...res });
		}
		expect(answers.filter((a) => a.status !== 200 || a.text !== '')).toEqual([]);

		const executions = await n8n.waitForExecutions(WF_ALL, qaseEvents.length);
		expect(executions).toHaveLength(qaseEvents.length);
		expect(
			executions.filter((e) => e.status !== 'success').map((e) => [e.status, e.error]),
		).toEqual([]);
		const byEvent = new Map(
			executions.map((e) => [e.nodes[NODE].items[0].event as string, e.nodes[NODE].items]),
		);
		for (const event of qaseEvents) {
			expect([event.name, byEvent.get(event.name)]).toEqual([
				event.name,
				[payloadWithContext(event.sample as Record<string, unknown>)],
			]);
		}
		expect(
			new Set(executions.map((e) => String(e.nodes[NODE].items[0].event).split('.')[0])),
		).toEqual(new Set(QASE_ENTITIES));
		// The secret is checked, never stored.
		expect(executions.some((e) => e.raw.includes(SECRET))).toBe(false);
	});

	test('a wrong or missing secret gets 401 and records nothing; a body that is not a Qase envelope gets 400', async () => {
		const before = n8n.executions(WF_ALL).length;
		const attempts: Array<Record<string, string>> = [
			{ 'x-qase-secret': 'not-the-secret' },
			{},
			{ 'x-qase-secret': `${SECRET}x` },
		];
		for (const headers of attempts) {
			const res = await post(url('qase-all'), body('case.updated'), headers);
			expect({ status: res.status, text: res.text }).toEqual({
				status: 401,
				text: '{"error":"Unauthorized"}',
			});
		}
		// n8n's own body parser refuses JSON that does not parse (422) before the node sees it.
		expect(
			(await post(url('qase-all'), '{"event_name": "case.updated",', { 'x-qase-secret': SECRET }))
				.status,
		).toBe(422);
		const bad = [
			['[1,2]', 'Request body must be a JSON object'],
			[JSON.stringify({ timestamp: 1, payload: {} }), 'no \\"event_name\\" field'],
			[
				body('case.updated', (s) => ((s as JsonRecord).payload = 'x')),
				'\\"payload\\" must be a JSON object',
			],
		] as const;
		for (const [raw, message] of bad) {
			const res = await post(url('qase-all'), raw, { 'x-qase-secret': SECRET });
			expect(res.status).toBe(400);
			expect(res.text).toContain(message);
		}
		// An undocumented event (Qase's UI offers result events) is acknowledged, not refused.
		const unknown = await post(
			url('qase-all'),
			body('case.updated', (s) => (s.event_name = 'result.created')),
			{ 'x-qase-secret': SECRET },
		);
		expect(unknown.status).toBe(200);
		await settle();
		expect(n8n.executions(WF_ALL)).toHaveLength(before);
	});

	test('an unselected event gets 200 and no execution; a selected one its whole envelope', async () => {
		const skipped = await post(url('qase-run'), body('run.aborted'));
		expect(skipped.status).toBe(200);
		expect(JSON.parse(skipped.text)).toEqual({
			received: true,
			skipped: 'event run.aborted is not selected',
		});
		expect((await post(url('qase-run'), body('case.updated'))).status).toBe(200);
		await settle();
		expect(n8n.executions(WF_RUN)).toHaveLength(0);

		// No secret credential on this workflow: deliveries are accepted unauthenticated.
		const ok = await post(
			url('qase-run'),
			body('run.completed', (s) => (s.payload.duration = 93000)),
		);
		expect(ok.status).toBe(200);
		const [execution] = await n8n.waitForExecutions(WF_RUN, 1);
		expect(execution.nodes[NODE].items).toEqual([
			JSON.parse(body('run.completed', (s) => (s.payload.duration = 93000))),
		]);
	});

	test('Resolve Full Record fetches the record in the execution, after the response was sent', async () => {
		fake.requests.length = 0;
		// The lookup takes 3 s; the delivery must be answered long before.
		fake.addFault({ path: '^/v1/case/ID/1610$', delayMs: 3000, times: 1 });
		const started = Date.now();
		const res = await post(url('qase-resolve'), body('case.updated'), { 'x-qase-secret': SECRET });
		const answeredInMs = Date.now() - started;
		expect(res.status).toBe(200);
		expect(answeredInMs).toBeLessThan(2000);

		const [execution] = await n8n.waitForExecutions(WF_RESOLVE, 1);
		expect(execution.status).toBe('success');
		expect(execution.nodes[NODE].items).toEqual([
			{
				...payloadWithContext(JSON.parse(body('case.updated'))),
				record: fake.getRecord('case', 'ID', 1610),
			},
		]);
		expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/case/ID/1610']);
		expect(fake.requests[0].headers.token).toBe(TOKEN);
		expect(execution.raw).not.toContain(TOKEN);
	});

	test('Resolve Full Record reports a deleted record (404) and a rate limit (429) in the item, and never looks up deletions', async () => {
		fake.requests.length = 0;
		fake.deleteRecord('defect', 'ID', 1);
		fake.addFault({
			path: '^/v1/run/',
			status: 429,
			headers: { 'Retry-After': '30' },
			body: { status: false, errorMessage: 'Too Many Requests' },
		});
		const before = n8n.executions(WF_RESOLVE).length;
		for (const name of [
			'defect.resolved',
			'run.completed',
			'suite.deleted',
			'shared_step.updated',
		]) {
			expect(
				(await post(url('qase-resolve'), body(name), { 'x-qase-secret': SECRET })).status,
			).toBe(200);
		}
		const executions = (await n8n.waitForExecutions(WF_RESOLVE, before + 4)).slice(before);
		expect(
			executions.filter((e) => e.status !== 'success').map((e) => [e.status, e.error]),
		).toEqual([]);
		const item = (event: string) =>
			executions.map((e) => e.nodes[NODE].items[0]).find((i) => i.event === event)!;

		expect(item('defect.resolved')).toMatchObject({
			record: null,
			record_error: { status: 404, message: 'Qase API error (HTTP 404): Defect not found' },
		});
		expect(item('run.completed')).toMatchObject({
			record: null,
			record_error: { status: 429, message: 'Qase API error (HTTP 429): Too Many Requests' },
		});
		expect(item('suite.deleted')).not.toHaveProperty('record');
		expect(item('shared_step.updated').record).toEqual(
			fake.getRecord('shared_step', 'ID', '2563d597b756810934dea4185ce31b2b0dbf377c'),
		);
		const paths = fake.requests.map((r) => r.path);
		expect(paths.filter((p) => p.startsWith('/v1/suite/'))).toEqual([]);
		// Qase asked for 30 s: longer than the lookup waits, so it is reported at once, not retried.
		expect(paths.filter((p) => p === '/v1/run/ID/2')).toHaveLength(1);
		fake.clearFaults();
	});

	test('the editor previews each entity from __schema__', async () => {
		const get = async (file: string) => {
			const res = await fetch(`${n8n.baseUrl}/schemas/n8n-nodes-testops.qaseTrigger/${file}`);
			expect([file, res.status]).toEqual([file, 200]);
			return (await res.json()) as {
				type: string;
				properties: Record<string, { enum?: unknown[] }>;
			};
		};
		for (const value of [...QASE_ENTITIES, 'all']) {
			const schema = await get(`1.0.0/${value}.json`);
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties)).toEqual(
				expect.arrayContaining(['event', 'project_code', 'team_member_id', 'occurred_at']),
			);
		}
		// What the documented run events carry, and nothing the default settings cannot produce: no
		// `skiped` (the field table's misspelling, in no example) and no record fields (Resolve Full Record).
		const run = Object.keys((await get('1.0.0/run.json')).properties);
		expect(run).toEqual(
			expect.arrayContaining(['cases_added', 'cases_count', 'duration', 'skipped']),
		);
		for (const absent of ['skiped', 'record', 'record_error']) expect(run).not.toContain(absent);
		expect(Object.keys((await get('1.0.0/shared_step.json')).properties)).toEqual(
			expect.arrayContaining(['hash', 'steps']),
		);
		expect((await get('1.0.0.json')).properties.event.enum).toHaveLength(qaseEvents.length);
	});
});
