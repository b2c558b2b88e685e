/**
 * The single-service packages in a real n8n, installed as a user installs them: `npm run packages`'
 * tarballs npm-installed into <user folder>/.n8n/nodes, without the bundle. One n8n per line holds
 * the Qase, Openlayer and Currents packages together (each installed on its own tarball); a delivery
 * to each trigger starts exactly one execution, and the Currents package registers and removes its
 * hook against the fake Currents API. Then the bundle and the Qase package side by side in one n8n.
 */
import { randomBytes } from 'node:crypto';

import { currentsEvents } from '../../nodes/Currents/catalog';
import { findQaseEvent } from '../../nodes/Qase/catalog';
import { openlayerEvents } from '../../nodes/Openlayer/catalog';
import { migrateWorkflow } from '../../scripts/migrate-workflow';
import { createCurrentsFake, type CurrentsFake } from '../fakes/currents-api';
import { sendDelivery } from '../fakes/openlayer-sender';
import {
	currentsAutoWorkflow,
	n8nLine,
	post,
	settle,
	triggerWorkflow,
	until,
	type N8nInstance,
} from './harness';
import { publishedTypes, stderr } from './host';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require('../../scripts/lib/n8n-harness');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildTemporary } = require('../../scripts/packages');

const QASE = 'n8n-nodes-testops-qase';
const OPENLAYER = 'n8n-nodes-testops-openlayer';
const CURRENTS = 'n8n-nodes-testops-currents';
const BUNDLE = 'n8n-nodes-testops';

const QASE_SECRET = randomBytes(16).toString('hex');
const OL_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const CURRENTS_KEY = randomBytes(12).toString('hex');
const CURRENTS_SECRET = randomBytes(16).toString('hex');

const CRED_QASE = { id: 'credPkgQase00001', name: 'Qase secret' };
const CRED_OL = { id: 'credPkgOl0000001', name: 'Openlayer signing secret' };
const CRED_CUR_API = { id: 'credPkgCurApi001', name: 'Currents fake API' };
const CRED_CUR_SEC = { id: 'credPkgCurSec001', name: 'Currents manual secret' };

const WF_QASE = 'wfPkgQase0000001';
const WF_OL = 'wfPkgOpenlayer01';
const WF_CUR_AUTO = 'wfPkgCurAuto0001';
const WF_CUR_MANUAL = 'wfPkgCurManual01';

const prepare = (options: Record<string, unknown>): Promise<N8nInstance> =>
	harness.prepareN8n({ line: n8nLine(), ...options });

const qaseBody = () => JSON.stringify(findQaseEvent('run.completed')!.sample);
const currentsBody = () =>
	JSON.stringify({ ...currentsEvents.find((e) => e.name === 'RUN_FINISH')!.sample });
const openlayerBody = () => openlayerEvents.find((e) => e.name === 'tests.result.updated')!.sample;

/** Our node types n8n published for its editor, sorted. */
const ourNodeTypes = (n8n: N8nInstance) =>
	publishedTypes(n8n, 'nodes')
		.map((t) => t.name)
		.filter((name) => name.startsWith(BUNDLE))
		.sort();

/** A delivery's executions, after a pause in which a second one would have shown up. */
async function exactlyOne(n8n: N8nInstance, workflowId: string) {
	await n8n.waitForExecutions(workflowId, 1);
	await settle();
	return n8n.executions(workflowId);
}

let tarballs: Record<string, string>;
let removeTarballs = () => {};

// Packing four packages, then preparing and starting an n8n with three of them, takes minutes on a
// loaded machine: each hook gets twice the suite's default.
const PREPARE_MS = 900000;
/** n8n's own start-up, which the harness otherwise gives 180 s. */
const START_MS = 420000;

beforeAll(() => {
	({ tarballs, remove: removeTarballs } = buildTemporary());
}, PREPARE_MS);

afterAll(() => removeTarballs());

describe('the three single-service packages in one real n8n, without the bundle', () => {
	let fake: CurrentsFake;
	let n8n: N8nInstance;
	let autoUrl: string;
	const ourHooks = () => fake.hooks.filter((h) => h.url === autoUrl);
	const started = Date.now();

	beforeAll(async () => {
		fake = createCurrentsFake({ apiKeys: [CURRENTS_KEY] });
		const fakeUrl = await fake.listen();
		// The Qase workflow is one saved with the bundle, moved by the migration command.
		const bundleQase = triggerWorkflow({
			id: WF_QASE,
			name: 'Qase package',
			nodeType: `${BUNDLE}.qaseTrigger`,
			nodeName: 'Qase Trigger',
			webhookId: 'pkg-qase',
			parameters: { resource: 'all', events: ['*'] },
			credentials: { qaseWebhookSecretApi: CRED_QASE },
		});
		const migrated = migrateWorkflow(bundleQase, QASE);
		expect(migrated.changed).toHaveLength(1);
		n8n = await prepare({
			tarballs: [tarballs[QASE], tarballs[OPENLAYER], tarballs[CURRENTS]],
			credentials: [
				{ ...CRED_QASE, type: 'qaseWebhookSecretApi', data: { secret: QASE_SECRET } },
				{
					...CRED_OL,
					type: 'openlayerSigningSecretApi',
					data: { secret: OL_SECRET, previousSecret: '' },
				},
				{
					...CRED_CUR_API,
					type: 'currentsTestOpsApi',
					data: { apiKey: CURRENTS_KEY, baseUrl: fakeUrl },
				},
				{
					...CRED_CUR_SEC,
					type: 'currentsWebhookSecretApi',
					data: { headerName: 'x-ci-secret', secret: CURRENTS_SECRET },
				},
			],
			workflows: [
				migrated.output,
				triggerWorkflow({
					id: WF_OL,
					name: 'Openlayer package',
					nodeType: `${OPENLAYER}.openlayerTrigger`,
					nodeName: 'Openlayer Trigger',
					webhookId: 'pkg-openlayer',
					parameters: { events: ['*'], options: {} },
					credentials: { openlayerSigningSecretApi: CRED_OL },
				}),
				currentsAutoWorkflow({
					id: WF_CUR_AUTO,
					name: 'Currents package automatic',
					webhookId: 'pkg-currents-auto',
					credential: CRED_CUR_API,
					nodeType: `${CURRENTS}.currentsTrigger`,
				}),
				triggerWorkflow({
					id: WF_CUR_MANUAL,
					name: 'Currents package manual',
					nodeType: `${CURRENTS}.currentsTrigger`,
					nodeName: 'Currents Trigger',
					webhookId: 'pkg-currents-manual',
					parameters: { setupMode: 'manual', events: ['RUN_FINISH'] },
					credentials: { currentsWebhookSecretApi: CRED_CUR_SEC },
				}),
			],
			activate: [WF_QASE, WF_OL, WF_CUR_AUTO, WF_CUR_MANUAL],
		});
		autoUrl = n8n.webhookUrl('pkg-currents-auto');
		await n8n.start({ timeoutMs: START_MS });
		stderr(`[packages e2e] n8n ${n8n.install.version} ready after ${Date.now() - started} ms`);
	}, PREPARE_MS);

	afterAll(async () => {
		await n8n?.stop();
		const log = n8n?.log() ?? '';
		n8n?.cleanup();
		await fake?.close();
		for (const secret of [QASE_SECRET, OL_SECRET, CURRENTS_KEY, CURRENTS_SECRET])
			expect(log).not.toContain(secret);
	});

	test('n8n loads each package under its own name, and nothing of the bundle', () => {
		expect(ourNodeTypes(n8n)).toEqual([
			`${CURRENTS}.currentsTrigger`,
			`${CURRENTS}.currentsWebhooks`,
			// n8n's AI-tool variant of a node that is usableAsTool
			`${CURRENTS}.currentsWebhooksTool`,
			`${OPENLAYER}.openlayerTrigger`,
			`${QASE}.qaseTestOps`,
			`${QASE}.qaseTestOpsTool`,
			`${QASE}.qaseTrigger`,
		]);
		// Credential types carry no package name: the same six as the bundle's.
		const credentials = publishedTypes(n8n, 'credentials').map((c) => c.name);
		for (const name of [
			'qaseTestOpsApi',
			'qaseWebhookSecretApi',
			'openlayerTestOpsApi',
			'openlayerSigningSecretApi',
			'currentsTestOpsApi',
			'currentsWebhookSecretApi',
		])
			expect(credentials).toContain(name);
	});

	test('Qase package: a delivery (to a workflow migrated from the bundle) starts exactly one execution', async () => {
		const res = await post(n8n.webhookUrl('pkg-qase'), qaseBody(), {
			'x-qase-secret': QASE_SECRET,
		});
		expect(res.status).toBe(200);
		const executions = await exactlyOne(n8n, WF_QASE);
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		expect(executions[0].nodes['Qase Trigger'].items[0]).toMatchObject({ event: 'run.completed' });
	});

	test('Openlayer package: a signed delivery starts exactly one execution', async () => {
		const res = await sendDelivery(n8n.webhookUrl('pkg-openlayer'), {
			secret: OL_SECRET,
			body: openlayerBody(),
			id: `msg_pkg_${Date.now()}`,
		});
		expect(res.status).toBe(200);
		const executions = await exactlyOne(n8n, WF_OL);
		expect(executions).toHaveLength(1);
		expect(executions[0].nodes['Openlayer Trigger'].items[0]).toMatchObject({
			type: 'tests.result.updated',
		});
	});

	test('Currents package: manual setup, a delivery with the secret header starts exactly one execution', async () => {
		const res = await post(n8n.webhookUrl('pkg-currents-manual'), currentsBody(), {
			'x-ci-secret': CURRENTS_SECRET,
		});
		expect(res.status).toBe(200);
		const executions = await exactlyOne(n8n, WF_CUR_MANUAL);
		expect(executions).toHaveLength(1);
		expect(executions[0].nodes['Currents Trigger'].items).toEqual([JSON.parse(currentsBody())]);
	});

	test('Currents package: activation registered one hook with the fake; a delivery starts exactly one execution; deactivation removes the hook', async () => {
		expect(ourHooks()).toHaveLength(1);
		const secret = JSON.parse(ourHooks()[0].headers ?? '{}')['x-webhook-secret'] as string;
		const res = await post(autoUrl, currentsBody(), {
			'x-webhook-secret': secret,
			'x-timestamp': String(Date.now()),
		});
		expect(res.status).toBe(200);
		expect(await exactlyOne(n8n, WF_CUR_AUTO)).toHaveLength(1);
		await n8n.setActive(WF_CUR_AUTO, false);
		// n8n 2.x removes a deactivated workflow's webhooks after answering the API call.
		await until(() => ourHooks().length === 0);
		expect(ourHooks()).toHaveLength(0);
	});
});

describe('the bundle and the Qase package side by side in one real n8n', () => {
	let n8n: N8nInstance;
	const WF_BUNDLE = 'wfSideBundle0001';
	const WF_SINGLE = 'wfSideSingle0001';

	beforeAll(async () => {
		const qase = (id: string, pkg: string, webhookId: string) =>
			triggerWorkflow({
				id,
				name: `Qase via ${pkg}`,
				nodeType: `${pkg}.qaseTrigger`,
				nodeName: 'Qase Trigger',
				webhookId,
				parameters: { resource: 'all', events: ['*'] },
				credentials: { qaseWebhookSecretApi: CRED_QASE },
			});
		n8n = await prepare({
			tarballs: [tarballs[BUNDLE], tarballs[QASE]],
			credentials: [{ ...CRED_QASE, type: 'qaseWebhookSecretApi', data: { secret: QASE_SECRET } }],
			workflows: [qase(WF_BUNDLE, BUNDLE, 'side-bundle'), qase(WF_SINGLE, QASE, 'side-single')],
			activate: [WF_BUNDLE, WF_SINGLE],
		});
		await n8n.start({ timeoutMs: START_MS });
	}, PREPARE_MS);

	afterAll(async () => {
		await n8n?.stop();
		n8n?.cleanup();
	});

	test('both load: the bundle under its name, the Qase package under its own; shared credential types alike but for icon and supported nodes', () => {
		expect(ourNodeTypes(n8n)).toEqual(
			[
				`${BUNDLE}.currentsTrigger`,
				`${BUNDLE}.currentsWebhooks`,
				`${BUNDLE}.currentsWebhooksTool`,
				`${BUNDLE}.openlayerTrigger`,
				`${BUNDLE}.qaseTestOps`,
				`${BUNDLE}.qaseTestOpsTool`,
				`${BUNDLE}.qaseTrigger`,
				`${QASE}.qaseTestOps`,
				`${QASE}.qaseTestOpsTool`,
				`${QASE}.qaseTrigger`,
			].sort(),
		);
		// Both packages declare qaseTestOpsApi and qaseWebhookSecretApi. n8n lists every declaration it
		// loaded (n8n 2.40 and 1.123: twice), alike but for the icon path and the nodes each names as
		// supported: its own package's. Either serves the nodes of both (the next test).
		const types = publishedTypes(n8n, 'credentials') as Array<Record<string, unknown>>;
		const counts: string[] = [];
		for (const name of ['qaseTestOpsApi', 'qaseWebhookSecretApi']) {
			const entries = types.filter((c) => c.name === name);
			expect(entries.length).toBeGreaterThanOrEqual(1);
			const rest = entries.map((e) => {
				const copy = { ...e };
				delete copy.iconUrl;
				delete copy.supportedNodes;
				return copy;
			});
			for (const r of rest) expect(r).toEqual(rest[0]);
			const supported = entries.flatMap((e) => e.supportedNodes as string[]);
			// The nodes that declare the credential (Qase TestOps uses only the API token).
			const users = name === 'qaseTestOpsApi' ? ['qaseTestOps', 'qaseTrigger'] : ['qaseTrigger'];
			if (entries.length === 2)
				expect(supported.sort()).toEqual(
					[QASE, BUNDLE].flatMap((pkg) => users.map((node) => `${pkg}.${node}`)).sort(),
				);
			counts.push(`${name} x${entries.length}`);
		}
		const warnings = n8n
			.log()
			.split('\n')
			.filter((l) => /duplicate|already (loaded|registered)|conflict|overrid/i.test(l));
		stderr(
			`[packages e2e] side by side on n8n ${n8n.install.version}: ${counts.join(', ')} in the editor's credential types; log lines about duplicates: ${warnings.length}${warnings.length ? `\n${warnings.slice(0, 5).join('\n')}` : ''}`,
		);
	});

	test('both work: one delivery to each starts exactly one execution of each, with the same credential', async () => {
		for (const [webhookId, workflowId] of [
			['side-bundle', WF_BUNDLE],
			['side-single', WF_SINGLE],
		]) {
			const res = await post(n8n.webhookUrl(webhookId), qaseBody(), {
				'x-qase-secret': QASE_SECRET,
			});
			expect(res.status).toBe(200);
			const executions = await exactlyOne(n8n, workflowId);
			expect(executions).toHaveLength(1);
			expect(executions[0].status).toBe('success');
		}
		// A wrong secret is refused by both, so each really checks the shared credential.
		for (const webhookId of ['side-bundle', 'side-single']) {
			const res = await post(n8n.webhookUrl(webhookId), qaseBody(), { 'x-qase-secret': 'wrong' });
			expect(res.status).toBe(401);
		}
	});
});
