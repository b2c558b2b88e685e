'use strict';
/**
 * The Qase TestOps action node in n8n's real editor, driven in Chromium as a user does, on the n8n
 * line N8N_LINE picks: found in the nodes panel, its credential created and tested in the dialog,
 * every operation's parameters shown once its Resource and Operation are picked, the project picker
 * and the severity list filled from the (fake) Qase API, and the node executed from its panel with
 * the output read in the UI. Panel screenshot: test/ui/artifacts/line-<n>/qaseTestOps.png
 * (UI_DOCS_IMAGES=1 also writes docs/images/qaseTestOps.png).
 */
const fs = require('node:fs');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { chromium, selectors } = require('playwright-core');

const { ensureChromium } = require('../../scripts/ensure-chromium');
const { prepareN8n } = require('../../scripts/lib/n8n-harness');
const { machineLock, n8nLine } = require('../e2e/host');
const { createQaseFake } = require('../fakes/qase-api');
const { ROOT, loadCredentialTypes } = require('./lib/derive');
const E = require('./lib/editor');
const { checkPicture } = require('./lib/png');

const LINE = n8nLine();
const ARTIFACTS = path.join(__dirname, 'artifacts', `line-${LINE}`);
const DOCS_IMAGES = process.env.UI_DOCS_IMAGES ? path.join(ROOT, 'docs', 'images') : undefined;
const TOKEN = `ui-qase-node-${randomBytes(12).toString('hex')}`;

const { QaseTestOps } = require(
	path.join(ROOT, 'dist', 'nodes', 'QaseTestOps', 'QaseTestOps.node'),
);
const { resources } = require(path.join(ROOT, 'dist', 'nodes', 'QaseTestOps', 'resources'));
const description = new QaseTestOps().description;
const prop = (name) => description.properties.find((p) => p.name === name);
/** The Operation selector shown for one resource. */
const operationOf = (resource) =>
	description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource),
	);

let n8n;
let browser;
let page;
let fake;
let releaseLock;

/** Picks Resource and Operation in the open panel. */
async function pick(resource, operation) {
	await E.setParameter(page, prop('resource'), resource);
	await E.setParameter(page, operationOf(resource), operation);
}

beforeAll(async () => {
	// Takes turns with the other browser and load suites (a starved browser waits into timeouts).
	releaseLock = await machineLock('e2e-load');
	const executablePath = ensureChromium();
	fake = createQaseFake({ tokens: [TOKEN] });
	fake.baseUrl = await fake.listen();
	n8n = await prepareN8n({ line: LINE });
	await n8n.start({ timeoutMs: 480000 });
	const setup = await fetch(`${n8n.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			email: 'owner@example.com',
			firstName: 'Qase',
			lastName: 'Owner',
			password: 'Ui-Passw0rd!',
		}),
	});
	if (!setup.ok) throw new Error(`owner setup: ${setup.status}`);
	const cookie = (setup.headers.get('set-cookie') || '').split(';')[0];
	selectors.setTestIdAttribute('data-test-id');
	browser = await chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-crash-reporter'],
	});
	const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
	const eq = cookie.indexOf('=');
	await context.addCookies([
		{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: n8n.baseUrl },
	]);
	page = await context.newPage();
	page.setDefaultTimeout(30000);
}, 900000);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	const log = n8n?.log() ?? '';
	releaseLock?.();
	n8n?.cleanup();
	await fake?.close();
	expect(log).not.toContain(TOKEN);
}, 120000);

describe('Qase TestOps node in the editor', () => {
	it('is found by searching the nodes panel, lists its actions and opens its panel', async () => {
		await E.newWorkflow(page, n8n.baseUrl);
		const listed = await E.addNodeBySearch(page, 'Qase TestOps');
		expect(listed.filter((name) => name === 'Qase TestOps')).toHaveLength(1);
		// The node's view lists the actions (operation `action` texts) of every resource.
		const actions = Object.values(resources).flatMap((r) =>
			Object.values(r.operations).map((op) => op.option.action),
		);
		expect(listed.entries.filter((e) => !actions.includes(e))).toEqual([]);
		expect(listed.entries.length).toBeGreaterThan(0);
		expect(await E.isShown(page, prop('resource'))).toBe(true);
	});

	it('creates its Qase TestOps API credential in the dialog, and the test passes', async () => {
		const type = loadCredentialTypes().qaseTestOpsApi;
		const result = await E.createCredential(
			page,
			type,
			{ apiToken: TOKEN, baseUrl: `${fake.baseUrl}/v1` },
			{ onlyCredential: true },
		);
		expect(result.message).toContain('Connection tested successfully');
	});

	it("shows every operation's own parameters once its Resource and Operation are picked", async () => {
		const missing = [];
		for (const [resource, { operations }] of Object.entries(resources)) {
			for (const [operation, op] of Object.entries(operations)) {
				await pick(resource, operation);
				// The parameters shown with their defaults (others wait on a choice, e.g. Case By).
				for (const p of op.description) {
					const extra = Object.entries(p.displayOptions.show).filter(
						([k]) => k !== 'resource' && k !== 'operation',
					);
					if (extra.some(([k, values]) => !values.includes(prop(k)?.default ?? p.default)))
						continue;
					if (!(await E.isShown(page, p))) missing.push(`${resource}/${operation}: ${p.name}`);
				}
			}
		}
		expect(missing).toEqual([]);
	});

	it('fills the project picker and the severity list from the Qase API', async () => {
		await pick('defect', 'create');
		const picked = await E.exercise(page, prop('project'));
		expect(picked).toMatch(/^picked /);
		const severity = resources.defect.operations.create.description.find(
			(p) => p.name === 'severity',
		);
		expect(await E.listedOptions(page, severity)).toEqual([
			'Not set',
			'Blocker',
			'Critical',
			'Major',
			'Normal',
			'Minor',
			'Trivial',
		]);
		expect(fake.requests.map((r) => r.path)).toEqual(
			expect.arrayContaining(['/v1/project', '/v1/system_field']),
		);
	});

	it('executed from its panel (Run: Get Many), the output panel shows the runs', async () => {
		await pick('run', 'getMany');
		await E.exercise(page, prop('project'));
		await E.setParameter(
			page,
			resources.run.operations.getMany.description.find((p) => p.name === 'returnAll'),
			true,
		);
		fake.requests.length = 0;
		const output = await E.executeStepOutput(page);
		expect(output).toContain('Nightly regression');
		expect(output).toContain('Test run 2022/04/21');
		expect(output).not.toContain(TOKEN);
		expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /v1/run/ID');
	});

	it('panel screenshot: the panel of Run: Create, of its size and not blank', async () => {
		await pick('run', 'create');
		const clip = await E.panelClip(page);
		const image = await page.screenshot({ clip });
		// The node's title and at least its first parameters, as in the triggers' panel shots.
		process.stderr.write(
			`[qase node ui] screenshot: ${checkPicture(image, clip, { width: 300, height: 200 })}\n`,
		);
		for (const dir of [ARTIFACTS, DOCS_IMAGES].filter(Boolean)) {
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, 'qaseTestOps.png'), image);
		}
	});
});
