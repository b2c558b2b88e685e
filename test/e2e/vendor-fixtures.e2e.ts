/**
 * Every vendor example in test/fixtures/vendor, as printed by the vendor, delivered over HTTP to its
 * trigger in one real n8n (the package installed from its tarball): each is answered 200, starts
 * exactly one execution, and the trigger's item is what README.md describes for it.
 */
import { randomBytes } from 'node:crypto';

import { sendDelivery } from '../fakes/openlayer-sender';
import { expectedItem } from '../fixtures/vendor/expected';
import { vendorFixtures, type Vendor, type VendorFixture } from '../fixtures/vendor/load';
import { post, prepareN8n, settle, triggerWorkflow, type N8nInstance } from './harness';
import { stderr } from './host';

const QASE_SECRET = randomBytes(16).toString('hex');
const CURRENTS_SECRET = randomBytes(16).toString('hex');
const OPENLAYER_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const CRED_QASE = { id: 'credVendorQase01', name: 'Qase webhook secret' };
const CRED_CURRENTS = { id: 'credVendorCurr01', name: 'Currents webhook secret' };
const CRED_OPENLAYER = { id: 'credVendorOl0001', name: 'Openlayer signing secret' };

const WORKFLOWS: Record<Vendor, { id: string; webhookId: string; node: string }> = {
	qase: { id: 'wfVendorQase0001', webhookId: 'vendor-qase', node: 'Qase Trigger' },
	currents: { id: 'wfVendorCurr0001', webhookId: 'vendor-currents', node: 'Currents Trigger' },
	openlayer: { id: 'wfVendorOl000001', webhookId: 'vendor-openlayer', node: 'Openlayer Trigger' },
};

const fixtures = vendorFixtures();

describe('vendor examples delivered to the triggers in real n8n', () => {
	let n8n: N8nInstance;
	const started = Date.now();

	beforeAll(async () => {
		n8n = await prepareN8n({
			credentials: [
				{ ...CRED_QASE, type: 'qaseWebhookSecretApi', data: { secret: QASE_SECRET } },
				{
					...CRED_CURRENTS,
					type: 'currentsWebhookSecretApi',
					data: { headerName: 'x-ci-secret', secret: CURRENTS_SECRET },
				},
				{
					...CRED_OPENLAYER,
					type: 'openlayerSigningSecretApi',
					data: { secret: OPENLAYER_SECRET, previousSecret: '' },
				},
			],
			workflows: [
				triggerWorkflow({
					id: WORKFLOWS.qase.id,
					name: 'Vendor examples: Qase',
					nodeType: 'n8n-nodes-testops.qaseTrigger',
					nodeName: WORKFLOWS.qase.node,
					webhookId: WORKFLOWS.qase.webhookId,
					parameters: { resource: 'all', events: ['*'] },
					credentials: { qaseWebhookSecretApi: CRED_QASE },
				}),
				triggerWorkflow({
					id: WORKFLOWS.currents.id,
					name: 'Vendor examples: Currents',
					nodeType: 'n8n-nodes-testops.currentsTrigger',
					nodeName: WORKFLOWS.currents.node,
					webhookId: WORKFLOWS.currents.webhookId,
					parameters: {
						setupMode: 'manual',
						events: ['RUN_FINISH', 'RUN_START', 'RUN_TIMEOUT', 'RUN_CANCELED'],
					},
					credentials: { currentsWebhookSecretApi: CRED_CURRENTS },
				}),
				triggerWorkflow({
					id: WORKFLOWS.openlayer.id,
					name: 'Vendor examples: Openlayer',
					nodeType: 'n8n-nodes-testops.openlayerTrigger',
					nodeName: WORKFLOWS.openlayer.node,
					webhookId: WORKFLOWS.openlayer.webhookId,
					parameters: { events: ['*'], options: {} },
					credentials: { openlayerSigningSecretApi: CRED_OPENLAYER },
				}),
			],
			activate: Object.values(WORKFLOWS).map((w) => w.id),
		});
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.stop();
		const log = n8n?.log() ?? '';
		n8n?.cleanup();
		stderr(`[vendor-fixtures e2e] wall time ${Date.now() - started} ms`);
		for (const secret of [QASE_SECRET, CURRENTS_SECRET, OPENLAYER_SECRET]) {
			expect(log).not.toContain(secret);
		}
	});

	/** The fixture's bytes, as printed, with what its vendor sends beside them. */
	async function deliver(f: VendorFixture): Promise<{ status: number; text: string }> {
		const url = n8n.webhookUrl(WORKFLOWS[f.vendor].webhookId);
		const json = { 'content-type': 'application/json' };
		if (f.vendor === 'qase') return post(url, f.raw, { ...json, 'x-qase-secret': QASE_SECRET });
		if (f.vendor === 'currents')
			return post(url, f.raw, { ...json, 'x-ci-secret': CURRENTS_SECRET });
		const res = await sendDelivery(url, { secret: OPENLAYER_SECRET, body: f.raw });
		return { status: res.status, text: JSON.stringify(res.body ?? '') };
	}

	test(`all ${fixtures.length} examples: 200, one execution each, the item README.md describes`, async () => {
		const answers: Array<{ key: string; status: number }> = [];
		for (const f of fixtures)
			answers.push({ key: `${f.vendor}/${f.event}`, status: (await deliver(f)).status });
		expect(answers.filter((a) => a.status !== 200)).toEqual([]);

		for (const vendor of ['qase', 'currents', 'openlayer'] as const) {
			const sent = fixtures.filter((f) => f.vendor === vendor);
			const { id, node } = WORKFLOWS[vendor];
			await n8n.waitForExecutions(id, sent.length);
			await settle(); // an execution too many would show by now
			const executions = n8n.executions(id);
			expect([vendor, executions.length]).toEqual([vendor, sent.length]);
			expect(executions.filter((e) => e.status !== 'success').map((e) => e.error)).toEqual([]);
			// Executions run one after another in delivery order here; match them by content anyway.
			const items = executions.map((e) => e.nodes[node].items);
			const expected = sent.map((f) => [expectedItem(f)]);
			const key = (x: unknown) => JSON.stringify(x);
			expect(items.map(key).sort()).toEqual(expected.map(key).sort());
		}
	});
});
