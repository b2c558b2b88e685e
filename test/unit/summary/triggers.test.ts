/**
 * The three triggers end to end in-process (webhook() then execute(), as n8n runs them): the
 * Output choice "Test Run Summary", other events keeping their usual output, saved workflows
 * without the new parameters keeping today's output, and "Include Headers" with redaction.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { Webhook } from 'standardwebhooks';

import { currentsEvents } from '../../../nodes/Currents/catalog';
import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { openlayerEvents } from '../../../nodes/Openlayer/catalog';
import { OpenlayerTrigger } from '../../../nodes/OpenlayerTrigger/OpenlayerTrigger.node';
import { qaseEvents } from '../../../nodes/Qase/catalog';
import { QaseTrigger } from '../../../nodes/QaseTrigger/QaseTrigger.node';
import { REDACTED } from '../../../nodes/shared/redact';
import { summarySchema } from '../../../nodes/shared/summary';
import { makeContext } from '../../helpers/context';

const sampleOf = (
	events: readonly { name: string; sample: Record<string, unknown> }[],
	name: string,
) => structuredClone(events.find((e) => e.name === name)!.sample) as IDataObject;

/** webhook() then, if it accepted, execute() on its items: what the workflow's next node gets. */
async function run(
	node: Pick<CurrentsTrigger | QaseTrigger | OpenlayerTrigger, 'webhook' | 'execute'>,
	opts: {
		params: Record<string, unknown>;
		headers: Record<string, string>;
		body: string;
		credentials?: Record<string, IDataObject>;
		staticData?: IDataObject;
		typeVersion?: number;
	},
): Promise<IDataObject[] | undefined> {
	const hook = makeContext({
		...opts,
		headers: { 'content-type': 'application/json', ...opts.headers },
		rawBody: opts.body,
	});
	const res = await node.webhook.call(hook.webhook);
	const items = res.workflowData?.[0] as INodeExecutionData[] | undefined;
	if (!items) return undefined;
	const exec = makeContext({ ...opts, items, staticData: opts.staticData });
	const [out] = (await node.execute.call(exec.execute)) as INodeExecutionData[][];
	for (const item of out) expect(Object.keys(item)).toEqual(['json', 'pairedItem']);
	return out.map((i) => i.json);
}

/**
 * The Output parameter by node version: version 1 (saved workflows) reads `output`, 1.1 (new nodes)
 * `operation`; each ignores the other name.
 */
const byVersion: Array<[number, Record<string, unknown>, boolean]> = [
	[1, { output: 'summary' }, true],
	[1.1, { operation: 'summary' }, true],
	[1, { operation: 'summary' }, false],
	[1.1, { output: 'summary' }, false],
];
const byVersionTitle = 'version %s with %j: summary %s';

describe('Qase Trigger', () => {
	const node = new QaseTrigger();
	const deliver = (
		event: string,
		params: Record<string, unknown>,
		headers: Record<string, string> = {},
		typeVersion?: number,
	) =>
		run(node, {
			params: { resource: 'all', events: ['*'], resolveRecord: false, ...params },
			headers,
			typeVersion,
			body: JSON.stringify(sampleOf(qaseEvents, event)),
		});

	test('summary for run events, the raw envelope kept', async () => {
		const [item] = (await deliver('run.completed', { output: 'summary' }))!;
		expect(summarySchema().parse(item)).toBeTruthy();
		expect(item).toMatchObject({
			source: 'qase',
			event: 'run.completed',
			status: 'passed',
			project: 'ID',
			total: 14,
		});
		expect(item.raw).toEqual(sampleOf(qaseEvents, 'run.completed'));
		expect((await deliver('run.started', { output: 'summary' }))![0]).toMatchObject({
			status: 'running',
		});
		expect((await deliver('run.aborted', { output: 'summary' }))![0]).toMatchObject({
			status: 'aborted',
		});
	});

	test.each(byVersion)(byVersionTitle, async (typeVersion, params, summary) => {
		const [item] = (await deliver('run.completed', params, {}, typeVersion))!;
		expect(item.source).toBe(summary ? 'qase' : undefined);
		expect(item.event).toBe('run.completed');
		if (!summary) expect(item.cases).toBe(14);
	});

	test('other events keep Payload with Context in summary mode', async () => {
		const [item] = (await deliver('case.updated', { output: 'summary' }))!;
		expect(item).toMatchObject({ event: 'case.updated', project_code: expect.any(String) });
		expect(item.source).toBeUndefined();
	});

	test('a saved workflow without Output or Options keeps its payload', async () => {
		const [item] = (await run(node, {
			params: { resource: 'all', events: ['*'] },
			headers: {},
			body: JSON.stringify(sampleOf(qaseEvents, 'run.completed')),
		}))!;
		expect(item).toMatchObject({ event: 'run.completed', cases: 14 });
		expect(item.headers).toBeUndefined();
	});

	test('Include Headers adds the headers, X-Qase-Secret redacted, in both outputs', async () => {
		for (const output of ['payload', 'summary']) {
			const [item] = (await deliver(
				'run.completed',
				{ output, options: { includeHeaders: true } },
				{ 'x-qase-secret': 'do-not-leak', 'x-request-id': 'r-1' },
			))!;
			expect(item.headers).toEqual({
				'content-type': 'application/json',
				'x-qase-secret': REDACTED,
				'x-request-id': 'r-1',
			});
			expect(JSON.stringify(item)).not.toContain('do-not-leak');
		}
	});
});

describe('Currents Trigger', () => {
	const node = new CurrentsTrigger();
	const SECRET = randomBytes(12).toString('hex');
	// Currents stamps x-timestamp in ms; it must be recent (replay window), so take now, whole seconds.
	const SENT = Math.floor(Date.now() / 1000) * 1000;
	const deliver = (
		body: IDataObject,
		params: Record<string, unknown>,
		extraHeaders: Record<string, string> = {},
		typeVersion?: number,
	) =>
		run(node, {
			typeVersion,
			params: {
				setupMode: 'automatic',
				project: 'proj_alpha',
				events: ['RUN_START', 'RUN_FINISH', 'RUN_TIMEOUT', 'RUN_CANCELED'],
				options: {},
				...params,
			},
			staticData: { production: { hookId: 'h', secret: SECRET, projectId: 'proj_alpha' } },
			headers: { 'x-webhook-secret': SECRET, 'x-timestamp': String(SENT), ...extraHeaders },
			body: JSON.stringify(body),
		});

	test.each([
		['RUN_START', 0, 'running'],
		['RUN_FINISH', 0, 'passed'],
		['RUN_FINISH', 2, 'failed'],
		['RUN_TIMEOUT', 2, 'timed_out'],
		['RUN_CANCELED', 0, 'canceled'],
	])(
		'%s with %i failures → %s, project from the hook, occurredAt from x-timestamp',
		async (event, failures, status) => {
			const body = { ...sampleOf(currentsEvents, 'RUN_START'), event, failures };
			const [item] = (await deliver(body, { output: 'summary' }))!;
			expect(item).toMatchObject({
				source: 'currents',
				event,
				status,
				project: 'proj_alpha',
				occurredAt: new Date(SENT).toISOString(),
				runId: '950a13c3edf4f28b6e8ce301a404b4aa',
			});
			expect(item.raw).toEqual(body);
		},
	);

	test.each(byVersion)(byVersionTitle, async (typeVersion, params, summary) => {
		const body = sampleOf(currentsEvents, 'RUN_FINISH');
		const [item] = (await deliver(body, params, {}, typeVersion))!;
		expect(item).toEqual(
			summary ? expect.objectContaining({ source: 'currents', raw: body }) : body,
		);
	});

	test('without Output the payload is unchanged', async () => {
		const body = sampleOf(currentsEvents, 'RUN_FINISH');
		expect(await deliver(body, {})).toEqual([body]);
	});

	test('Include Headers redacts the secret header and anything named like a secret', async () => {
		const [item] = (await deliver(
			sampleOf(currentsEvents, 'RUN_FINISH'),
			{ options: { includeHeaders: true, headersToShow: 'x-ci' } },
			{ authorization: 'Bearer x', 'x-ci': 'gh', 'x-other': 'hidden' },
		))!;
		expect(item.headers).toMatchObject({
			'x-webhook-secret': REDACTED,
			authorization: REDACTED,
			'x-ci': 'gh',
			'x-other': REDACTED,
			'x-timestamp': String(SENT),
		});
		expect(JSON.stringify(item)).not.toContain(SECRET);
	});
});

describe('Openlayer Trigger', () => {
	const node = new OpenlayerTrigger();
	const secret = `whsec_${randomBytes(24).toString('base64')}`;
	const deliver = (body: IDataObject, params: Record<string, unknown>, typeVersion?: number) => {
		const raw = JSON.stringify(body);
		const id = `msg_${randomBytes(6).toString('hex')}`;
		const ts = new Date();
		const signature = new Webhook(secret).sign(id, ts, raw);
		return run(node, {
			typeVersion,
			params: {
				events: ['*'],
				attachFailingTests: false,
				options: { ignoreRetries: false },
				...params,
			},
			credentials: { openlayerSigningSecretApi: { secret, previousSecret: '' } },
			headers: {
				'webhook-id': id,
				'webhook-timestamp': String(Math.floor(ts.getTime() / 1000)),
				'webhook-signature': signature,
			},
			body: raw,
		});
	};

	test('summary for tests.result.updated; test.* events keep the envelope', async () => {
		const body = sampleOf(openlayerEvents, 'tests.result.updated');
		const [item] = (await deliver(body, { output: 'summary' }))!;
		expect(item).toMatchObject({
			source: 'openlayer',
			event: 'tests.result.updated',
			status: 'failed',
			failed: 1,
			failures: null,
		});
		expect((item.raw as { data: { tests: { projectId: string } } }).data.tests.projectId).toBe(
			(body as { data: { tests: { projectId: string } } }).data.tests.projectId,
		);
		const [other] = (await deliver(sampleOf(openlayerEvents, 'test.created'), {
			output: 'summary',
		}))!;
		expect(other.type).toBe('test.created');
	});

	test.each(byVersion)(byVersionTitle, async (typeVersion, params, summary) => {
		const body = sampleOf(openlayerEvents, 'tests.result.updated');
		const [item] = (await deliver(body, params, typeVersion))!;
		expect(item.source).toBe(summary ? 'openlayer' : undefined);
		expect(item.type).toBe(summary ? undefined : 'tests.result.updated');
	});

	test('Include Headers redacts the signature', async () => {
		const [item] = (await deliver(sampleOf(openlayerEvents, 'test.created'), {
			options: { ignoreRetries: false, includeHeaders: true },
		}))!;
		expect(item.headers).toMatchObject({
			'webhook-signature': REDACTED,
			'webhook-id': expect.stringMatching(/^msg_/),
		});
	});
});
