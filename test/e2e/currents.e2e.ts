/**
 * Currents in a real n8n: the package installed from its tarball, workflows imported and activated
 * with n8n's CLI, real HTTP deliveries, executions read back from n8n's database, and the Currents
 * API played by the local fake.
 */
import { randomBytes } from 'node:crypto';

import { createCurrentsFake, type CurrentsFake } from '../fakes/currents-api';
import { currentsEvents } from '../../nodes/Currents/catalog';
import {
	currentsAutoWorkflow,
	post,
	prepareN8n,
	settle,
	triggerWorkflow,
	until,
	type N8nInstance,
} from './harness';

// Fresh per run, so the secret scans below look for values that exist nowhere else.
const API_KEY = randomBytes(12).toString('hex');
const MANUAL_SECRET = randomBytes(16).toString('hex');
const CRED_API = { id: 'credCurrentsApi01', name: 'Currents fake API' };
const CRED_SECRET = { id: 'credCurrentsSec01', name: 'Currents manual secret' };

const WF_AUTO = 'wfCurrentsAuto01';
const WF_MANUAL = 'wfCurrentsManu01';
const WF_ACTIONS = 'wfCurrentsActs01';
const WF_BAD = 'wfCurrentsBad001';

const sample = (event: string, extra: Record<string, unknown> = {}) =>
	JSON.stringify({
		...currentsEvents.find((e) => e.name === 'RUN_START')!.sample,
		event,
		...extra,
	});

function actionNode(name: string, x: number, parameters: Record<string, unknown>) {
	return {
		id: `${name}-id`,
		name,
		type: 'n8n-nodes-testops.currentsWebhooks',
		typeVersion: 1,
		position: [x, 0],
		parameters: { resource: 'webhook', ...parameters },
		credentials: { currentsTestOpsApi: CRED_API },
	};
}

function chain(names: string[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

const manualTrigger = {
	id: 'manual-id',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [-200, 0],
	parameters: {},
};

describe('Currents in real n8n', () => {
	let fake: CurrentsFake;
	let n8n: N8nInstance;
	let autoUrl: string;
	const ourHooks = () => fake.hooks.filter((h) => h.url === autoUrl);
	const secretOf = () => JSON.parse(ourHooks()[0].headers ?? '{}')['x-webhook-secret'] as string;

	beforeAll(async () => {
		fake = createCurrentsFake({ apiKeys: [API_KEY] });
		const fakeUrl = await fake.listen();
		const hookUrl = 'https://hooks.example.com/currents-e2e';
		n8n = await prepareN8n({
			credentials: [
				{ ...CRED_API, type: 'currentsTestOpsApi', data: { apiKey: API_KEY, baseUrl: fakeUrl } },
				{
					...CRED_SECRET,
					type: 'currentsWebhookSecretApi',
					data: { headerName: 'x-ci-secret', secret: MANUAL_SECRET },
				},
			],
			workflows: [
				currentsAutoWorkflow({
					id: WF_AUTO,
					name: 'Currents automatic',
					webhookId: 'currents-auto',
					credential: CRED_API,
					events: ['RUN_FINISH', 'RUN_START'],
				}),
				triggerWorkflow({
					id: WF_MANUAL,
					name: 'Currents manual',
					nodeType: 'n8n-nodes-testops.currentsTrigger',
					nodeName: 'Currents Trigger',
					webhookId: 'currents-manual',
					parameters: {
						setupMode: 'manual',
						events: ['RUN_FINISH', 'RUN_START', 'RUN_TIMEOUT', 'RUN_CANCELED'],
					},
					credentials: { currentsWebhookSecretApi: CRED_SECRET },
				}),
				{
					id: WF_ACTIONS,
					name: 'Currents webhooks CRUD',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: [
						manualTrigger,
						actionNode('Create', 0, {
							operation: 'create',
							project: { __rl: true, mode: 'id', value: 'proj_beta' },
							url: hookUrl,
							hookEvents: ['RUN_FINISH', 'RUN_TIMEOUT'],
							additionalFields: {
								label: 'CI alerts',
								headers: { header: [{ name: 'x-team', value: 'qa' }] },
							},
						}),
						actionNode('List', 200, {
							operation: 'list',
							project: { __rl: true, mode: 'id', value: 'proj_beta' },
						}),
						actionNode('Get', 400, {
							operation: 'get',
							hookId: "={{ $('Create').item.json.hookId }}",
						}),
						actionNode('Update', 600, {
							operation: 'update',
							hookId: "={{ $('Create').item.json.hookId }}",
							updateFields: { label: 'CI alerts v2', hookEvents: ['RUN_CANCELED'] },
						}),
						actionNode('Delete', 800, {
							operation: 'delete',
							hookId: "={{ $('Create').item.json.hookId }}",
						}),
					],
					connections: chain(['Start', 'Create', 'List', 'Get', 'Update', 'Delete']),
				},
				{
					id: WF_BAD,
					name: 'Currents bad input',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: [
						manualTrigger,
						actionNode('Create', 0, {
							operation: 'create',
							project: { __rl: true, mode: 'id', value: 'proj_beta' },
							url: 'ftp://files.example.com/hook',
							hookEvents: ['RUN_FINISH'],
						}),
					],
					connections: chain(['Start', 'Create']),
				},
			],
			activate: [WF_AUTO, WF_MANUAL],
		});
		autoUrl = n8n.webhookUrl('currents-auto');
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.stop();
		// The whole run must never have put a secret into n8n's log.
		const log = n8n?.log() ?? '';
		n8n?.cleanup();
		await fake?.close();
		expect(log).not.toContain(API_KEY);
		expect(log).not.toContain(MANUAL_SECRET);
	});

	test('activation registers exactly one hook with our URL, the selected events and a secret header', () => {
		const hooks = ourHooks();
		expect(hooks).toHaveLength(1);
		expect(hooks[0].projectId).toBe('proj_alpha');
		expect([...hooks[0].hookEvents].sort()).toEqual(['RUN_FINISH', 'RUN_START']);
		expect(hooks[0].label).toBe('n8n: Currents automatic');
		expect(secretOf()).toMatch(/^[0-9a-f]{64}$/);
		// Every call carried the bearer key.
		expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
	});

	test('a correct delivery produces one execution holding the payload, extra fields kept', async () => {
		const body = sample('RUN_FINISH', {
			groupId: 'chrome',
			tags: ['nightly'],
			futureField: { x: 1 },
		});
		const res = await post(autoUrl, body, {
			'x-webhook-secret': secretOf(),
			'x-timestamp': String(Date.now()),
		});
		expect(res.status).toBe(200);
		const [execution] = await n8n.waitForExecutions(WF_AUTO, 1);
		expect(execution.status).toBe('success');
		expect(execution.nodes['Currents Trigger'].items).toEqual([JSON.parse(body)]);
		expect(execution.raw).not.toContain(secretOf());
	});

	test('wrong secret, missing secret and stale or malformed timestamps get 401 and start nothing', async () => {
		const body = sample('RUN_FINISH');
		const before = n8n.executions(WF_AUTO).length;
		const attempts: Array<Record<string, string>> = [
			{ 'x-webhook-secret': 'not-the-secret', 'x-timestamp': String(Date.now()) },
			{ 'x-timestamp': String(Date.now()) },
			{ 'x-webhook-secret': secretOf(), 'x-timestamp': String(Date.now() - 10 * 60 * 1000) },
			{
				'x-webhook-secret': secretOf(),
				'x-timestamp': String(Math.floor(Date.now() / 1000) + 600),
			},
			{ 'x-webhook-secret': secretOf(), 'x-timestamp': 'yesterday' },
		];
		for (const headers of attempts) {
			const res = await post(autoUrl, body, headers);
			expect({ status: res.status, text: res.text }).toEqual({
				status: 401,
				text: '{"error":"Unauthorized"}',
			});
		}
		await settle();
		expect(n8n.executions(WF_AUTO)).toHaveLength(before);
	});

	test('an event that is not selected gets 200 and no execution; an unknown body gets 400', async () => {
		const before = n8n.executions(WF_AUTO).length;
		const headers = { 'x-webhook-secret': secretOf(), 'x-timestamp': String(Date.now()) };
		const skipped = await post(autoUrl, sample('RUN_TIMEOUT'), headers);
		expect(skipped.status).toBe(200);
		expect(JSON.parse(skipped.text)).toEqual({
			received: true,
			skipped: 'event RUN_TIMEOUT is not selected',
		});
		const unknown = await post(autoUrl, JSON.stringify({ event: 'RUN_EXPLODED' }), headers);
		expect(unknown.status).toBe(400);
		expect(unknown.text).toContain('Unknown Currents event');
		const noEvent = await post(autoUrl, JSON.stringify({ runUrl: 'x' }), headers);
		expect(noEvent.status).toBe(400);
		expect(noEvent.text).toContain('no \\"event\\" field');
		await settle();
		expect(n8n.executions(WF_AUTO)).toHaveLength(before);
	});

	test('manual setup checks the shared secret from its credential', async () => {
		const url = n8n.webhookUrl('currents-manual');
		expect((await post(url, sample('RUN_CANCELED'), { 'x-ci-secret': 'wrong' })).status).toBe(401);
		expect((await post(url, sample('RUN_CANCELED'))).status).toBe(401);
		const ok = await post(url, sample('RUN_CANCELED'), { 'x-ci-secret': MANUAL_SECRET });
		expect(ok.status).toBe(200);
		const executions = await n8n.waitForExecutions(WF_MANUAL, 1);
		expect(executions).toHaveLength(1);
		expect(executions[0].nodes['Currents Trigger'].items[0].event).toBe('RUN_CANCELED');
		// Manual setup registers nothing in Currents.
		expect(fake.hooks.filter((h) => h.url === url)).toHaveLength(0);
	});

	test('the editor previews the trigger and action outputs from __schema__', async () => {
		const trigger = await fetch(
			`${n8n.baseUrl}/schemas/n8n-nodes-testops.currentsTrigger/1.0.0.json`,
		);
		expect(trigger.status).toBe(200);
		const schema = (await trigger.json()) as { properties: Record<string, unknown> };
		expect(Object.keys(schema.properties)).toEqual(
			expect.arrayContaining(['event', 'runUrl', 'commit', 'failures']),
		);
		const action = await fetch(
			`${n8n.baseUrl}/schemas/n8n-nodes-testops.currentsWebhooks/1.0.0/webhook/get.json`,
		);
		expect(action.status).toBe(200);
		expect(Object.keys(((await action.json()) as { properties: object }).properties)).toEqual(
			expect.arrayContaining(['hookId', 'url', 'hookEvents']),
		);
	});

	test('Currents Webhooks node creates, lists, gets, updates and deletes hooks (n8n CLI run)', async () => {
		const before = fake.requests.length;
		await n8n.cli(['execute', `--id=${WF_ACTIONS}`]);
		const execution = n8n.executions(WF_ACTIONS).at(-1)!;
		expect(execution.status).toBe('success');
		const created = execution.nodes.Create.items[0];
		expect(created).toMatchObject({
			projectId: 'proj_beta',
			url: 'https://hooks.example.com/currents-e2e',
			label: 'CI alerts',
		});
		// Header values are redacted in output unless Reveal Header Values is on (issue 10 item 4).
		expect(JSON.parse(created.headers as string)).toEqual({ 'x-team': '[redacted]' });
		expect(execution.nodes.List.items.map((h) => h.hookId)).toContain(created.hookId);
		expect(execution.nodes.Get.items[0].hookId).toBe(created.hookId);
		expect(execution.nodes.Update.items[0]).toMatchObject({
			label: 'CI alerts v2',
			hookEvents: ['RUN_CANCELED'],
		});
		expect(execution.nodes.Delete.items[0]).toEqual({ deleted: true, hookId: created.hookId });
		expect(fake.hooks.find((h) => h.hookId === created.hookId)).toBeUndefined();
		const calls = fake.requests.slice(before).map((r) => `${r.method} ${r.path}`);
		expect(calls).toEqual([
			'POST /webhooks',
			'GET /webhooks',
			`GET /webhooks/${created.hookId}`,
			`PUT /webhooks/${created.hookId}`,
			`DELETE /webhooks/${created.hookId}`,
		]);
	});

	test('a bad input fails before any request with a message naming the field', async () => {
		const before = fake.requests.length;
		await expect(n8n.cli(['execute', `--id=${WF_BAD}`])).rejects.toThrow(
			'URL must use http or https',
		);
		const execution = n8n.executions(WF_BAD).at(-1)!;
		expect(execution.status).toBe('error');
		expect(execution.error).toContain('URL must use http or https');
		expect(fake.requests.length).toBe(before);
	});

	test('restart keeps the hook; deactivation deletes it; re-activation leaves exactly one', async () => {
		const hookId = ourHooks()[0].hookId;
		await n8n.restart();
		expect(ourHooks().map((h) => h.hookId)).toEqual([hookId]);

		await n8n.setActive(WF_AUTO, false);
		await until(() => ourHooks().length === 0);

		await n8n.setActive(WF_AUTO, true);
		await until(() => ourHooks().length === 1);
		const secret = secretOf();
		// The new registration works end to end with its new secret.
		const before = n8n.executions(WF_AUTO).length;
		expect(
			(
				await post(autoUrl, sample('RUN_START'), {
					'x-webhook-secret': secret,
					'x-timestamp': String(Date.now()),
				})
			).status,
		).toBe(200);
		await n8n.waitForExecutions(WF_AUTO, before + 1);

		await n8n.setActive(WF_AUTO, false);
		await until(() => ourHooks().length === 0);
		await n8n.setActive(WF_AUTO, true);
		await until(() => ourHooks().length === 1);
		await settle(500);
		expect(ourHooks()).toHaveLength(1);
		await n8n.setActive(WF_AUTO, false);
		await until(() => ourHooks().length === 0);
	});
});
