/**
 * The workflows in examples/ in a real n8n: each file imported as shipped (only the Settings
 * node's URLs, the Currents project ID and the credentials' hosts pointed at local fakes, as a user
 * would fill them in), activated, sent one delivery, and its execution followed to the last node,
 * with the local fake at the end of the chain receiving the outbound call.
 */
import { randomBytes } from 'node:crypto';

import { currentsEvents } from '../../nodes/Currents/catalog';
import { qaseEvents } from '../../nodes/Qase/catalog';
import { createCurrentsFake, type CurrentsFake, type FakeServer } from '../fakes/currents-api';
import {
	createChatSink,
	createGithubFake,
	createOpenAiFake,
	createSmtpSink,
} from '../fakes/example-sinks';
import { createOpenlayerFake, type OpenlayerFake } from '../fakes/openlayer-api';
import { createQaseFake, type QaseFake } from '../fakes/qase-api';
import { signDelivery } from '../fakes/openlayer-sender';
import { prepareN8n, type ExecutionRecord, type N8nInstance } from './harness';
import { postFresh as post, readRepoJson } from './host';
import { resultsDelivery } from '../helpers/openlayer';

interface ExampleNode {
	name: string;
	webhookId?: string;
	parameters: {
		assignments?: { assignments: Array<{ name: string; value: unknown }> };
		project?: { value?: unknown };
		[key: string]: unknown;
	};
	[key: string]: unknown;
}
interface ExampleWorkflow {
	id: string;
	nodes: ExampleNode[];
	[key: string]: unknown;
}
/** What the fakes record of a JSON request body. */
type JsonBody = Record<string, unknown> | undefined;

const load = (file: string) => readRepoJson<ExampleWorkflow>('examples', file);

const QASE_SECRET = `qase-${randomBytes(12).toString('hex')}`;
const CURRENTS_KEY = randomBytes(12).toString('hex');
const OPENLAYER_KEY = randomBytes(12).toString('hex');
const OL_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const GITHUB_TOKEN = randomBytes(12).toString('hex');
const QASE_TOKEN = randomBytes(12).toString('hex');
const VERSION = '0b5c2d9e-1111-4aaa-8bbb-00000000e001';

/** Points an example at the fakes the way a user fills in its Settings node and project. */
function localise(workflow: ExampleWorkflow, settings: Record<string, string>): ExampleWorkflow {
	for (const node of workflow.nodes) {
		if (node.name === 'Settings') {
			for (const a of node.parameters.assignments?.assignments ?? [])
				if (a.name in settings) a.value = settings[a.name];
		}
		if (node.parameters?.project?.value === 'YOUR_PROJECT_ID')
			node.parameters.project.value = 'proj_alpha';
		if (node.parameters?.project?.value === 'YOUR_QASE_PROJECT_CODE')
			node.parameters.project.value = 'DEMO';
	}
	return { ...workflow, active: false };
}

const webhookIdOf = (workflow: ExampleWorkflow, nodeName: string) =>
	workflow.nodes.find((n) => n.name === nodeName)?.webhookId as string;

/** The last node that ran must be the workflow's last node, with an item that went out. */
function expectReachedLastNode(execution: ExecutionRecord, lastNode: string) {
	expect({
		status: execution.status,
		lastNode: execution.lastNode,
		error: execution.error,
	}).toEqual({ status: 'success', lastNode, error: undefined });
	expect(execution.nodes[lastNode].items.length).toBeGreaterThan(0);
}

describe('examples/ in real n8n', () => {
	let n8n: N8nInstance;
	let currents: CurrentsFake;
	let openlayer: OpenlayerFake;
	let chat: FakeServer;
	let github: FakeServer;
	let openai: FakeServer;
	let qase: QaseFake;
	const smtp = createSmtpSink();
	const wf: Record<string, ExampleWorkflow> = {};

	const chatTexts = () => chat.requests.map((r) => (r.body as JsonBody)?.text as string);

	async function waitFor(workflowId: string, before: number): Promise<ExecutionRecord> {
		return (await n8n.waitForExecutions(workflowId, before + 1, 120000))[before];
	}

	async function deliverCurrents(
		workflow: ExampleWorkflow,
		body: object,
	): Promise<ExecutionRecord> {
		const url = n8n.webhookUrl(webhookIdOf(workflow, 'Currents Trigger'));
		const hook = currents.hooks.find((h) => h.url === url);
		if (!hook) throw new Error(`no Currents hook registered for ${url}`);
		const before = n8n.executions(workflow.id).length;
		const res = await post(url, JSON.stringify(body), {
			'x-webhook-secret': JSON.parse(hook.headers ?? '{}')['x-webhook-secret'],
			'x-timestamp': String(Date.now()),
		});
		expect(res.status).toBe(200);
		return waitFor(workflow.id, before);
	}

	/** A delivery signed as Openlayer signs it (Standard Webhooks reference library). */
	function deliverOpenlayer(url: string, body: object, id: string) {
		const signed = signDelivery({ secret: OL_SECRET, body, id });
		return post(url, signed.rawBody, signed.headers);
	}

	const failedRun = (runId: string) => {
		currents.addRun({
			runId,
			specs: [
				{
					spec: 'e2e/login.spec.ts',
					tests: [
						{
							title: ['Login', 'rejects a wrong password'],
							state: 'failed',
							error: 'expected 401 to equal 403',
							attempts: 2,
						},
					],
				},
				{
					spec: 'e2e/cart.spec.ts',
					tests: [{ title: ['Cart', 'adds an item'], state: 'failed', error: 'element not found' }],
				},
			],
		});
		return {
			...structuredClone(currentsEvents[1].sample),
			event: 'RUN_FINISH',
			runUrl: `https://app.currents.dev/run/${runId}`,
			overall: 5,
			passes: 3,
			failures: 2,
		};
	};

	beforeAll(async () => {
		currents = createCurrentsFake({ apiKeys: [CURRENTS_KEY] });
		openlayer = createOpenlayerFake({ apiKeys: [OPENLAYER_KEY] });
		chat = createChatSink();
		github = createGithubFake({ token: GITHUB_TOKEN });
		openai = createOpenAiFake();
		qase = createQaseFake({ tokens: [QASE_TOKEN] });
		const [currentsUrl, openlayerUrl, chatUrl, githubUrl, openaiUrl, smtpPort, qaseUrl] =
			await Promise.all([
				currents.listen(),
				openlayer.listen(),
				chat.listen(),
				github.listen(),
				openai.listen(),
				smtp.listen(),
				qase.listen(),
			]);
		const chatHook = `${chatUrl}/services/T000/B000/e2e`;
		wf.slack = localise(load('qase-run-completed-to-slack.json'), { slackWebhookUrl: chatHook });
		wf.github = localise(load('currents-failures-to-github-issue.json'), {
			githubApiUrl: githubUrl,
			repository: 'acme/shop',
		});
		wf.email = localise(load('openlayer-failing-to-email.json'), {});
		wf.all = localise(load('all-triggers-summary-to-channel.json'), { chatWebhookUrl: chatHook });
		wf.agent = localise(load('ai-agent-triage-failed-run.json'), { chatWebhookUrl: chatHook });
		wf.qase = localise(load('currents-run-to-qase-run.json'), {});
		const cred = (example: { id: string; name: string }, type: string, data: object) => ({
			...example,
			type,
			data,
		});
		n8n = await prepareN8n({
			credentials: [
				cred({ id: 'exQaseSecret0001', name: 'Qase Webhook Secret' }, 'qaseWebhookSecretApi', {
					secret: QASE_SECRET,
				}),
				cred({ id: 'exCurrentsApi001', name: 'Currents TestOps API' }, 'currentsTestOpsApi', {
					apiKey: CURRENTS_KEY,
					baseUrl: currentsUrl,
				}),
				cred(
					{ id: 'exOlSigning00001', name: 'Openlayer Signing Secret' },
					'openlayerSigningSecretApi',
					{ secret: OL_SECRET, previousSecret: '' },
				),
				cred({ id: 'exOlApi000000001', name: 'Openlayer TestOps API' }, 'openlayerTestOpsApi', {
					apiKey: OPENLAYER_KEY,
					baseUrl: openlayerUrl,
				}),
				cred(
					{ id: 'exGithubToken001', name: 'GitHub token (Authorization header)' },
					'httpHeaderAuth',
					{ name: 'Authorization', value: `Bearer ${GITHUB_TOKEN}` },
				),
				cred({ id: 'exSmtp0000000001', name: 'SMTP account' }, 'smtp', {
					user: '',
					password: '',
					host: '127.0.0.1',
					port: smtpPort,
					secure: false,
					disableStartTls: true,
				}),
				cred({ id: 'exQaseApi0000001', name: 'Qase TestOps API' }, 'qaseTestOpsApi', {
					apiToken: QASE_TOKEN,
					baseUrl: qaseUrl,
				}),
				cred({ id: 'exOpenAi00000001', name: 'OpenAI account' }, 'openAiApi', {
					apiKey: 'sk-e2e-local',
					url: `${openaiUrl}/v1`,
				}),
			],
			workflows: Object.values(wf),
			activate: Object.values(wf).map((w) => w.id),
		});
		await n8n.start();
		// Preparing a fresh n8n user folder and activating five workflows can exceed jest's default
		// on a loaded 2-core machine; the harness's own start-up limit still applies.
	}, 600000);

	beforeEach(() => {
		chat.requests.length = 0;
	});

	afterAll(async () => {
		await n8n?.stop();
		const log = n8n?.log() ?? '';
		n8n?.cleanup();
		await Promise.all([currents, openlayer, chat, github, openai, qase].map((f) => f?.close()));
		await smtp.close();
		expect(log).not.toContain(CURRENTS_KEY);
		expect(log).not.toContain(GITHUB_TOKEN);
		expect(log).not.toContain(QASE_TOKEN);
	});

	test('Qase run completed → Slack message', async () => {
		const before = n8n.executions(wf.slack.id).length;
		const body = qaseEvents.find((e) => e.name === 'run.completed')!.sample;
		const res = await post(
			n8n.webhookUrl(webhookIdOf(wf.slack, 'Qase Trigger')),
			JSON.stringify(body),
			{ 'x-qase-secret': QASE_SECRET },
		);
		expect(res.status).toBe(200);
		expectReachedLastNode(await waitFor(wf.slack.id, before), 'Post to Slack');
		expect(chatTexts()).toEqual([
			expect.stringContaining('Qase run 2 in ID completed: 0/14 passed, 0 failed'),
		]);
	});

	test('Currents run finished with failures → GitHub issue listing the failed tests', async () => {
		github.requests.length = 0;
		const execution = await deliverCurrents(wf.github, failedRun('run-gh'));
		expectReachedLastNode(execution, 'Create GitHub Issue');
		expect(github.requests).toHaveLength(1);
		const issue = github.requests[0];
		const issueBody = issue.body as { title: string; body: string };
		expect(issue.path).toBe('/repos/acme/shop/issues');
		expect(issueBody.title).toBe('Currents: 2 failed test(s) on feature-A');
		expect(issueBody.body).toContain(
			'**Login > rejects a wrong password** (e2e/login.spec.ts, 2 attempt(s)): expected 401 to equal 403',
		);
		expect(issueBody.body).toContain('**Cart > adds an item**');
		expect(execution.nodes['Create GitHub Issue'].items[0]).toMatchObject({
			number: 1,
			html_url: 'https://github.com/acme/shop/issues/1',
		});
	});

	test('Openlayer tests failing → email', async () => {
		openlayer.addRun({ projectVersionId: VERSION, failing: 2, passing: 3 });
		const body = resultsDelivery(VERSION, { passing: 3, failing: 2 });
		const before = n8n.executions(wf.email.id).length;
		const res = await deliverOpenlayer(
			n8n.webhookUrl(webhookIdOf(wf.email, 'Openlayer Trigger')),
			body,
			`msg_ex_${Date.now()}`,
		);
		expect(res.status).toBe(200);
		expectReachedLastNode(await waitFor(wf.email.id, before), 'Send Email');
		expect(n8n.executions(wf.email.id)).toHaveLength(before + 1);
		expect(smtp.messages).toHaveLength(1);
		expect(smtp.messages[0].to).toEqual(['<qa-team@example.com>']);
		expect(smtp.messages[0].data).toContain('Openlayer: 2 failing test(s)');
		expect(smtp.messages[0].data).toContain('2 of 5 tests failed');
	});

	test('all three triggers → Test Run Summary → one channel', async () => {
		let before = n8n.executions(wf.all.id).length;
		const qase = qaseEvents.find((e) => e.name === 'run.aborted')!.sample;
		expect(
			(
				await post(n8n.webhookUrl(webhookIdOf(wf.all, 'Qase Trigger')), JSON.stringify(qase), {
					'x-qase-secret': QASE_SECRET,
				})
			).status,
		).toBe(200);
		expectReachedLastNode(await waitFor(wf.all.id, before), 'Post to Channel');

		expectReachedLastNode(await deliverCurrents(wf.all, failedRun('run-all')), 'Post to Channel');

		openlayer.addRun({ projectVersionId: VERSION, failing: 1, passing: 4 });
		const body = resultsDelivery(VERSION, { passing: 4, failing: 1 });
		before = n8n.executions(wf.all.id).length;
		expect(
			(
				await deliverOpenlayer(
					n8n.webhookUrl(webhookIdOf(wf.all, 'Openlayer Trigger')),
					body,
					`msg_all_${Date.now()}`,
				)
			).status,
		).toBe(200);
		expectReachedLastNode(await waitFor(wf.all.id, before), 'Post to Channel');

		const texts = chatTexts();
		expect(texts).toHaveLength(3);
		expect(texts[0]).toMatch(/^\[qase\] run\.aborted: aborted/);
		expect(texts[1]).toMatch(
			/^\[currents\] RUN_FINISH: failed \(3\/5 passed, 2 failed\) project proj_alpha on feature-A https:\/\/app\.currents\.dev\/run\/run-all/,
		);
		expect(texts[1]).toContain('• Login > rejects a wrong password: expected 401 to equal 403');
		expect(texts[2]).toMatch(
			/^\[openlayer\] tests\.result\.updated: failed \(4\/5 passed, 1 failed\)/,
		);
	});

	test('AI Agent triages a failed run (OpenAI-compatible fake), Currents Webhooks offered as a tool', async () => {
		openai.requests.length = 0;
		const execution = await deliverCurrents(wf.agent, failedRun('run-ai'));
		expectReachedLastNode(execution, 'Post Triage');
		const completion = openai.requests.find((r) => /chat\/completions$/.test(r.path));
		expect(completion).toBeDefined();
		const request = completion!.body as Record<string, unknown>;
		const prompt = JSON.stringify(request.messages);
		expect(prompt).toContain(
			'Login > rejects a wrong password in e2e/login.spec.ts: expected 401 to equal 403',
		);
		// The Currents Webhooks node is offered to the model as a tool.
		expect(JSON.stringify(request.tools ?? request.functions ?? [])).toMatch(
			/List_Currents_Webhooks|List Currents Webhooks/,
		);
		expect(chatTexts()).toEqual([expect.stringContaining('Triage: 1 product bug (login)')]);
	});
	test('Currents run finished → Qase run for the build, its results in one bulk request, completed', async () => {
		qase.requests.length = 0;
		const execution = await deliverCurrents(wf.qase, failedRun('run-qase'));
		expectReachedLastNode(execution, 'Complete Qase Run');
		const [run] = qase.list('run', 'DEMO');
		expect(run).toMatchObject({
			title: 'Currents build demo-build-cdx3314',
			description: '3 of 5 tests passed, 2 failed. https://app.currents.dev/run/run-qase',
			is_autotest: true,
			status_text: 'complete',
		});
		expect(qase.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /run/DEMO',
			`POST /result/DEMO/${run.id}/bulk`,
			`POST /run/DEMO/${run.id}/complete`,
		]);
		const bulk = qase.requests[1].body as { results: Array<Record<string, unknown>> };
		expect(bulk.results).toEqual([
			expect.objectContaining({
				status: 'failed',
				case: { title: 'Login > rejects a wrong password' },
				stacktrace: 'expected 401 to equal 403',
			}),
			expect.objectContaining({
				status: 'failed',
				case: { title: 'Cart > adds an item' },
				stacktrace: 'element not found',
			}),
			expect.objectContaining({
				status: 'passed',
				case: { title: 'Passed tests' },
				comment: '3 of 5 test(s) passed',
			}),
		]);
		expect(qase.resultsOf('DEMO', run.id as number).map((r) => r.status)).toEqual([
			'failed',
			'failed',
			'passed',
		]);
	});
});
