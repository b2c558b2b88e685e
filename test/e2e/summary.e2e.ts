/**
 * Test Run Summary, Currents Attach Failed Tests and Include Headers in a real n8n (the package
 * installed from its tarball, workflows imported and activated with n8n's CLI, real HTTP
 * deliveries, executions read back from n8n's database), with the Currents and Openlayer APIs
 * played by the local fakes and their fault injection (404, 429 with Retry-After, timeout).
 */
import { randomBytes } from 'node:crypto';

import { currentsEvents } from '../../nodes/Currents/catalog';
import { qaseEvents } from '../../nodes/Qase/catalog';
import { summarySchema } from '../../nodes/shared/summary';
import { outputSchemas as currentsSchemas } from '../../nodes/CurrentsTrigger/outputSchemas';
import { outputSchemas as openlayerSchemas } from '../../nodes/OpenlayerTrigger/outputSchemas';
import { outputSchemas as qaseSchemas } from '../../nodes/QaseTrigger/outputSchemas';
import { createCurrentsFake, type CurrentsFake } from '../fakes/currents-api';
import { createOpenlayerFake, type OpenlayerFake } from '../fakes/openlayer-api';
import { sendDelivery } from '../fakes/openlayer-sender';
import {
	post,
	prepareN8n,
	triggerWorkflow,
	type ExecutionRecord,
	type N8nInstance,
} from './harness';
import { resultsDelivery } from '../helpers/openlayer';

const CURRENTS_KEY = randomBytes(12).toString('hex');
const OPENLAYER_KEY = randomBytes(12).toString('hex');
const OL_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const CRED_CUR = { id: 'credSumCurApi001', name: 'Currents fake API' };
const CRED_OL_SIGN = { id: 'credSumOlSign001', name: 'Openlayer signing' };
const CRED_OL_API = { id: 'credSumOlApi0001', name: 'Openlayer fake API' };

const WF_CUR_ATTACH = 'wfSumCurAttach1'; // Currents, delivery output, failed tests attached
const WF_CUR_SUMMARY = 'wfSumCurSumm001'; // Currents, summary output, failed tests attached, headers
const WF_QASE = 'wfSumQase000001';
const WF_OL = 'wfSumOpenlayer01';
const CUR = 'Currents Trigger';

const VERSION = '0b5c2d9e-1111-4aaa-8bbb-00000000a001';

const currentsBody = (runId: string, event: string, failures: number) => ({
	...structuredClone(currentsEvents[1].sample),
	event,
	runUrl: `https://app.currents.dev/run/${runId}`,
	overall: 4,
	passes: 4 - failures,
	failures,
});

describe('Test Run Summary and Currents failed tests in real n8n', () => {
	let currents: CurrentsFake;
	let openlayer: OpenlayerFake;
	let n8n: N8nInstance;
	const url = (id: string) => n8n.webhookUrl(id);

	const secretFor = (hookUrl: string) => {
		const hook = currents.hooks.find((h) => h.url === hookUrl);
		if (!hook) throw new Error(`no Currents hook registered for ${hookUrl}`);
		return JSON.parse(hook.headers ?? '{}')['x-webhook-secret'] as string;
	};

	async function deliverCurrents(
		webhookId: string,
		workflowId: string,
		body: object,
		extraHeaders: Record<string, string> = {},
	): Promise<ExecutionRecord> {
		const before = n8n.executions(workflowId).length;
		const res = await post(url(webhookId), JSON.stringify(body), {
			'x-webhook-secret': secretFor(url(webhookId)),
			'x-timestamp': String(Date.now()),
			...extraHeaders,
		});
		expect(res.status).toBe(200);
		return (await n8n.waitForExecutions(workflowId, before + 1, 60000))[before];
	}

	function seedRun(runId: string) {
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
						{ title: ['Login', 'accepts a user'], state: 'passed' },
					],
				},
				{
					spec: 'e2e/cart.spec.ts',
					tests: [{ title: ['Cart', 'adds an item'], state: 'failed', error: 'element not found' }],
				},
			],
		});
	}

	beforeAll(async () => {
		currents = createCurrentsFake({ apiKeys: [CURRENTS_KEY] });
		openlayer = createOpenlayerFake({ apiKeys: [OPENLAYER_KEY] });
		const currentsUrl = await currents.listen();
		const openlayerUrl = await openlayer.listen();
		const currentsNode = (id: string, webhookId: string, parameters: Record<string, unknown>) =>
			triggerWorkflow({
				id,
				name: id,
				nodeType: 'n8n-nodes-testops.currentsTrigger',
				nodeName: CUR,
				webhookId,
				parameters: {
					setupMode: 'automatic',
					project: { __rl: true, mode: 'id', value: 'proj_alpha' },
					events: ['RUN_START', 'RUN_FINISH', 'RUN_TIMEOUT', 'RUN_CANCELED'],
					attachFailedTests: true,
					...parameters,
				},
				credentials: { currentsTestOpsApi: CRED_CUR },
			});
		n8n = await prepareN8n({
			credentials: [
				{
					...CRED_CUR,
					type: 'currentsTestOpsApi',
					data: { apiKey: CURRENTS_KEY, baseUrl: currentsUrl },
				},
				{
					...CRED_OL_SIGN,
					type: 'openlayerSigningSecretApi',
					data: { secret: OL_SECRET, previousSecret: '' },
				},
				{
					...CRED_OL_API,
					type: 'openlayerTestOpsApi',
					data: { apiKey: OPENLAYER_KEY, baseUrl: openlayerUrl },
				},
			],
			workflows: [
				currentsNode(WF_CUR_ATTACH, 'sum-cur-attach', { options: {} }),
				currentsNode(WF_CUR_SUMMARY, 'sum-cur-summary', {
					output: 'summary',
					// Only harmless headers show by default; x-ci-job is named to show.
					options: { includeHeaders: true, headersToShow: 'x-ci-job' },
				}),
				triggerWorkflow({
					id: WF_QASE,
					name: 'Qase summary',
					nodeType: 'n8n-nodes-testops.qaseTrigger',
					nodeName: 'Qase Trigger',
					webhookId: 'sum-qase',
					parameters: {
						resource: 'all',
						events: ['*'],
						output: 'summary',
						options: { includeHeaders: true },
					},
				}),
				// Version 1.1 (Output named `operation`), the others version 1 as saved by 0.1.
				triggerWorkflow({
					id: WF_OL,
					name: 'Openlayer summary',
					nodeType: 'n8n-nodes-testops.openlayerTrigger',
					nodeName: 'Openlayer Trigger',
					webhookId: 'sum-openlayer',
					typeVersion: 1.1,
					parameters: {
						events: ['*'],
						operation: 'summary',
						attachFailingTests: true,
						options: { includeHeaders: true },
					},
					credentials: {
						openlayerSigningSecretApi: CRED_OL_SIGN,
						openlayerTestOpsApi: CRED_OL_API,
					},
				}),
			],
			activate: [WF_CUR_ATTACH, WF_CUR_SUMMARY, WF_QASE, WF_OL],
		});
		await n8n.start();
	});

	beforeEach(() => {
		currents.clearFaults();
		currents.requests.length = 0;
	});

	afterAll(async () => {
		await n8n?.stop();
		const log = n8n?.log() ?? '';
		n8n?.cleanup();
		await currents?.close();
		await openlayer?.close();
		expect(log).not.toContain(CURRENTS_KEY);
		expect(log).not.toContain(OPENLAYER_KEY);
	});

	test('Currents failed tests are attached inside the execution', async () => {
		seedRun('run-ok');
		const execution = await deliverCurrents(
			'sum-cur-attach',
			WF_CUR_ATTACH,
			currentsBody('run-ok', 'RUN_FINISH', 2),
		);
		expect(execution.status).toBe('success');
		const item = execution.nodes[CUR].items[0];
		expect(item.failedTestsTruncated).toBe(false);
		expect(item.failedTests).toEqual([
			expect.objectContaining({
				spec: 'e2e/login.spec.ts',
				title: 'Login > rejects a wrong password',
				errorMessage: 'expected 401 to equal 403',
				attempts: 2,
				url: 'https://app.currents.dev/instance/run-ok-inst-0/test/t0_0',
			}),
			expect.objectContaining({
				spec: 'e2e/cart.spec.ts',
				title: 'Cart > adds an item',
				errorMessage: 'element not found',
				attempts: 1,
			}),
		]);
		expect(item.testopsDelivery).toBeUndefined();
	});

	test('faults: 404 and a long 429 become failedTestsError; a short 429 is waited out; a timeout is reported', async () => {
		let execution = await deliverCurrents(
			'sum-cur-attach',
			WF_CUR_ATTACH,
			currentsBody('no-such-run', 'RUN_TIMEOUT', 1),
		);
		expect(execution.status).toBe('success');
		expect(execution.nodes[CUR].items[0].failedTestsError).toEqual({
			status: 404,
			message: 'Currents API error (HTTP 404): Run not found',
		});

		seedRun('run-429');
		currents.addFault({
			path: '^/runs/',
			status: 429,
			headers: { 'retry-after': '1' },
			body: { message: 'Rate limited' },
			times: 1,
		});
		execution = await deliverCurrents(
			'sum-cur-attach',
			WF_CUR_ATTACH,
			currentsBody('run-429', 'RUN_FINISH', 2),
		);
		expect(execution.nodes[CUR].items[0].failedTests).toHaveLength(2);

		currents.addFault({
			path: '^/runs/',
			status: 429,
			headers: { 'retry-after': '120' },
			body: { message: 'Rate limited' },
		});
		execution = await deliverCurrents(
			'sum-cur-attach',
			WF_CUR_ATTACH,
			currentsBody('run-429', 'RUN_FINISH', 2),
		);
		expect(execution.status).toBe('success');
		expect(execution.nodes[CUR].items[0].failedTestsError).toEqual({
			status: 429,
			message: 'Currents API error (HTTP 429): Rate limited',
		});
		currents.clearFaults();

		// The lookup waits 10 s per request at most; Currents got its 200 long before.
		currents.addFault({ path: '^/runs/', delayMs: 12000, times: 1 });
		const t0 = Date.now();
		const before = n8n.executions(WF_CUR_ATTACH).length;
		const res = await post(
			url('sum-cur-attach'),
			JSON.stringify(currentsBody('run-429', 'RUN_FINISH', 2)),
			{
				'x-webhook-secret': secretFor(url('sum-cur-attach')),
				'x-timestamp': String(Date.now()),
			},
		);
		expect(res.status).toBe(200);
		expect(Date.now() - t0).toBeLessThan(5000);
		execution = (await n8n.waitForExecutions(WF_CUR_ATTACH, before + 1, 60000))[before];
		expect(execution.status).toBe('success');
		expect(execution.nodes[CUR].items[0].failedTestsError).toEqual({
			status: null,
			message: expect.stringMatching(/timed out/i),
		});
	});

	test('Currents summary with failures, redacted headers', async () => {
		seedRun('run-sum');
		const execution = await deliverCurrents(
			'sum-cur-summary',
			WF_CUR_SUMMARY,
			currentsBody('run-sum', 'RUN_FINISH', 2),
			{ 'x-ci-job': 'nightly' },
		);
		const item = execution.nodes[CUR].items[0];
		const { headers, ...summary } = item;
		expect(() => summarySchema().parse(summary)).not.toThrow();
		expect(summary).toMatchObject({
			source: 'currents',
			event: 'RUN_FINISH',
			status: 'failed',
			total: 4,
			failed: 2,
			project: 'proj_alpha',
			runId: 'run-sum',
			url: 'https://app.currents.dev/run/run-sum',
			failuresTruncated: false,
			failuresError: null,
		});
		expect(summary.failures).toEqual([
			{
				title: 'Login > rejects a wrong password',
				file: 'e2e/login.spec.ts',
				message: 'expected 401 to equal 403',
				url: 'https://app.currents.dev/instance/run-sum-inst-0/test/t0_0',
			},
			{
				title: 'Cart > adds an item',
				file: 'e2e/cart.spec.ts',
				message: 'element not found',
				url: 'https://app.currents.dev/instance/run-sum-inst-1/test/t1_0',
			},
		]);
		expect(headers).toMatchObject({ 'x-webhook-secret': '[redacted]', 'x-ci-job': 'nightly' });
		expect(execution.raw).not.toContain(secretFor(url('sum-cur-summary')));

		const started = await deliverCurrents(
			'sum-cur-summary',
			WF_CUR_SUMMARY,
			currentsBody('run-sum', 'RUN_START', 0),
		);
		expect(started.nodes[CUR].items[0]).toMatchObject({ status: 'running', failures: [] });
	});

	test('Qase summary items, other events unchanged', async () => {
		const completed = qaseEvents.find((e) => e.name === 'run.completed')!.sample;
		let before = n8n.executions(WF_QASE).length;
		expect(
			(await post(url('sum-qase'), JSON.stringify(completed), { 'x-qase-secret': 'anything' }))
				.status,
		).toBe(200);
		let execution = (await n8n.waitForExecutions(WF_QASE, before + 1))[before];
		const { headers, ...summary } = execution.nodes['Qase Trigger'].items[0];
		expect(() => summarySchema().parse(summary)).not.toThrow();
		expect(summary).toMatchObject({
			source: 'qase',
			event: 'run.completed',
			status: 'passed',
			project: 'ID',
		});
		expect(summary.raw).toEqual(completed);
		expect((headers as Record<string, string>)['x-qase-secret']).toBe('[redacted]');

		before = n8n.executions(WF_QASE).length;
		await post(
			url('sum-qase'),
			JSON.stringify(qaseEvents.find((e) => e.name === 'case.deleted')!.sample),
		);
		execution = (await n8n.waitForExecutions(WF_QASE, before + 1))[before];
		expect(execution.nodes['Qase Trigger'].items[0]).toMatchObject({ event: 'case.deleted' });
		expect(execution.nodes['Qase Trigger'].items[0].source).toBeUndefined();
	});

	test('Openlayer summary items with the failing tests as failures', async () => {
		openlayer.addRun({ projectVersionId: VERSION, failing: 2, passing: 3 });
		const body = resultsDelivery(VERSION, { passing: 3, failing: 2 });
		const before = n8n.executions(WF_OL).length;
		const res = await sendDelivery(url('sum-openlayer'), {
			secret: OL_SECRET,
			body,
			id: `msg_sum_${Date.now()}`,
		});
		expect(res.status).toBe(200);
		const execution = (await n8n.waitForExecutions(WF_OL, before + 1))[before];
		const { headers, ...summary } = execution.nodes['Openlayer Trigger'].items[0];
		expect(() => summarySchema().parse(summary)).not.toThrow();
		expect(summary).toMatchObject({
			source: 'openlayer',
			status: 'failed',
			total: 5,
			failed: 2,
			runId: VERSION,
			failuresTruncated: false,
		});
		expect(summary.failures).toHaveLength(2);
		expect((summary.failures as unknown[])[0]).toEqual({
			title: expect.any(String),
			file: null,
			message: expect.any(String),
			url: null,
		});
		expect((headers as Record<string, string>)['webhook-signature']).toBe('[redacted]');
	});

	test('the editor previews Test Run Summary of version 1.1 from __schema__, as built', async () => {
		type Served = { properties: Record<string, { enum?: unknown[]; type?: string }> };
		const get = async (type: string, file: string): Promise<Served> => {
			// The editor GETs /schemas/<type>/<x.y.z>[/<resource>][/<operation>].json.
			const res = await fetch(`${n8n.baseUrl}/schemas/n8n-nodes-testops.${type}/${file}`);
			expect([type, file, res.status]).toEqual([type, file, 200]);
			return (await res.json()) as Served;
		};
		for (const [type, files] of [
			['qaseTrigger', qaseSchemas()],
			['currentsTrigger', currentsSchemas()],
			['openlayerTrigger', openlayerSchemas()],
		] as const) {
			for (const { file, schema } of files) {
				expect([type, file, await get(type, file.slice(1))]).toEqual([
					type,
					file,
					JSON.parse(JSON.stringify(schema)),
				]);
			}
		}
		const summaryFields = Object.keys(summarySchema().shape);
		for (const [type, file, source] of [
			['qaseTrigger', '1.1.0/run/summary.json', 'qase'],
			['currentsTrigger', '1.1.0/delivery/summary.json', 'currents'],
			['openlayerTrigger', '1.1.0/delivery/summary.json', 'openlayer'],
		]) {
			const { properties } = await get(type, file);
			expect(Object.keys(properties)).toEqual(expect.arrayContaining(summaryFields));
			expect(properties.source.enum).toEqual([source]);
		}
	});
});
