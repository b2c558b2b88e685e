/**
 * The single-service packages `npm run packages` builds from the service map
 * (scripts/lib/services.js): what each holds, checked against issue 21's list and n8n's rules for
 * community packages (package.json fields the scanner and n8n's verification read), the README each
 * gets from README.md's marked sections, and the migration command for saved workflows.
 */
import {
	committedManifest,
	nodeTypeNameOf,
	packaging,
	readIn,
	removeDir,
	runMigrate,
	stageToTemp,
	tempFile,
	type Service,
} from '../../helpers/packaging';
import { readRepoFile } from '../../helpers/repo';

const { SERVICES, BUNDLE } = packaging;
const bundle = JSON.parse(readRepoFile('package.json')) as {
	version: string;
	license: string;
	n8n: { nodes: string[]; credentials: string[] };
};
const service = (id: string) => SERVICES.find((s) => s.id === id) as Service;
const readme = readRepoFile('README.md');

describe('service map', () => {
	test('names: n8n-nodes-testops-<service>, which n8n loads (n8n-nodes-*) and which were free on npm', () => {
		expect(SERVICES.map((s) => s.name)).toEqual([
			'n8n-nodes-testops-qase',
			'n8n-nodes-testops-openlayer',
			'n8n-nodes-testops-currents',
		]);
	});

	test('every node of the bundle is in exactly one single-service package', () => {
		const all = SERVICES.flatMap((s) => s.nodes);
		expect([...all].sort()).toEqual([...bundle.n8n.nodes].sort());
	});

	test("each package's credentials, derived from its nodes, are the ones issue 21 lists; together the bundle's", () => {
		const creds = (id: string) =>
			packaging.entriesOf(service(id)).credentials.map((f) => f.replace(/^.*\//, ''));
		expect(creds('qase')).toEqual([
			'QaseTestOpsApi.credentials.js',
			'QaseWebhookSecretApi.credentials.js',
		]);
		expect(creds('openlayer')).toEqual([
			'OpenlayerSigningSecretApi.credentials.js',
			'OpenlayerTestOpsApi.credentials.js',
		]);
		expect(creds('currents')).toEqual([
			'CurrentsTestOpsApi.credentials.js',
			'CurrentsWebhookSecretApi.credentials.js',
		]);
		const union = SERVICES.flatMap((s) => packaging.entriesOf(s).credentials);
		expect(union.sort()).toEqual([...bundle.n8n.credentials].sort());
	});
});

describe.each(SERVICES.map((s) => [s.id, s] as const))('package %s', (_id, svc) => {
	let dir: string;
	let files: string[];
	beforeAll(() => {
		({ dir, files } = stageToTemp(svc));
	});
	afterAll(() => removeDir(dir));

	test("the staged package holds no file of another vendor's folder, only its own and nodes/shared", () => {
		expect(packaging.foreignFiles(svc, files)).toEqual([]);
		const folders = new Set(
			files
				.map((f) => packaging.ownerFolderOf(f))
				.filter((o) => o !== undefined)
				.map((o) => o!.name),
		);
		for (const folder of folders)
			expect(folder === 'shared' || folder.startsWith(svc.vendor)).toBe(true);
		// The check itself: a file of another vendor's folder is found.
		const other = SERVICES.find((s) => s.id !== svc.id)!;
		expect(packaging.foreignFiles(svc, [`dist/nodes/${other.vendor}/api.js`])).toHaveLength(1);
	});

	test('its compiled code is closed: every relative require() of the staged entry files resolves inside it', () => {
		const manifest = JSON.parse(readIn(dir, 'package.json'));
		const graph = packaging.requireGraph([...manifest.n8n.nodes, ...manifest.n8n.credentials], dir);
		expect(graph.size).toBeGreaterThan(manifest.n8n.nodes.length);
	});

	test('icons, codex files (naming the package) and __schema__ previews are included; LICENSE and README too', () => {
		for (const node of svc.nodes) {
			const codex = JSON.parse(readIn(dir, node.replace(/\.js$/, '.json')));
			expect(codex.node).toBe(`${svc.name}.${nodeTypeNameOf(node)}`);
			const js = readIn(dir, node);
			for (const m of js.matchAll(/"file:([^"]+)"/g)) {
				const icon = `${node.replace(/[^/]+$/, '')}${m[1]}`.replace(/[^/]+\/\.\.\//g, '');
				expect(files).toContain(icon);
			}
		}
		expect(files.some((f) => f.includes('/__schema__/'))).toBe(true);
		expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
	});

	test("package.json: n8n's required fields, only its own nodes, peer n8n-workflow only, the bundle's version", () => {
		const m = packaging.manifestOf(svc);
		expect(m.name).toMatch(/^n8n-nodes-/);
		expect(m.version).toBe(bundle.version);
		expect(m.keywords).toContain('n8n-community-node-package');
		expect(m.license).toBe(bundle.license);
		expect(m.author).toBeTruthy();
		expect(m.repository.url).toMatch(/^git\+https:\/\/github\.com\//);
		expect(m.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(m.dependencies).toBeUndefined();
		expect(m.n8n.strict).toBe(true);
		expect(m.n8n.nodes).toEqual(svc.nodes);
		expect(m.files).toEqual(['dist', 'README.md', 'LICENSE']);
		expect(JSON.parse(readIn(dir, 'package.json'))).toEqual(m);
	});

	test('its package.json is committed under packages/ (n8n verification finds the source by the name), up to date', () => {
		expect(committedManifest(svc)).toBe(
			JSON.stringify(packaging.manifestOf(svc), null, '\t') + '\n',
		);
	});

	test('its README covers install (under its own name), credentials, nodes and compatibility, from README.md', () => {
		const text = packaging.readmeOf(svc);
		expect(text.startsWith(`# ${svc.name}\n`)).toBe(true);
		expect(text).toContain(`npm install ${svc.name}`);
		expect(text).not.toMatch(/npm install n8n-nodes-testops(?!-)/);
		expect(text).toMatch(/credential/i);
		expect(text).toMatch(/n8n 1\.x/);
		const displayNames: Record<string, string[]> = {
			qase: ['Qase Trigger', 'Qase Webhook Secret', 'Qase TestOps API'],
			openlayer: ['Openlayer Trigger', 'Openlayer Signing Secret API', 'Openlayer TestOps API'],
			currents: [
				'Currents TestOps Trigger',
				'Currents TestOps Webhooks',
				'Currents TestOps API',
				'Currents Webhook Secret API',
			],
		};
		for (const name of displayNames[svc.id]) expect(text).toContain(name);
		expect(readIn(dir, 'README.md')).toBe(text);
	});
});

describe('README.md markers', () => {
	test('every service has a non-empty section of its own', () => {
		const sections = packaging.readmeSections(readme);
		for (const s of SERVICES)
			expect(sections.some((x) => x.services.includes(s.id) && x.text.length > 0)).toBe(true);
	});

	test('a stray closing marker, an unreadable or unknown one, a service without a section or an empty section fails', () => {
		expect(() => packaging.readmeSections('text\n<!-- /package -->\n')).toThrow(
			/without an opening/,
		);
		expect(() => packaging.readmeSections('<!-- package qase -->\n## Q\n')).toThrow(/unreadable/);
		expect(() => packaging.readmeSections('<!-- package: jira -->\n## J\nx\n')).toThrow(
			/unknown service/,
		);
		const withoutQase = readme.replaceAll('<!-- package: qase -->', '');
		expect(() => packaging.readmeOf(service('qase'), withoutQase)).toThrow(/no section marked/);
		expect(() =>
			packaging.readmeOf(
				service('qase'),
				'<!-- package: qase -->\n\n<!-- package: all -->\n## A\nx\n',
			),
		).toThrow(/empty package section/);
	});

	test('a section runs to the next heading of its level; a lead paragraph to the next heading, then its section resumes', () => {
		const sections = packaging.readmeSections(
			[
				'<!-- package: currents -->',
				'## C',
				'<!-- package: currents lead -->',
				'lead text',
				'### C1',
				'c1 text',
				'## Other',
				'not in any section',
			].join('\n'),
		);
		expect(sections.map((s) => [s.lead, s.text])).toEqual([
			[false, '## C\n### C1\nc1 text'],
			[true, 'lead text'],
		]);
	});

	test("the Currents README says first what it adds over n8n's own Currents nodes", () => {
		const head = packaging.readmeOf(service('currents')).split('\n').slice(0, 14).join('\n');
		expect(head).toMatch(/n8n's own Currents/);
		for (const point of [
			'Currents TestOps Webhooks',
			'manual',
			'failed tests',
			'summary',
			'n8n 1.x',
		])
			expect(head).toContain(point);
	});
});

describe('migration command (scripts/migrate-workflow.js)', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { migrateWorkflow, PACKAGES } = require('../../../scripts/migrate-workflow');

	const workflow = {
		name: 'Mixed',
		nodes: [
			{
				name: 'Qase Trigger',
				type: `${BUNDLE}.qaseTrigger`,
				credentials: { qaseWebhookSecretApi: { id: '1', name: 'secret' } },
			},
			{ name: 'Currents', type: `${BUNDLE}.currentsWebhooks`, credentials: {} },
			{ name: 'Slack', type: 'n8n-nodes-base.slack' },
		],
		connections: {},
	};

	test("each package's nodes (the service map's, type names read from the compiled nodes) start with its vendor prefix, and no other package's do", () => {
		for (const s of SERVICES) {
			const prefix = PACKAGES[s.name] as string;
			expect(prefix).toBe(s.vendor.toLowerCase());
			for (const node of SERVICES.flatMap((x) => x.nodes))
				expect(nodeTypeNameOf(node).startsWith(prefix)).toBe(s.nodes.includes(node));
		}
		expect(Object.keys(PACKAGES)).toEqual(SERVICES.map((s) => s.name));
	});

	test('bundle -> Qase package rewrites only the Qase node; credentials and other nodes stay; back again is the original', () => {
		const { output, changed, skipped } = migrateWorkflow(workflow, 'n8n-nodes-testops-qase');
		expect(output.nodes.map((n: { type: string }) => n.type)).toEqual([
			'n8n-nodes-testops-qase.qaseTrigger',
			`${BUNDLE}.currentsWebhooks`,
			'n8n-nodes-base.slack',
		]);
		expect(output.nodes[0].credentials).toEqual(workflow.nodes[0].credentials);
		expect(changed).toHaveLength(1);
		expect(skipped).toEqual([
			{ workflow: 'Mixed', node: 'Currents', type: `${BUNDLE}.currentsWebhooks` },
		]);
		expect(migrateWorkflow(output, BUNDLE).output).toEqual(workflow);
	});

	test('as a command: a file in, the migrated workflow out; an array (export --all) too; exit 2 names what it left', () => {
		const file = tempFile('wf.json', JSON.stringify(workflow));
		const toCurrents = runMigrate(['--to', 'n8n-nodes-testops-currents', file]);
		expect(toCurrents.status).toBe(2);
		expect(JSON.parse(toCurrents.stdout).nodes[1].type).toBe(
			'n8n-nodes-testops-currents.currentsWebhooks',
		);
		expect(toCurrents.stderr).toContain('n8n-nodes-testops.qaseTrigger is not in');
		const both = runMigrate(['--to', BUNDLE], JSON.stringify([JSON.parse(toCurrents.stdout)]));
		expect(both.status).toBe(0);
		expect(JSON.parse(both.stdout)).toEqual([workflow]);
		expect(runMigrate(['--to', 'n8n-nodes-jira'], '{}').status).toBe(1);
		expect(runMigrate([], '{}').status).toBe(1);
	});
});
