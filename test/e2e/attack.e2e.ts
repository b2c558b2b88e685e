/**
 * Attack and bad input in a real n8n, for every trigger: forged, unsigned, wrong-secret, tampered and
 * replayed deliveries get 401 (a reused Openlayer webhook-id the documented 200 skip) and start
 * nothing; malformed bodies get a clear 4xx (or n8n's own answer, asserted per line), n8n keeps
 * serving, and no secret reaches n8n's log, the executions or any response.
 *
 * n8n's body size limit is lowered to 1 MiB here (N8N_PAYLOAD_SIZE_MAX=1) so the oversized body
 * stays small.
 */
import { randomBytes } from 'node:crypto';

import { currentsEvents } from '../../nodes/Currents/catalog';
import { openlayerEvents } from '../../nodes/Openlayer/catalog';
import { findQaseEvent } from '../../nodes/Qase/catalog';
import { createCurrentsFake, type CurrentsFake } from '../fakes/currents-api';
import { sendDelivery, signDelivery } from '../fakes/openlayer-sender';
import {
	currentsAutoWorkflow,
	prepareN8n,
	settle,
	triggerWorkflow,
	type N8nInstance,
} from './harness';
import { publishedTypes } from './host';
import { figure, findSecrets, instanceTexts } from './reliability-kit';

const CURRENTS_KEY = `e2e-atk-currents-${randomBytes(6).toString('hex')}`;
const CURRENTS_MANUAL_SECRET = `e2e-atk-manual-${randomBytes(12).toString('hex')}`;
const OPENLAYER_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const QASE_SECRET = `e2e-atk-qase-${randomBytes(12).toString('hex')}`;
const PAYLOAD_LIMIT_MIB = 1;

const CRED_CURRENTS = { id: 'credAtkCurr0001', name: 'Currents fake API' };
const CRED_MANUAL = { id: 'credAtkManual001', name: 'Currents manual secret' };
const CRED_OPENLAYER = { id: 'credAtkOlSig0001', name: 'Openlayer signing secret' };
const CRED_QASE = { id: 'credAtkQase00001', name: 'Qase webhook secret' };

const WF = {
	currents: 'wfAtkCurrents001',
	currentsManual: 'wfAtkCurrManual1',
	openlayer: 'wfAtkOpenlayer01',
	qase: 'wfAtkQase0000001',
};
const NAMES: Record<keyof typeof WF, string> = {
	currents: 'Currents Trigger (automatic)',
	currentsManual: 'Currents Trigger (manual)',
	openlayer: 'Openlayer Trigger',
	qase: 'Qase Trigger',
};

const currentsBody = (extra: Record<string, unknown> = {}) =>
	JSON.stringify({
		...(currentsEvents.find((e) => e.name === 'RUN_FINISH')!.sample as object),
		...extra,
	});
const openlayerBody = (extra: Record<string, unknown> = {}) => ({
	...(openlayerEvents.find((e) => e.name === 'test.deleted')!.sample as object),
	...extra,
});
const qaseBody = (extra: Record<string, unknown> = {}) =>
	JSON.stringify({ ...(findQaseEvent('case.updated')!.sample as object), ...extra });

interface Answer {
	what: string;
	status: number;
	body: string;
}

async function send(
	url: string,
	body: string | Buffer,
	headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
	const res = await fetch(url, { method: 'POST', headers, body });
	return { status: res.status, body: await res.text() };
}

describe('Attack and bad input in real n8n', () => {
	let fake: CurrentsFake;
	let n8n: N8nInstance;
	let hookSecret: string;
	const url = (key: keyof typeof WF) => n8n.webhookUrl(`atk-${key}`);
	/** Every response body n8n sent, scanned for secrets at the end. */
	const responses: string[] = [];
	const started = Date.now();

	const count = (key: keyof typeof WF) =>
		Object.values(n8n.executionCounts(WF[key])).reduce((a, b) => a + b, 0);

	/** Runs the attempts, prints their statuses, returns them for assertions. */
	async function attempt(
		label: string,
		attempts: Array<[string, () => Promise<{ status: number; body: string }>]>,
	): Promise<Answer[]> {
		const answers: Answer[] = [];
		for (const [what, run] of attempts) {
			const res = await run();
			responses.push(res.body);
			answers.push({ what, status: res.status, body: res.body });
		}
		const byStatus: Record<string, number> = {};
		for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
		figure(
			'attack',
			n8n,
			`${label}: ${answers.length} requests, statuses ${JSON.stringify(byStatus)}`,
		);
		return answers;
	}

	beforeAll(async () => {
		fake = createCurrentsFake({ apiKeys: [CURRENTS_KEY] });
		const fakeUrl = await fake.listen();
		n8n = await prepareN8n({
			env: { N8N_PAYLOAD_SIZE_MAX: String(PAYLOAD_LIMIT_MIB) },
			credentials: [
				{
					...CRED_CURRENTS,
					type: 'currentsTestOpsApi',
					data: { apiKey: CURRENTS_KEY, baseUrl: fakeUrl },
				},
				{
					...CRED_MANUAL,
					type: 'currentsWebhookSecretApi',
					data: { headerName: 'x-ci-secret', secret: CURRENTS_MANUAL_SECRET },
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
					id: WF.currents,
					name: NAMES.currents,
					webhookId: 'atk-currents',
					credential: CRED_CURRENTS,
				}),
				triggerWorkflow({
					id: WF.currentsManual,
					name: NAMES.currentsManual,
					nodeType: 'n8n-nodes-testops.currentsTrigger',
					nodeName: 'Currents Trigger',
					webhookId: 'atk-currentsManual',
					parameters: { setupMode: 'manual', events: ['RUN_FINISH'] },
					credentials: { currentsWebhookSecretApi: CRED_MANUAL },
				}),
				triggerWorkflow({
					id: WF.openlayer,
					name: NAMES.openlayer,
					nodeType: 'n8n-nodes-testops.openlayerTrigger',
					nodeName: 'Openlayer Trigger',
					webhookId: 'atk-openlayer',
					parameters: { events: ['test.deleted'], options: {} },
					credentials: { openlayerSigningSecretApi: CRED_OPENLAYER },
				}),
				triggerWorkflow({
					id: WF.qase,
					name: NAMES.qase,
					nodeType: 'n8n-nodes-testops.qaseTrigger',
					nodeName: 'Qase Trigger',
					webhookId: 'atk-qase',
					parameters: { resource: 'all', events: ['*'] },
					credentials: { qaseWebhookSecretApi: CRED_QASE },
				}),
			],
			activate: Object.values(WF),
		});
		await n8n.start();
		hookSecret = JSON.parse(fake.hooks.find((h) => h.url === url('currents'))!.headers!)[
			'x-webhook-secret'
		];
	});

	afterAll(async () => {
		await n8n?.stop();
		if (n8n) {
			const texts = { ...instanceTexts(n8n), 'responses to the sender': responses.join('\n') };
			const leaks = findSecrets(
				{
					'Currents API key': CURRENTS_KEY,
					'Currents hook secret': hookSecret,
					'Currents manual secret': CURRENTS_MANUAL_SECRET,
					'Openlayer signing secret': OPENLAYER_SECRET,
					'Openlayer key (base64 part)': OPENLAYER_SECRET.slice('whsec_'.length),
					'Qase secret': QASE_SECRET,
				},
				texts,
			);
			figure(
				'attack',
				n8n,
				`secret scan of n8n log, executions, errors and ${responses.length} responses: ${leaks.length} leaks`,
			);
			figure('attack', n8n, `suite wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
			n8n.cleanup();
			expect(leaks).toEqual([]);
		}
		await fake?.close();
	});

	const UNAUTHORIZED = { status: 401, body: '{"error":"Unauthorized"}' };
	const only = (answers: Answer[]) =>
		answers.map(({ what, status, body }) => ({ what, status, body }));
	const allUnauthorized = (answers: Answer[]) =>
		answers.map(({ what }) => ({ what, ...UNAUTHORIZED }));

	describe('attack: every forged, unsigned, wrong-secret, tampered or replayed delivery is refused and starts nothing', () => {
		test('Currents Trigger, automatic setup (secret header of the registered hook, x-timestamp)', async () => {
			const u = url('currents');
			const now = () => String(Date.now());
			const answers = await attempt(`${NAMES.currents} attack`, [
				[
					'forged secret',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-webhook-secret': randomBytes(32).toString('hex'),
							'x-timestamp': now(),
						}),
				],
				[
					'unsigned (no secret header)',
					() =>
						send(u, currentsBody(), { 'content-type': 'application/json', 'x-timestamp': now() }),
				],
				[
					'empty secret header',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-webhook-secret': '',
							'x-timestamp': now(),
						}),
				],
				[
					'wrong secret: last character changed',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-webhook-secret': hookSecret.slice(0, -1) + (hookSecret.endsWith('0') ? '1' : '0'),
							'x-timestamp': now(),
						}),
				],
				[
					'wrong secret: upper-cased',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-webhook-secret': hookSecret.toUpperCase(),
							'x-timestamp': now(),
						}),
				],
				[
					"wrong secret: another workflow's secret",
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-webhook-secret': CURRENTS_MANUAL_SECRET,
							'x-timestamp': now(),
						}),
				],
				[
					'right secret in the wrong header',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-ci-secret': hookSecret,
							'x-timestamp': now(),
						}),
				],
				[
					'tampered body without the secret',
					() =>
						send(u, currentsBody({ failures: 0, overall: 'passed' }), {
							'content-type': 'application/json',
							'x-timestamp': now(),
						}),
				],
				[
					'replayed 10 minutes later (stale x-timestamp)',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-webhook-secret': hookSecret,
							'x-timestamp': String(Date.now() - 10 * 60 * 1000),
						}),
				],
				[
					'future-dated x-timestamp',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-webhook-secret': hookSecret,
							'x-timestamp': String(Date.now() + 10 * 60 * 1000),
						}),
				],
				[
					'non-numeric x-timestamp',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-webhook-secret': hookSecret,
							'x-timestamp': 'now',
						}),
				],
			]);
			expect(only(answers)).toEqual(allUnauthorized(answers));
			await settle();
			expect(count('currents')).toBe(0);
		});

		test('Currents Trigger, manual setup (shared secret from its credential)', async () => {
			const u = url('currentsManual');
			const answers = await attempt(`${NAMES.currentsManual} attack`, [
				[
					'forged secret',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-ci-secret': randomBytes(16).toString('hex'),
						}),
				],
				[
					'unsigned (no secret header)',
					() => send(u, currentsBody(), { 'content-type': 'application/json' }),
				],
				[
					'wrong secret: a prefix of it',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-ci-secret': CURRENTS_MANUAL_SECRET.slice(0, -1),
						}),
				],
				[
					'wrong secret: with a suffix',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-ci-secret': `${CURRENTS_MANUAL_SECRET}x`,
						}),
				],
				[
					'tampered body without the secret',
					() => send(u, currentsBody({ failures: 0 }), { 'content-type': 'application/json' }),
				],
				[
					'replayed 10 minutes later (stale x-timestamp)',
					() =>
						send(u, currentsBody(), {
							'content-type': 'application/json',
							'x-ci-secret': CURRENTS_MANUAL_SECRET,
							'x-timestamp': String(Date.now() - 10 * 60 * 1000),
						}),
				],
			]);
			expect(only(answers)).toEqual(allUnauthorized(answers));
			await settle();
			expect(count('currentsManual')).toBe(0);
		});

		test('Openlayer Trigger (Standard Webhooks signature, timestamp, webhook-id)', async () => {
			const u = url('openlayer');
			const body = openlayerBody();
			const genuine = await sendDelivery(u, { secret: OPENLAYER_SECRET, body });
			expect(genuine.status).toBe(200);
			const { headers, rawBody } = genuine.sent;
			const sig = headers['webhook-signature'];
			const nowS = () => Math.floor(Date.now() / 1000);
			const asText = async (p: ReturnType<typeof sendDelivery>) => {
				const r = await p;
				return {
					status: r.status,
					body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body),
				};
			};
			const answers = await attempt(`${NAMES.openlayer} attack`, [
				[
					'forged signature',
					() =>
						asText(
							sendDelivery(u, {
								body,
								headers: {
									...headers,
									'webhook-id': `msg_${randomBytes(8).toString('hex')}`,
									'webhook-signature': `v1,${randomBytes(32).toString('base64')}`,
								},
								rawBody,
							}),
						),
				],
				['unsigned (no webhook-* headers)', () => asText(sendDelivery(u, { body }))],
				[
					'no signature header',
					() =>
						asText(
							sendDelivery(u, {
								body,
								headers: { ...headers, 'webhook-signature': undefined },
								rawBody,
							}),
						),
				],
				[
					'empty signature',
					() =>
						asText(
							sendDelivery(u, { body, headers: { ...headers, 'webhook-signature': '' }, rawBody }),
						),
				],
				[
					'signature as v2 only',
					() =>
						asText(
							sendDelivery(u, {
								body,
								headers: { ...headers, 'webhook-signature': sig.replace('v1,', 'v2,') },
								rawBody,
							}),
						),
				],
				[
					'wrong secret',
					() =>
						asText(
							sendDelivery(u, { secret: `whsec_${randomBytes(32).toString('base64')}`, body }),
						),
				],
				[
					'tampered body (signature of the original)',
					() =>
						asText(
							sendDelivery(u, {
								body,
								headers,
								rawBody: rawBody.replace('"test.deleted"', '"test.deleted" '),
							}),
						),
				],
				[
					'signature moved to another webhook-id',
					() =>
						asText(
							sendDelivery(u, {
								body,
								headers: { ...headers, 'webhook-id': `msg_${randomBytes(8).toString('hex')}` },
								rawBody,
							}),
						),
				],
				[
					'replayed 10 minutes later (stale timestamp, correctly signed)',
					() =>
						asText(sendDelivery(u, { secret: OPENLAYER_SECRET, body, timestamp: nowS() - 600 })),
				],
				[
					'future-dated timestamp',
					() =>
						asText(sendDelivery(u, { secret: OPENLAYER_SECRET, body, timestamp: nowS() + 600 })),
				],
				[
					'non-numeric timestamp',
					() =>
						asText(
							sendDelivery(u, {
								body,
								headers: { ...headers, 'webhook-timestamp': 'now' },
								rawBody,
							}),
						),
				],
				[
					'reused webhook-id, re-signed (a retry)',
					() =>
						asText(sendDelivery(u, { secret: OPENLAYER_SECRET, body, id: headers['webhook-id'] })),
				],
				[
					'byte-for-byte replay within the tolerance',
					() => asText(sendDelivery(u, { body, headers, rawBody })),
				],
			]);
			const duplicate = {
				status: 200,
				body: '{"received":true,"skipped":"duplicate delivery (webhook-id already received)"}',
			};
			expect(only(answers)).toEqual(
				answers.map(({ what }) => ({
					what,
					...(what.startsWith('reused') || what.startsWith('byte-for-byte')
						? duplicate
						: UNAUTHORIZED),
				})),
			);
			await settle();
			expect(count('openlayer')).toBe(1); // the genuine delivery only
		});

		test('Qase Trigger (X-Qase-Secret, sent verbatim; Qase signs nothing)', async () => {
			const u = url('qase');
			const answers = await attempt(`${NAMES.qase} attack`, [
				[
					'forged secret',
					() =>
						send(u, qaseBody(), {
							'content-type': 'application/json',
							'x-qase-secret': randomBytes(16).toString('hex'),
						}),
				],
				[
					'unsigned (no secret header)',
					() => send(u, qaseBody(), { 'content-type': 'application/json' }),
				],
				[
					'empty secret header',
					() => send(u, qaseBody(), { 'content-type': 'application/json', 'x-qase-secret': '' }),
				],
				[
					'wrong secret: a prefix of it',
					() =>
						send(u, qaseBody(), {
							'content-type': 'application/json',
							'x-qase-secret': QASE_SECRET.slice(0, -1),
						}),
				],
				[
					'wrong secret: with a suffix',
					() =>
						send(u, qaseBody(), {
							'content-type': 'application/json',
							'x-qase-secret': `${QASE_SECRET}x`,
						}),
				],
				[
					"wrong secret: another trigger's secret",
					() =>
						send(u, qaseBody(), {
							'content-type': 'application/json',
							'x-qase-secret': CURRENTS_MANUAL_SECRET,
						}),
				],
				[
					'tampered body without the secret',
					() =>
						send(u, qaseBody({ event_name: 'case.deleted' }), {
							'content-type': 'application/json',
						}),
				],
				[
					'replayed without the secret',
					() => send(u, qaseBody({ timestamp: 1 }), { 'content-type': 'application/json' }),
				],
			]);
			expect(only(answers)).toEqual(allUnauthorized(answers));
			await settle();
			expect(count('qase')).toBe(0);
		});
	});

	test("our nodes and credentials load beside n8n's own Currents nodes, with no name clash", () => {
		// The node and credential types n8n loaded, as it hands them to the editor.
		const nodes = publishedTypes(n8n, 'nodes').map((n) => n.name);
		const credentials = publishedTypes(n8n, 'credentials').map((c) => c.name);
		const ours = ['currentsTrigger', 'currentsWebhooks', 'openlayerTrigger', 'qaseTrigger'].map(
			(n) => `n8n-nodes-testops.${n}`,
		);
		const native = nodes.filter((n) => /^n8n-nodes-base\.currents/i.test(n)).sort();
		figure(
			'attack',
			n8n,
			`node types loaded: ours ${ours.filter((n) => nodes.includes(n)).length}/4, n8n's own Currents nodes: ${native.join(', ') || 'none'}; credentials currentsApi ${credentials.includes('currentsApi') ? 'and' : 'absent,'} currentsTestOpsApi`,
		);
		expect(ours.filter((n) => !nodes.includes(n))).toEqual([]);
		expect(credentials).toEqual(
			expect.arrayContaining([
				'currentsTestOpsApi',
				'currentsWebhookSecretApi',
				'openlayerSigningSecretApi',
				'openlayerTestOpsApi',
				'qaseTestOpsApi',
				'qaseWebhookSecretApi',
			]),
		);
		expect(new Set(credentials).size).toBe(credentials.length);
		// n8n 1.x has no Currents node; n8n 2.x ships a Currents node, trigger and `currentsApi` credential.
		if (n8n.line === 1) expect(native).toEqual([]);
		else
			expect(native).toEqual(
				expect.arrayContaining(['n8n-nodes-base.currents', 'n8n-nodes-base.currentsTrigger']),
			);
		expect(credentials.includes('currentsApi')).toBe(n8n.line === 2);
	});

	describe('bad input from an authenticated sender: a clear 4xx, no execution, n8n keeps serving', () => {
		const oversized = () => `{"pad":"${'x'.repeat(PAYLOAD_LIMIT_MIB * 1024 * 1024 + 1024)}"}`;

		/**
		 * The same malformed bodies for each trigger; `auth` adds what makes the sender genuine (a
		 * secret header, or a valid Standard Webhooks signature over exactly these bytes).
		 */
		function badInputs(
			auth: (raw: string) => Record<string, string>,
			missingEvent: string,
			unknownEvent: string,
		) {
			const json = { 'content-type': 'application/json' };
			const cases: Array<[string, string, Record<string, string>]> = [
				['body that is not JSON, declared JSON', '{"event": ', json],
				['body that is not JSON, declared text/plain', 'hello', { 'content-type': 'text/plain' }],
				['JSON array', '[1,2,3]', json],
				['JSON scalar', '42', json],
				['JSON null', 'null', json],
				['empty body', '', json],
				['missing event field', missingEvent, json],
				['unknown event', unknownEvent, json],
				[
					'valid JSON with a wrong content type (text/plain)',
					unknownEvent,
					{ 'content-type': 'text/plain' },
				],
				[
					'valid JSON as a form (application/x-www-form-urlencoded)',
					'a=1',
					{ 'content-type': 'application/x-www-form-urlencoded' },
				],
				[`body over n8n's ${PAYLOAD_LIMIT_MIB} MiB limit`, oversized(), json],
			];
			return cases.map(
				([what, raw, headers]) =>
					[what, () => send(target, raw, { ...headers, ...auth(raw) })] as [
						string,
						() => Promise<{ status: number; body: string }>,
					],
			);
		}
		let target = '';

		/** The answers all triggers share; only the unknown event differs (Openlayer and Qase acknowledge it). */
		function expected(unknownEvent: { status: number; contains: string }, missingEvent: string) {
			return [
				// n8n's own body parser refuses JSON that does not parse, before any node runs.
				{
					what: 'body that is not JSON, declared JSON',
					status: 422,
					contains: 'Failed to parse request body',
				},
				{
					what: 'body that is not JSON, declared text/plain',
					status: 415,
					contains: 'Content-Type must be application/json',
				},
				{ what: 'JSON array', status: 400, contains: 'Request body must be a JSON object' },
				{ what: 'JSON scalar', status: 400, contains: 'Request body must be a JSON object' },
				{ what: 'JSON null', status: 400, contains: 'Request body must be a JSON object' },
				{ what: 'empty body', status: 400, contains: 'Request body is empty' },
				{ what: 'missing event field', status: 400, contains: missingEvent },
				{ what: 'unknown event', ...unknownEvent },
				{
					what: 'valid JSON with a wrong content type (text/plain)',
					status: 415,
					contains: 'Content-Type must be application/json',
				},
				{
					what: 'valid JSON as a form (application/x-www-form-urlencoded)',
					status: 415,
					contains: 'Content-Type must be application/json',
				},
				// n8n reads the body before the node runs; both lines turn raw-body's 413 into a 500.
				{
					what: `body over n8n's ${PAYLOAD_LIMIT_MIB} MiB limit`,
					status: 500,
					contains: 'There was a problem executing the workflow',
				},
			];
		}

		const matches = (
			answers: Answer[],
			want: Array<{ what: string; status: number; contains: string }>,
		) => {
			expect(answers.map(({ what, status }) => ({ what, status }))).toEqual(
				want.map(({ what, status }) => ({ what, status })),
			);
			for (const [i, a] of answers.entries())
				expect({ what: a.what, has: a.body.includes(want[i].contains) }).toEqual({
					what: a.what,
					has: true,
				});
		};

		/** After the bad input a genuine delivery still runs once, and nothing else ran. */
		async function stillServing(
			key: keyof typeof WF,
			before: number,
			deliver: () => Promise<{ status: number }>,
		) {
			expect((await fetch(`${n8n.baseUrl}/healthz`)).status).toBe(200);
			expect((await deliver()).status).toBe(200);
			await n8n.waitForExecutions(WF[key], before + 1);
			await settle();
			expect(count(key)).toBe(before + 1);
			figure(
				'attack',
				n8n,
				`${NAMES[key]}: after the bad input n8n answered /healthz 200 and the next genuine delivery ran (executions ${before} -> ${count(key)})`,
			);
		}

		test('Currents Trigger', async () => {
			target = url('currents');
			const before = count('currents');
			const auth = () => ({ 'x-webhook-secret': hookSecret, 'x-timestamp': String(Date.now()) });
			const answers = await attempt(
				`${NAMES.currents} bad input`,
				badInputs(
					auth,
					JSON.stringify({ runUrl: 'https://app.currents.dev/run/1' }),
					JSON.stringify({ event: 'RUN_EXPLODED' }),
				),
			);
			matches(
				answers,
				expected({ status: 400, contains: 'Unknown Currents event' }, 'no \\"event\\" field'),
			);
			await settle();
			expect(count('currents')).toBe(before);
			await stillServing('currents', before, () =>
				send(target, currentsBody(), { 'content-type': 'application/json', ...auth() }),
			);
		});

		test('Openlayer Trigger', async () => {
			target = url('openlayer');
			const before = count('openlayer');
			const auth = (raw: string) => {
				const { headers } = signDelivery({ secret: OPENLAYER_SECRET, body: raw });
				const { 'content-type': _ignored, ...rest } = headers;
				void _ignored;
				return rest;
			};
			const answers = await attempt(
				`${NAMES.openlayer} bad input`,
				badInputs(
					auth,
					JSON.stringify({ timestamp: new Date().toISOString(), data: {} }),
					JSON.stringify({ type: 'model.exploded', timestamp: new Date().toISOString(), data: {} }),
				),
			);
			// A signed but undocumented event is acknowledged so that Openlayer does not retry it.
			matches(
				answers,
				expected(
					{ status: 200, contains: '"skipped":"event model.exploded is not supported' },
					'no \\"type\\" field',
				),
			);
			await settle();
			expect(count('openlayer')).toBe(before);
			await stillServing('openlayer', before, () =>
				sendDelivery(target, { secret: OPENLAYER_SECRET, body: openlayerBody() }),
			);
		});

		test('Qase Trigger', async () => {
			target = url('qase');
			const before = count('qase');
			const auth = () => ({ 'x-qase-secret': QASE_SECRET });
			const answers = await attempt(
				`${NAMES.qase} bad input`,
				badInputs(
					auth,
					JSON.stringify({ timestamp: 1650530630, payload: { id: 1 } }),
					qaseBody({ event_name: 'case.exploded' }),
				),
			);
			// An undocumented event (Qase's UI offers undocumented run-result events) is acknowledged, so
			// that Qase does not disable the webhook.
			matches(
				answers,
				expected(
					{
						status: 200,
						contains: '"skipped":"event case.exploded is not a documented Qase event"',
					},
					'no \\"event_name\\" field',
				),
			);
			await settle();
			expect(count('qase')).toBe(before);
			await stillServing('qase', before, () =>
				send(target, qaseBody(), { 'content-type': 'application/json', ...auth() }),
			);
		});
	});
});
