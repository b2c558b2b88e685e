/**
 * The Qase TestOps action node in a real n8n: the package installed from its tarball, workflows
 * run with n8n's CLI, executions read back from n8n's database, and the Qase API played by the
 * local fake (test/fakes/qase-api.js), whose state is what the assertions read.
 */
import { randomBytes } from 'node:crypto';

import { createOpenAiFake } from '../fakes/example-sinks';
import type { FakeServer } from '../fakes/currents-api';
import { createQaseFake, type QaseFake } from '../fakes/qase-api';
import { prepareN8n, type N8nInstance } from './harness';

// Fresh per run, so the secret scans below look for a value that exists nowhere else.
const TOKEN = randomBytes(12).toString('hex');
const CRED = { id: 'credQaseNodeApi1', name: 'Qase fake API' };
const WF_ALL = 'wfQaseNodeAll001';
const WF_BAD = 'wfQaseNodeBad001';
const ID = { __rl: true, mode: 'id', value: 'ID' };
const WF_AI = 'wfQaseNodeAgent1';
const CRED_AI = { id: 'credQaseNodeAi01', name: 'OpenAI fake' };

/** An AI Agent offered the node as a tool (n8n derives `qaseTestOpsTool` from usableAsTool). */
const agentWorkflow = {
	id: WF_AI,
	name: 'Qase node as an AI tool',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'manual-id',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [-200, 0],
			parameters: {},
		},
		{
			id: 'agent-id',
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 2.2,
			position: [0, 0],
			parameters: {
				promptType: 'define',
				text: 'Which Qase test runs of project ID are still in progress?',
				options: {},
			},
		},
		{
			id: 'model-id',
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [0, 200],
			parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
			credentials: { openAiApi: CRED_AI },
		},
		{
			id: 'tool-id',
			name: 'Get Qase Runs',
			type: 'n8n-nodes-testops.qaseTestOpsTool',
			typeVersion: 1,
			position: [200, 200],
			parameters: {
				resource: 'run',
				operation: 'getMany',
				project: ID,
				returnAll: true,
			},
			credentials: { qaseTestOpsApi: CRED },
		},
	],
	connections: {
		Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': {
			ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
		},
		'Get Qase Runs': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
	},
};

const runId = "={{ $('Create Run').item.json.id }}";
const defectId = "={{ $('Create Defect').item.json.id }}";

function qase(name: string, x: number, parameters: Record<string, unknown>) {
	return {
		id: `${name.replace(/\W/g, '-')}-id`,
		name,
		type: 'n8n-nodes-testops.qaseTestOps',
		typeVersion: 1,
		position: [x, 0],
		parameters: { project: ID, ...parameters },
		credentials: { qaseTestOpsApi: CRED },
	};
}

function chain(names: string[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < names.length - 1; i++)
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return connections;
}

const start = {
	id: 'manual-id',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [-200, 0],
	parameters: {},
};

/** Every operation of the node, in one chain, each reading what an earlier one output. */
const allOperations = [
	start,
	qase('Create Run', 0, {
		resource: 'run',
		operation: 'create',
		title: 'Build 42',
		casesFrom: 'cases',
		caseIds: '1610, 1611',
		additionalFields: { isAutotest: true, tags: 'ci', environmentSlug: 'staging' },
	}),
	qase('Get Run', 100, { resource: 'run', operation: 'get', runId }),
	qase('Get Cases', 200, {
		resource: 'case',
		operation: 'getMany',
		returnAll: true,
		filters: { search: 'Example test case' },
	}),
	qase('Record Results', 300, {
		resource: 'result',
		operation: 'createMany',
		runId,
		status: 'failed',
		caseBy: 'id',
		caseId: '={{ $json.id }}',
		additionalFields: { comment: '={{ "failed: " + $json.title }}', timeMs: 1500 },
	}),
	qase('Record One Result', 400, {
		resource: 'result',
		operation: 'create',
		runId,
		status: 'passed',
		caseBy: 'title',
		caseTitle: 'Cart > adds an item',
		additionalFields: {},
	}),
	qase('Create Defect', 500, {
		resource: 'defect',
		operation: 'create',
		title: 'Login accepts a wrong password',
		actualResult: 'HTTP 200 instead of 401',
		severity: 2,
		additionalFields: { tags: 'auth' },
	}),
	qase('Get Defect', 600, { resource: 'defect', operation: 'get', defectId }),
	qase('Defect In Progress', 700, {
		resource: 'defect',
		operation: 'updateStatus',
		defectId,
		status: 'in_progress',
	}),
	qase('Resolve Defect', 800, { resource: 'defect', operation: 'resolve', defectId }),
	qase('Resolved Defects', 900, {
		resource: 'defect',
		operation: 'getMany',
		returnAll: true,
		filters: { status: 'resolved' },
	}),
	qase('Complete Run', 1000, { resource: 'run', operation: 'complete', runId }),
	qase('Completed Runs', 1100, {
		resource: 'run',
		operation: 'getMany',
		returnAll: false,
		limit: 10,
		filters: { status: ['failed'] },
	}),
	qase('Get Case', 1200, { resource: 'case', operation: 'get', caseId: 1610 }),
	qase('Create Spare Run', 1300, { resource: 'run', operation: 'create', title: 'Spare' }),
	qase('Delete Spare Run', 1400, {
		resource: 'run',
		operation: 'delete',
		runId: '={{ $json.id }}',
	}),
];

describe('Qase TestOps node in real n8n', () => {
	let fake: QaseFake;
	let n8n: N8nInstance;
	let openai: FakeServer;

	beforeAll(async () => {
		fake = createQaseFake({ tokens: [TOKEN] });
		openai = createOpenAiFake({ reply: 'Run 1 is in progress.' });
		const [baseUrl, openaiUrl] = await Promise.all([fake.listen(), openai.listen()]);
		n8n = await prepareN8n({
			credentials: [
				{ ...CRED, type: 'qaseTestOpsApi', data: { apiToken: TOKEN, baseUrl } },
				{ ...CRED_AI, type: 'openAiApi', data: { apiKey: 'sk-e2e-local', url: `${openaiUrl}/v1` } },
			],
			workflows: [
				agentWorkflow,
				{
					id: WF_ALL,
					name: 'Qase node, every operation',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: allOperations,
					connections: chain(allOperations.map((n) => n.name)),
				},
				{
					id: WF_BAD,
					name: 'Qase node, bad input',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: [
						start,
						qase('Get Run', 0, { resource: 'run', operation: 'get', runId: '={{ "abc" }}' }),
					],
					connections: chain(['Start', 'Get Run']),
				},
			],
		});
		// A fresh n8n on a loaded 2-core machine can take minutes to start (the ui suite allows 8).
		await n8n.start({ timeoutMs: 480000 });
	}, 600000);

	afterAll(async () => {
		await n8n?.stop();
		const log = n8n?.log() ?? '';
		n8n?.cleanup();
		await Promise.all([fake?.close(), openai?.close()]);
		expect(log).not.toContain(TOKEN);
	});

	test('the editor previews each operation output from __schema__', async () => {
		const res = await fetch(
			`${n8n.baseUrl}/schemas/n8n-nodes-testops.qaseTestOps/1.0.0/run/get.json`,
		);
		expect(res.status).toBe(200);
		expect(Object.keys(((await res.json()) as { properties: object }).properties)).toEqual(
			expect.arrayContaining(['id', 'title', 'status_text', 'stats']),
		);
	});

	test('every operation runs through n8n and leaves its mark in the fake Qase', async () => {
		fake.requests.length = 0;
		await n8n.cli(['execute', `--id=${WF_ALL}`]);
		const execution = n8n.executions(WF_ALL).at(-1)!;
		expect({ status: execution.status, error: execution.error }).toEqual({
			status: 'success',
			error: undefined,
		});
		const out = (name: string) => execution.nodes[name].items;

		// Run: created with the documented fields, read back, completed.
		const run = out('Create Run')[0] as { id: number; project: string };
		expect(run).toEqual({ id: 3, project: 'ID' });
		expect(out('Get Run')[0]).toMatchObject({ id: 3, title: 'Build 42', cases: [1610, 1611] });
		const stored = fake.getRecord('run', 'ID', 3)!;
		expect(stored).toMatchObject({
			title: 'Build 42',
			is_autotest: true,
			tags: [{ title: 'ci', internal_id: 1 }],
			environment: { slug: 'staging', title: 'staging' },
			status: 1,
			status_text: 'complete',
		});
		expect(out('Complete Run')).toEqual([{ id: 3, project: 'ID', completed: true }]);

		// Result: two cases found -> ONE bulk request with two results, then one single result.
		expect(out('Get Cases').map((c) => c.id)).toEqual([1610, 1611]);
		const bulk = fake.requests.filter((r) => r.path === '/result/ID/3/bulk');
		expect(bulk).toHaveLength(1);
		expect(bulk[0].body).toEqual({
			results: [
				{ status: 'failed', case_id: 1610, comment: 'failed: Example test case', time_ms: 1500 },
				{
					status: 'failed',
					case_id: 1611,
					comment: 'failed: Example test case (clone)',
					time_ms: 1500,
				},
			],
		});
		expect(out('Record Results')).toEqual([{ project: 'ID', run_id: 3, results: 2 }]);
		const results = fake.resultsOf('ID', 3);
		expect(results.map((r) => [r.case_id, r.status])).toEqual([
			[1610, 'failed'],
			[1611, 'failed'],
			[1612, 'passed'],
		]);
		expect(fake.getRecord('case', 'ID', 1612)).toMatchObject({ title: 'Cart > adds an item' });
		expect(out('Record One Result')[0]).toMatchObject({ case_id: 1612, run_id: 3 });

		// Defect: created, read, moved to in progress, resolved, listed among resolved.
		expect(out('Create Defect')).toEqual([{ id: 2, project: 'ID' }]);
		expect(out('Get Defect')[0]).toMatchObject({ id: 2, severity: 'critical', status: 'open' });
		expect(out('Defect In Progress')).toEqual([{ id: 2, project: 'ID', status: 'in_progress' }]);
		expect(out('Resolve Defect')).toEqual([{ id: 2, project: 'ID', resolved: true }]);
		expect(out('Resolved Defects').map((d) => d.id)).toEqual([2]);
		expect(fake.getRecord('defect', 'ID', 2)).toMatchObject({
			title: 'Login accepts a wrong password',
			status: 'resolved',
		});

		// Run: Get Many with the status filter; Case: Get; Run: Delete.
		expect(out('Completed Runs').map((r) => r.id)).toEqual([3]);
		expect(out('Get Case')[0]).toMatchObject({ id: 1610, title: 'Example test case' });
		expect(out('Delete Spare Run')).toEqual([{ id: 4, project: 'ID', deleted: true }]);
		expect(fake.getRecord('run', 'ID', 4)).toBeUndefined();

		// Every request carried the token; no execution data holds it.
		expect(fake.requests.every((r) => r.headers.token === TOKEN)).toBe(true);
		expect(execution.raw).not.toContain(TOKEN);
	});

	test('a bad input fails before any request, with a message naming the field', async () => {
		const before = fake.requests.length;
		await expect(n8n.cli(['execute', `--id=${WF_BAD}`])).rejects.toThrow(
			'Run ID must be a positive whole number',
		);
		const execution = n8n.executions(WF_BAD).at(-1)!;
		expect(execution.status).toBe('error');
		expect(execution.error).toContain('Run ID must be a positive whole number, got "abc"');
		expect(fake.requests.length).toBe(before);
	});
	test('an AI Agent is offered the node as a tool (qaseTestOpsTool), described by its action', async () => {
		await n8n.cli(['execute', `--id=${WF_AI}`]);
		const execution = n8n.executions(WF_AI).at(-1)!;
		expect({ status: execution.status, error: execution.error }).toEqual({
			status: 'success',
			error: undefined,
		});
		expect(execution.nodes['AI Agent'].items[0]).toMatchObject({ output: 'Run 1 is in progress.' });
		const completion = openai.requests.find((r) => /chat\/completions$/.test(r.path));
		const tools = JSON.stringify(
			(completion?.body as { tools?: unknown } | undefined)?.tools ?? [],
		);
		expect(tools).toMatch(/Get_Qase_Runs|Get Qase Runs/);
		// n8n describes the tool by the operation's action ("Get many runs").
		expect(tools).toContain('Get many runs');
	});
});
