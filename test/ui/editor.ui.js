'use strict';
/**
 * The nodes in n8n's real editor, driven in Chromium as a user does, on the n8n line N8N_LINE picks:
 * each node is added from the nodes panel by searching, each credential type is created in the
 * credential dialog (under the settings that show it) and tested, each parameter and option is
 * checked visible under every condition its description promises and set through its control, then
 * the workflow is saved, activated, sent a real delivery, and the execution's output read in the UI.
 * What is checked comes from the built node descriptions (test/ui/lib/derive.js).
 * Artifacts (panel screenshots, the reachability table): test/ui/artifacts/line-<n>/.
 */
const fs = require('node:fs');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { chromium, selectors } = require('playwright-core');

const { ensureChromium } = require('../../scripts/ensure-chromium');
const { prepareN8n } = require('../../scripts/lib/n8n-harness');
const { machineLock, n8nLine } = require('../e2e/host');
const { createCurrentsFake } = require('../fakes/currents-api');
const { createQaseFake } = require('../fakes/qase-api');
const { createOpenlayerFake } = require('../fakes/openlayer-api');
const { sendDelivery } = require('../fakes/openlayer-sender');
const {
	loadNodeTypes,
	loadCredentialTypes,
	checksFor,
	definitionOf,
	addedVersion,
	ROOT,
} = require('./lib/derive');
const E = require('./lib/editor');
const { checkPicture } = require('./lib/png');

const LINE = n8nLine();
const ARTIFACTS = path.join(__dirname, 'artifacts', `line-${LINE}`);
/** `npm run screenshots` copies these panels (and the example canvases) into docs/images for the README. */
const DOCS_IMAGES = process.env.UI_DOCS_IMAGES ? path.join(ROOT, 'docs', 'images') : undefined;

const CURRENTS_KEY = 'ui-currents-key';
const QASE_TOKEN = 'ui-qase-token';
const OPENLAYER_KEY = 'ui-openlayer-key';
const SIGNING_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const QASE_SECRET = `ui-qase-${randomBytes(12).toString('hex')}`;
const CURRENTS_SECRET = `ui-currents-${randomBytes(12).toString('hex')}`;
const PROJECT = { projectId: 'uiProject01', name: 'UI Checkout App' };

// The Qase TestOps action node has its own browser file (test/ui/qase-node.ui.js).
const nodeTypes = loadNodeTypes().filter((t) => t.description.name !== 'qaseTestOps');
const credentialTypes = loadCredentialTypes();
/** node × parameter × condition → reachable / set, written to the artifacts at the end. */
const table = [];

let n8n;
let browser;
let page;
const fakes = {};
/** Every schema preview the editor fetched: { status, path } (/schemas/<type>/<x.y.z>/…). */
const schemaResponses = [];

/**
 * Entity and Output values a new trigger is set to in the preview check (resource undefined: the
 * trigger's hidden `resource`, whose fixed value the editor sends).
 */
const previewSettings = {
	qaseTrigger: [
		['run', 'summary'],
		['case', 'envelope'],
		['all', 'payload'],
	],
	currentsTrigger: [
		[undefined, 'summary'],
		[undefined, 'payload'],
	],
	openlayerTrigger: [
		[undefined, 'summary'],
		[undefined, 'envelope'],
	],
};

function credentialValues(name) {
	switch (name) {
		case 'currentsTestOpsApi':
			return { apiKey: CURRENTS_KEY, baseUrl: fakes.currentsUrl };
		case 'currentsWebhookSecretApi':
			return { headerName: 'x-ui-secret', secret: CURRENTS_SECRET };
		case 'qaseTestOpsApi':
			return { apiToken: QASE_TOKEN, baseUrl: `${fakes.qaseUrl}/v1` };
		case 'qaseWebhookSecretApi':
			return { secret: QASE_SECRET };
		case 'openlayerTestOpsApi':
			return { apiKey: OPENLAYER_KEY, baseUrl: fakes.openlayerUrl };
		case 'openlayerSigningSecretApi':
			return { secret: SIGNING_SECRET };
		default:
			throw new Error(`no test values for credential ${name}`);
	}
}

const started = Date.now();
/** Progress on stderr as it happens (jest prints console output only when the file is done). */
function progress(message) {
	process.stderr.write(
		`[ui line ${LINE} +${Math.round((Date.now() - started) / 1000)}s] ${message}\n`,
	);
}

async function rest(method, apiPath, body) {
	const res = await fetch(`${n8n.baseUrl}/rest${apiPath}`, {
		method,
		headers: { 'content-type': 'application/json', cookie: n8n.cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await res.json().catch(() => undefined);
	return { status: res.status, json };
}

async function applyConditions(d, conditions) {
	const assigned = new Map(conditions);
	for (const [name, value] of conditions)
		await E.setParameter(page, definitionOf(d.properties, name, assigned, addedVersion(d)), value);
	const picked = await E.pickEmptyCredentials(page);
	if (picked.length)
		progress(`${d.displayName}: picked the emptied credential ${picked.join(', ')}`);
}

function expectPicture(buffer, clip, minSize) {
	progress(`screenshot: ${checkPicture(buffer, clip, minSize)}`);
}

async function shootPanel(nodeType) {
	const file = `${nodeType.description.name}.png`;
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const clip = await E.panelClip(page);
	const image = await page.screenshot({ path: path.join(ARTIFACTS, file), clip });
	// The node's title and at least its first parameters.
	expectPicture(image, clip, { width: 300, height: 200 });
	if (DOCS_IMAGES) {
		fs.mkdirSync(DOCS_IMAGES, { recursive: true });
		fs.writeFileSync(path.join(DOCS_IMAGES, file), image);
	}
}

// `catalog` is a file for Currents and Openlayer, a folder (catalog/index.js) for Qase.
const catalog = (vendor) => require(path.join(ROOT, 'dist', 'nodes', vendor, 'catalog'));

/** The delivery each trigger gets once activated, and what its execution must show. */
const deliveries = {
	qaseTrigger: {
		settings: [
			['resource', 'all'],
			['events', '*'],
			['operation', 'payload'],
			['resolveRecord', false],
		],
		async send(url) {
			const { sample } = catalog('Qase').qaseEvents.find((e) => e.name === 'case.created');
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-qase-secret': QASE_SECRET },
				body: JSON.stringify(sample),
			});
			return res.status;
		},
		expect: ['case.created', '"project_code"'],
	},
	openlayerTrigger: {
		settings: [
			['events', 'tests.result.updated'],
			['attachFailingTests', false],
		],
		async send(url) {
			const { sample } = catalog('Openlayer').openlayerEvents.find(
				(e) => e.name === 'tests.result.updated',
			);
			return (await sendDelivery(url, { secret: SIGNING_SECRET, body: sample })).status;
		},
		expect: ['tests.result.updated', '"status": "failing"'],
	},
	currentsWebhooks: {
		// An action node: executed from its panel ("Execute step"), listing the picked project's hooks.
		executeInPanel: true,
		settings: [
			['resource', 'webhook'],
			['operation', 'list'],
			['project', PROJECT.name],
			['revealHeaderValues', false],
		],
		async prepare() {
			// A hook someone made in Currents, with a secret header the output must not reveal.
			const res = await fetch(`${fakes.currentsUrl}/webhooks?projectId=${PROJECT.projectId}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${CURRENTS_KEY}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					url: 'https://ci.example.com/currents-ui',
					hookEvents: ['RUN_FINISH'],
					label: 'UI suite',
					headers: JSON.stringify({ 'x-ui-secret': CURRENTS_SECRET }),
				}),
			});
			if (res.status !== 200 && res.status !== 201)
				throw new Error(`seeding a hook: ${res.status}`);
		},
		expect: ['https://ci.example.com/currents-ui', '"label": "UI suite"', '[redacted]'],
		absent: [CURRENTS_SECRET],
	},
	currentsTrigger: {
		settings: [
			['setupMode', 'automatic'],
			['project', PROJECT.name],
			['events', 'RUN_FINISH'],
		],
		async send(url, { workflowId, nodeName }) {
			// Activation registered the hook (with its secret header) in the fake Currents project.
			// n8n routes the webhook before it calls create() and saves the static data holding the
			// hook's secret after it returns (ActiveWorkflowManager.addWebhooks, both lines), and n8n
			// 2.x may close the Publish dialog before that: a delivery in between is refused (401).
			// Sent once the activation has stored the secret, as any delivery Currents makes after it.
			const t0 = Date.now();
			const stored = await E.waitFor(
				async () => {
					const wf = (await rest('GET', `/workflows/${workflowId}`)).json?.data;
					const data = wf?.staticData;
					const node = (typeof data === 'string' ? JSON.parse(data) : data)?.[`node:${nodeName}`];
					return Boolean(node?.hooks?.[url]?.secret);
				},
				{ timeoutMs: 30000 },
			);
			if (!stored)
				throw new Error(`activation did not store the hook's secret for ${url} within 30 s`);
			progress(`Currents TestOps Trigger: hook secret stored ${Date.now() - t0} ms after Publish`);
			const hook = fakes.currents.hooks.find((h) => h.url === url);
			if (!hook)
				throw new Error(
					`no hook registered for ${url}: ${JSON.stringify(fakes.currents.hooks.map((h) => h.url))}`,
				);
			const { sample } = catalog('Currents').currentsEvents.find((e) => e.name === 'RUN_FINISH');
			const headers = {
				'content-type': 'application/json',
				'x-timestamp': String(Date.now()),
				...JSON.parse(hook.headers || '{}'),
			};
			return (await fetch(url, { method: 'POST', headers, body: JSON.stringify(sample) })).status;
		},
		expect: ['RUN_FINISH', '"buildId"'],
	},
};

let releaseLock;

beforeAll(async () => {
	// When the two n8n lines run side by side (npm run test:real), the other line's load suite and
	// this suite take turns: a browser starved of CPU turns waits into timeouts.
	releaseLock = await machineLock('e2e-load');
	const executablePath = ensureChromium();
	const currents = createCurrentsFake({ apiKeys: [CURRENTS_KEY], projects: [PROJECT] });
	const qase = createQaseFake({ tokens: [QASE_TOKEN] });
	const openlayer = createOpenlayerFake({ apiKeys: [OPENLAYER_KEY] });
	Object.assign(fakes, {
		currents,
		qase,
		openlayer,
		currentsUrl: await currents.listen(),
		qaseUrl: await qase.listen(),
		openlayerUrl: await openlayer.listen(),
	});
	n8n = await prepareN8n({ line: LINE });
	// n8n 2.x runs about a hundred migrations on a fresh database: minutes on a loaded 2-core machine.
	await n8n.start({ timeoutMs: 480000 });
	// The owner account, set up through the REST call the editor's setup page makes.
	const setup = await fetch(`${n8n.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			email: 'owner@example.com',
			firstName: 'Ui',
			lastName: 'Owner',
			password: 'Ui-Passw0rd!',
		}),
	});
	if (!setup.ok) throw new Error(`owner setup: ${setup.status}`);
	n8n.cookie = (setup.headers.get('set-cookie') || '').split(';')[0];

	selectors.setTestIdAttribute('data-test-id');
	browser = await chromium.launch({
		executablePath,
		args: [
			'--no-sandbox',
			'--disable-dev-shm-usage',
			'--disable-crash-reporter',
			'--disable-breakpad',
		],
	});
	const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
	const eq = n8n.cookie.indexOf('=');
	await context.addCookies([
		{ name: n8n.cookie.slice(0, eq), value: n8n.cookie.slice(eq + 1), url: n8n.baseUrl },
	]);
	page = await context.newPage();
	page.setDefaultTimeout(30000);
	// n8n's editor is megabytes of script: on a loaded 2-core machine a page load has taken over 30 s.
	page.setDefaultNavigationTimeout(120000);
	page.on('response', (r) => {
		const at = r.url().indexOf('/schemas/');
		if (at >= 0) schemaResponses.push({ status: r.status(), path: r.url().slice(at) });
	});
}, 600000);

afterAll(async () => {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const rows = table.map(
		(r) =>
			`| ${r.node} | ${r.item} | ${r.when || '—'} | ${r.reachable ? 'yes' : 'NO'} | ${r.set} |`,
	);
	fs.writeFileSync(
		path.join(ARTIFACTS, 'reachability.md'),
		[
			`# n8n line ${LINE}: node × parameter → reachable in the editor`,
			'',
			'| node | parameter / credential | shown when | reachable | set through the UI |',
			'| --- | --- | --- | --- | --- |',
			...rows,
			'',
		].join('\n'),
	);
	await browser?.close();
	await n8n?.stop();
	releaseLock?.();
	n8n?.cleanup();
	for (const f of [fakes.currents, fakes.qase, fakes.openlayer]) await f?.close();
}, 120000);

describe.each(nodeTypes.map((t) => [t.description.displayName, t]))(
	'%s',
	(displayName, nodeType) => {
		const d = nodeType.description;
		const checks = checksFor(nodeType);

		it('is found by searching the nodes panel and opens its panel', async () => {
			await E.newWorkflow(page, n8n.baseUrl);
			const listed = await E.addNodeBySearch(page, displayName);
			progress(`${displayName}: search listed ${listed.join(' | ')}`);
			// n8n 2.x ships its own Currents nodes: ours must be told apart by name.
			expect(
				listed.filter((name) => displayName.startsWith(name) || name === displayName),
			).toHaveLength(1);
			await E.ndv(page).waitFor();
			// The panel is this node's (an action node is named after the action picked, e.g. "Create a webhook").
			const first = d.properties.find((p) => p.type !== 'notice' && !p.displayOptions);
			expect(await E.isShown(page, first)).toBe(true);
			if (d.group.includes('trigger')) {
				// The node's view lists its events, never its Output choices or "<node name>" entries
				// (n8n's resourceCategories on a parameter named `resource`).
				progress(`${displayName}: its view listed ${listed.entries.length} triggers`);
				const events = definitionOf(d.properties, 'events', new Map(), addedVersion(d));
				const key = (text) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
				const eventKeys = new Set(events.options.map((o) => key(o.name)));
				expect(listed.entries.length).toBeGreaterThan(0);
				expect(
					listed.entries.filter((entry) => !eventKeys.has(key(entry.replace(/^On /, '')))),
				).toEqual([]);
			}
		});

		it('offers each credential type where needed: created in the credential dialog and tested', async () => {
			const failures = [];
			for (const check of checks.filter((c) => c.kind === 'credential')) {
				await applyConditions(d, check.conditions);
				const type = credentialTypes[check.name];
				let result;
				try {
					result = await E.createCredential(page, type, credentialValues(check.name), {
						onlyCredential: (d.credentials || []).length === 1,
					});
				} catch (error) {
					result = { error: error.message };
				}
				const when = check.conditions.map(([k, v]) => `${k}=${v}`).join(', ');
				progress(
					`${displayName} credential ${type.displayName}: ${result.error || result.message}`,
				);
				table.push({
					node: displayName,
					item: `credential: ${type.displayName}`,
					when,
					reachable: !result.error,
					set: result.error ? result.error : 'created + tested',
				});
				if (result.error || !result.message.includes('Connection tested successfully'))
					failures.push(`${check.name}: ${result.error || result.message}`);
			}
			expect(failures).toEqual([]);
		});

		it('shows every parameter and option under its conditions, each settable through its control', async () => {
			const failures = [];
			for (const check of checks.filter((c) => c.kind === 'parameter')) {
				await applyConditions(d, check.conditions);
				const p = check.property;
				const reachable = await E.isShown(page, p);
				let set = '—';
				if (reachable) {
					try {
						set = await E.exercise(page, p, check.value, {
							triggerNode: d.group.includes('trigger'),
						});
					} catch (error) {
						set = `FAILED: ${error.message.split('\n')[0]}`;
					}
				}
				progress(
					`${displayName} ${p.name} [${check.when}]: ${reachable ? 'shown' : 'NOT SHOWN'}, ${set}`,
				);
				table.push({
					node: displayName,
					item: p.displayName.length > 40 ? `${p.name} (notice)` : p.displayName,
					when: check.when,
					reachable,
					set,
				});
				if (!reachable || set.startsWith('FAILED'))
					failures.push(`${p.name} [${check.when}]: ${reachable ? set : 'not shown'}`);
			}
			expect(failures).toEqual([]);
		});

		it('panel screenshot: the picture is the panel, of its size, not blank', async () => {
			await E.resetToDefaults(page, d.properties);
			await shootPanel(nodeType);
		});

		const delivery = deliveries[d.name];
		if (!delivery) throw new Error(`no delivery or execution check for ${d.name}`);
		const squeeze = (text) => text.replace(/[\s\u00b7]+/g, '');
		const expectOutput = (output) => {
			// The JSON view breaks and indents with its own whitespace characters: compare without them.
			for (const text of delivery.expect) expect(squeeze(output)).toContain(squeeze(text));
			for (const text of delivery.absent || []) expect(output).not.toContain(text);
			table.push({
				node: displayName,
				item: delivery.executeInPanel
					? 'executed in the panel → output in the UI'
					: 'delivery → execution output in the UI',
				when: '',
				reachable: true,
				set: delivery.expect.join(', '),
			});
		};
		/** The settings the run needs, set in the panel like the rest. */
		const applySettings = async () => {
			for (const [name, value] of delivery.settings) {
				const p = definitionOf(d.properties, name, new Map(delivery.settings), addedVersion(d));
				// A renamed or removed setting is the suite's to update, never a step to skip.
				if (!p)
					throw new Error(
						`${d.name} has no parameter "${name}" at version ${addedVersion(d)}: update the delivery settings`,
					);
				if (p.type === 'resourceLocator') {
					await E.pickEmptyCredentials(page);
					await E.exercise(page, p);
				} else await E.setParameter(page, p, value);
			}
			await E.pickEmptyCredentials(page);
		};

		if (delivery.executeInPanel) {
			it('executed from its panel; the output panel shows the result', async () => {
				await delivery.prepare();
				await applySettings();
				expectOutput(await E.executeStepOutput(page));
			});
		} else {
			it('saved and activated in the editor, receives a delivery; the execution shows the output', async () => {
				// The first event the nodes panel offered may not be the one delivered.
				await applySettings();
				await E.closeNdv(page);
				const workflowId = await E.saveAndActivate(page);
				const saved = (await rest('GET', `/workflows/${workflowId}`)).json.data;
				const node = saved.nodes.find((n) => n.type.endsWith(`.${d.name}`));
				const url = `${n8n.baseUrl}/webhook/${node.webhookId}/webhook`;
				const status = await delivery.send(url, { workflowId, nodeName: node.name });
				progress(`${displayName}: delivery answered ${status}`);
				expect(status).toBe(200);
				expectOutput(
					await E.openLatestExecutionOutput(page, n8n.baseUrl, workflowId, d.defaults.name),
				);
			});
		}

		const previews = previewSettings[d.name];
		if (previews) {
			it('keeps its name whatever Entity and Output are set to; the next node previews its output (n8n 1.x)', async () => {
				await E.newWorkflow(page, n8n.baseUrl);
				await E.addNodeBySearch(page, displayName);
				const version = addedVersion(d);
				const hiddenResource = d.properties.find(
					(p) => p.name === 'resource' && p.type === 'hidden',
				);
				let noOpAdded = false;
				for (const [resource, operation] of previews) {
					await E.openNode(page, d.defaults.name);
					const settings = new Map([['operation', operation]]);
					if (resource !== undefined) settings.set('resource', resource);
					for (const [name, value] of [...settings].reverse())
						await E.setParameter(page, definitionOf(d.properties, name, settings, version), value);
					await E.closeNdv(page);
					const names = await page
						.getByTestId('canvas-node')
						.evaluateAll((els) =>
							els.map((e) => e.getAttribute('data-node-name') || e.textContent.trim()),
						);
					expect(
						names.some((n) => n === d.defaults.name || n.startsWith(`${d.defaults.name}\n`)),
					).toBe(true);
					// n8n pads the version to x.y.z (editor-ui schemaPreview.api.ts).
					const padded = `${version}`.split('.').concat(['0', '0']).slice(0, 3).join('.');
					const file = `v${padded}/${resource ?? hiddenResource.default}/${operation}.json`;
					const wanted = `/schemas/n8n-nodes-testops.${d.name}/${file.slice(1)}`;
					const dir = d.name[0].toUpperCase() + d.name.slice(1);
					const schema = JSON.parse(
						fs.readFileSync(path.join(ROOT, 'dist', 'nodes', dir, '__schema__', file), 'utf8'),
					);
					// The first top-level fields: the schema view expands nested objects in place and draws
					// only the rows in view.
					const fields = Object.keys(schema.properties).slice(0, 3);
					const before = schemaResponses.length;
					const fetched = () =>
						schemaResponses.slice(before).filter((r) => r.path.includes(`.${d.name}/`));
					const response = page
						.waitForResponse((r) => r.url().endsWith(wanted), { timeout: 20000 })
						.catch(() => undefined);
					if (noOpAdded) await E.openNode(page, 'No Operation, do nothing');
					else await E.addNoOpAfter(page);
					noOpAdded = true;
					await response;
					await page
						.getByTestId('ndv-input-panel')
						.getByText(fields[0], { exact: true })
						.first()
						.waitFor({ timeout: 10000 })
						.catch(() => undefined);
					const shown = await E.inputPanelText(page, d.defaults.name);
					progress(
						`${displayName} ${resource ?? ''}/${operation}: fetched ${JSON.stringify(fetched())}; input panel ${JSON.stringify(shown.slice(0, 200))}`,
					);
					expect(fetched().map((r) => `${r.status} ${r.path}`)).toContain(`200 ${wanted}`);
					if (LINE === 1) {
						expect(shown).toContain('Preview');
						const lines = new Set(shown.split('\n').map((l) => l.trim()));
						expect(fields.filter((f) => !lines.has(f))).toEqual([]);
					} else {
						// n8n 2.x fetches the same file but draws no preview of a trigger's output (its
						// schema view: "Trigger nodes do not have schema previews"); the README says so.
						expect(shown).not.toContain('Preview');
						expect(shown).toContain('Execute previous nodes');
					}
					table.push({
						node: displayName,
						item: "new node keeps its name; next node's input preview",
						when: [...settings].map(([k, v]) => `${k}=${v}`).join(', '),
						reachable: true,
						set:
							LINE === 1
								? `previewed (${file})`
								: `fetched ${file}; n8n ${n8n.install.version} draws no trigger preview`,
					});
					await E.closeNdv(page);
				}
			});
		}
	},
);

/**
 * Each example workflow imported as a user does after "Import from File" (the workflow, then their
 * own credentials picked for its nodes), opened on the canvas: every node must be there and known to
 * n8n. The canvas is the README's picture of the example.
 */
describe('examples', () => {
	const dir = path.join(ROOT, 'examples');
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort();
	const credentialIds = new Map();
	let served;
	beforeAll(async () => {
		const res = await fetch(`${n8n.baseUrl}/types/nodes.json`, { headers: { cookie: n8n.cookie } });
		served = await res.json();
		// A canvas of about 1280x720 (the README pictures), fitted to the workflow.
		await page.setViewportSize({ width: 1280, height: 790 });
	});
	const knownType = (node) =>
		served.some(
			(t) =>
				t.name === node.type &&
				[].concat(t.version).some((v) => Number(v) === Number(node.typeVersion)),
		);

	async function credentialFor(type) {
		if (!credentialIds.has(type)) {
			// Another package's credential (n8n 1.x refuses one without its required key).
			const data = type in credentialTypes ? credentialValues(type) : { apiKey: 'example-key' };
			const res = await rest('POST', '/credentials', { name: `Example ${type}`, type, data });
			if (res.status !== 200) throw new Error(`credential ${type}: ${res.status}`);
			credentialIds.set(type, { id: res.json.data.id, name: res.json.data.name });
		}
		return credentialIds.get(type);
	}

	it.each(files)('%s opens on the canvas with every node known (screenshot)', async (file) => {
		const wf = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		for (const node of wf.nodes) {
			for (const type of Object.keys(node.credentials || {}))
				node.credentials[type] = await credentialFor(type);
		}
		const created = await rest('POST', '/workflows', {
			name: wf.name,
			nodes: wf.nodes,
			connections: wf.connections,
			settings: wf.settings,
			active: false,
		});
		expect(created.status).toBe(200);
		const names = wf.nodes.filter((n) => !n.type.endsWith('.stickyNote')).map((n) => n.name);
		const shown = await E.openWorkflowCanvas(page, n8n.baseUrl, created.json.data.id);
		expect(shown.sort()).toEqual([...names].sort());
		// The editor draws a node whose type and version are not in the types n8n serves it as "not
		// installed".
		expect(wf.nodes.filter((n) => !knownType(n)).map((n) => `${n.type}@${n.typeVersion}`)).toEqual(
			[],
		);
		const image = `${file.replace(/\.json$/, '')}.png`;
		const clip = await E.canvasClip(page);
		fs.mkdirSync(path.join(ARTIFACTS, 'examples'), { recursive: true });
		const picture = await page.screenshot({ path: path.join(ARTIFACTS, 'examples', image), clip });
		expectPicture(picture, clip, { width: 640, height: 360 });
		if (DOCS_IMAGES) {
			fs.mkdirSync(path.join(DOCS_IMAGES, 'examples'), { recursive: true });
			fs.writeFileSync(path.join(DOCS_IMAGES, 'examples', image), picture);
		}
	});
});
