/**
 * The GitHub workflows, parsed: CI runs what .ci/run runs on Node 20 and 24, and a version tag
 * publishes with an npm provenance statement through trusted publishing (OIDC), as n8n requires of
 * verified community nodes.
 */
import { parse } from 'yaml';

import { readRepoFile } from '../../helpers/repo';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
}
interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	strategy?: { matrix?: Record<string, unknown[]> };
	steps: Step[];
}
interface Workflow {
	on: Record<string, { tags?: string[]; branches?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const workflow = (name: string) => parse(readRepoFile(`.github/workflows/${name}`)) as Workflow;
const runs = (job: Job) =>
	job.steps.map((s) => s.run).filter((r): r is string => typeof r === 'string');
const onlyJob = (wf: Workflow) => {
	const jobs = Object.values(wf.jobs);
	expect(jobs).toHaveLength(1);
	return jobs[0];
};

describe('.github/workflows/ci.yml', () => {
	const wf = workflow('ci.yml');
	const job = onlyJob(wf);

	test('runs on pull requests and pushes to main', () => {
		expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
		expect(wf.on.push?.branches).toEqual(['main']);
	});

	test('ubuntu, Node 20 and 24, read-only token', () => {
		expect(job['runs-on']).toBe('ubuntu-latest');
		expect(job.strategy?.matrix?.['node-version']).toEqual([20, 24]);
		const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
		expect(setup?.with?.['node-version']).toBe('${{ matrix.node-version }}');
		expect(wf.permissions).toEqual({ contents: 'read' });
	});

	test('runs .ci/run, which runs lint and the scanner after the build', () => {
		expect(job.steps[0].uses).toMatch(/^actions\/checkout@/);
		expect(runs(job)).toEqual(['.ci/run']);
		// The command lines of .ci/run (not its echo lines), without leading env assignments.
		const lines = readRepoFile('.ci/run')
			.split('\n')
			.map((l) => l.trim().replace(/^(\w+=\S+\s+)+/, ''))
			.filter((l) => l.startsWith('npm '));
		const order = [
			'npm ci',
			'npm run build',
			'npm run lint',
			'npm run scan',
			'npm run packages:publish',
			'npm test',
			'npm run test:real',
			'npm run test:queue',
		].map((c) => lines.findIndex((l) => l === c || l.startsWith(`${c} `)));
		expect(order.every((i) => i >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});
});

describe('.github/workflows/publish.yml', () => {
	const wf = workflow('publish.yml');
	const job = onlyJob(wf);

	test('runs only on a version tag', () => {
		expect(Object.keys(wf.on)).toEqual(['push']);
		expect(wf.on.push?.branches).toBeUndefined();
		const tags = wf.on.push?.tags ?? [];
		expect(tags.length).toBeGreaterThan(0);
		for (const tag of tags) expect(tag).toMatch(/\*\.\*\.\*$/);
	});

	test('may mint an OIDC token and only read the repository', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(wf.permissions).toBeUndefined();
	});

	test('builds, lints, scans and tests before it publishes all four packages with provenance, without a stored npm token', () => {
		const commands = runs(job);
		// scripts/publish.js: `npm publish <tarball> --provenance` for the bundle and each service,
		// the same steps .ci/run runs with --dry-run.
		const publish = commands.indexOf('npm run packages:publish');
		expect(publish).toBe(commands.length - 1);
		expect(readRepoFile('scripts/publish.js')).toContain(
			"['publish', tarball, '--provenance', '--access', 'public']",
		);
		expect(readRepoFile('.ci/run')).toContain('npm run packages:publish -- --dry-run');
		const before = commands.slice(0, publish);
		for (const c of ['npm ci', 'npm run build', 'npm run lint', 'npm run scan', 'npm test'])
			expect(before).toContain(c);
		expect(before.indexOf('npm ci')).toBeLessThan(before.indexOf('npm run build'));
		expect(JSON.stringify(wf)).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
	});

	test('uses the npm registry with an npm that supports trusted publishing (Node 24 ships npm 11)', () => {
		const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
		expect(setup?.with).toMatchObject({
			'node-version': 24,
			'registry-url': 'https://registry.npmjs.org',
		});
	});

	test('refuses a tag that is not the package.json version', () => {
		const check = runs(job).find((c) => c.includes('GITHUB_REF_NAME'));
		expect(check).toContain(`require('./package.json').version`);
	});
});
