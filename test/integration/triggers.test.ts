/**
 * The execute() half of the Qase and Openlayer triggers through n8n-core's WorkflowExecute: the
 * item their webhook() emitted goes in, the Qase record lookup and the Openlayer failing-tests
 * lookup run with the engine's real helpers against the local fakes.
 */
import type { IDataObject } from 'n8n-workflow';

import { findQaseEvent } from '../../nodes/Qase/catalog';
import { payloadWithContext } from '../../nodes/Qase/receive';
import { openlayerEvents } from '../../nodes/Openlayer/catalog';
import { createOpenlayerFake } from '../fakes/openlayer-api';
import { UNAUTHENTICATED_LOOKUP } from '../../nodes/Qase/enrich';
import { createRedirector } from '../fakes/redirector';
import { createQaseFake } from '../fakes/qase-api';
import { useFake } from '../helpers/fakeApi';
import type { QaseDelivery, TestsResultEvent } from '../helpers/json';
import { runNode } from './engine';
import { shutdownN8nCore } from './shutdown';

afterAll(() => shutdownN8nCore());

describe('Qase Trigger: Resolve Full Record in n8n-core', () => {
	const TOKEN = 'integration-qase';
	const { fake, baseUrl } = useFake(() => createQaseFake({ tokens: [TOKEN] }), { path: '/v1' });

	const sample = structuredClone(findQaseEvent('case.updated')!.sample) as QaseDelivery;
	const run = (token: string, resolveRecord = true, base = baseUrl(), authenticated = true) =>
		runNode({
			type: 'qaseTrigger',
			parameters: { resolveRecord, output: 'payload', events: ['*'] },
			credentials: {
				qaseTestOpsApi: { id: 'cred-qase', name: 'Qase', data: { apiToken: token, baseUrl: base } },
				...(authenticated
					? {
							qaseWebhookSecretApi: {
								id: 'cred-qase-secret',
								name: 'Qase secret',
								data: { secret: 'integration-qase-webhook-secret' },
							},
						}
					: {}),
			},
			input: [{ json: payloadWithContext(sample) }],
			mode: 'webhook',
		});

	test('the record is fetched with the Token header and attached to the item', async () => {
		const { run: execution, items } = await run(TOKEN);
		expect(execution.status).toBe('success');
		expect(fake().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v1/case/ID/${sample.payload.id}`,
		]);
		expect(fake().requests[0].headers.token).toBe(TOKEN);
		const record = fake().getRecord('case', 'ID', sample.payload.id as number);
		expect(record).toBeDefined();
		expect(items).toEqual([
			{ json: { ...payloadWithContext(sample), record }, pairedItem: { item: 0 } },
		]);
	});

	test('without the option the item passes through and Qase is not called', async () => {
		const { items } = await run(TOKEN, false);
		expect(items).toEqual([{ json: payloadWithContext(sample), pairedItem: { item: 0 } }]);
		expect(fake().requests).toHaveLength(0);
	});

	test('a refused token: the execution still succeeds with record_error, and the token is nowhere in it', async () => {
		const { run: execution, items } = await run('refused-token-value');
		expect(execution.status).toBe('success');
		expect(items[0].json).toMatchObject({ record: null, record_error: { status: 401 } });
		expect(JSON.stringify(execution.data)).not.toContain('refused-token-value');
	});

	test('issue 22 item 1: without a webhook secret no record is looked up, and record_error says why', async () => {
		const { run: execution, items } = await run(TOKEN, true, baseUrl(), false);
		expect(execution.status).toBe('success');
		expect(fake().requests).toHaveLength(0);
		expect(items[0].json).toMatchObject({
			record: null,
			record_error: { status: null, message: UNAUTHENTICATED_LOOKUP },
		});
	});

	test('issue 22 item 7: the token quoted back in a vendor error is not stored in the run data', async () => {
		const quoting = 'qase-live-0123456789abcdef0123';
		fake().addFault({
			path: '^/v1/case/',
			status: 401,
			body: { status: false, errorMessage: `Token ${quoting.slice(0, 18)}… is expired` },
		});
		const { run: execution, items } = await run(quoting);
		expect(execution.status).toBe('success');
		expect(items[0].json.record_error).toEqual({
			status: 401,
			message: 'Qase API error (HTTP 401): Token [redacted]… is expired',
		});
		expect(JSON.stringify(execution.data)).not.toContain(quoting.slice(0, 8));
	});

	describe.each([301, 302, 307, 308])(
		'issue 22 item 3: a Base URL answering %i to another origin',
		(status) => {
			const { fake: redirector, baseUrl: redirectUrl } = useFake(() =>
				createRedirector({ status }),
			);

			test('is an API error naming the status; the token never reaches the other origin', async () => {
				const { run: execution, items } = await run(TOKEN, true, `${redirectUrl()}/v1`);
				expect(execution.status).toBe('success');
				expect(redirector().redirected).toHaveLength(1);
				expect(redirector().received).toHaveLength(0);
				expect(items[0].json.record).toBeNull();
				expect(items[0].json.record_error).toEqual({
					status,
					message: expect.stringContaining(
						`Qase API error (HTTP ${status}): The API answered with a redirect (HTTP ${status}), which is not followed`,
					),
				});
			});
		},
	);
});

describe('Openlayer Trigger: Attach Failing Tests in n8n-core', () => {
	const KEY = 'integration-openlayer';
	const { fake, baseUrl } = useFake(() => createOpenlayerFake({ apiKeys: [KEY] }));

	const resultsEvent = (projectVersionId: string, failing: number) => {
		const sample = structuredClone(
			openlayerEvents.find((e) => e.name === 'tests.result.updated')!.sample,
		) as TestsResultEvent;
		sample.data.tests = {
			...sample.data.tests,
			projectVersionId,
			inferencePipelineId: null,
			failing,
			status: 'failing',
		};
		return sample;
	};
	const run = (event: TestsResultEvent) =>
		runNode({
			type: 'openlayerTrigger',
			parameters: {
				events: ['tests.result.updated'],
				attachFailingTests: true,
				options: { ignoreRetries: false },
			},
			credentials: {
				openlayerSigningSecretApi: {
					id: 'cred-ol-sign',
					name: 'Signing',
					data: { secret: 'unused', previousSecret: '' },
				},
				openlayerTestOpsApi: {
					id: 'cred-ol-api',
					name: 'Openlayer',
					data: { apiKey: KEY, baseUrl: baseUrl() },
				},
			},
			input: [{ json: event as unknown as IDataObject }],
			mode: 'webhook',
		});

	test('the failing results of the run are attached, every page of them', async () => {
		const all = fake().addRun({
			projectVersionId: 'a1b2c3d4-0000-4000-8000-0000000000aa',
			failing: 230,
			passing: 4,
		});
		const { run: execution, items } = await run(
			resultsEvent('a1b2c3d4-0000-4000-8000-0000000000aa', 230),
		);
		expect(execution.status).toBe('success');
		expect(fake().requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
		expect(fake().requests.length).toBeGreaterThan(1);
		const failing = all.filter((r) => r.status === 'failing').map((r) => r.id);
		expect((items[0].json.failingTests as Array<{ id: string }>).map((r) => r.id)).toEqual(failing);
		expect(items[0].json.failingTestsTruncated).toBe(false);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});
