#!/usr/bin/env node
'use strict';
// `npm run packages`: the bundle (this repository's package.json) and one package per service
// (scripts/lib/services.js), each packed into .cache/packages/<name>-<version>.tgz, paths printed.
// Each single-service package is staged in a folder of its own (what `npm run scan` lints with
// `n8n-node lint`), and its package.json is also written to packages/<id>/package.json,
// the committed copy n8n's verification finds in the repository by the package's name.
//   --check   only compare packages/<id>/package.json with what the service map gives (exit 1 on drift)
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const {
	SERVICES,
	ROOT,
	CACHE_PACKAGES,
	stage,
	manifestOf,
	committedManifestPath,
} = require('./lib/packaging');

// Outside the repository, so that the repository's own lint (`eslint .`) does not lint the staged
// copies again; one folder per checkout. The staged package resolves n8n's eslint config and
// n8n-workflow through a node_modules link to the repository's.
const STAGING = path.join(
	os.tmpdir(),
	`n8n-nodes-testops-staging-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`,
);

const manifestText = (service) => JSON.stringify(manifestOf(service), null, '\t') + '\n';

/** `npm pack` of a folder into .cache/packages; returns the tarball's path. */
function pack(cwd, dest) {
	// --ignore-scripts: dist is built already (the bundle's prepack would rebuild it).
	const out = execFileSync(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', dest],
		{ cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	);
	return path.join(dest, JSON.parse(out)[0].filename);
}

/**
 * Stages and packs all four into `dest`; returns [{ name, dir, tarball }], the bundle first. The
 * e2e suite passes its own folders (both n8n lines build at once); `npm run packages` the defaults.
 */
function buildAll({ dest = CACHE_PACKAGES, staging = STAGING, link = true } = {}) {
	fs.mkdirSync(dest, { recursive: true });
	for (const f of fs.readdirSync(dest)) if (f.endsWith('.tgz')) fs.rmSync(path.join(dest, f));
	const bundle = require(path.join(ROOT, 'package.json'));
	const built = [{ name: bundle.name, dir: ROOT, tarball: pack(ROOT, dest) }];
	for (const service of SERVICES) {
		const dir = path.join(staging, service.name);
		stage(service, dir);
		if (dest === CACHE_PACKAGES) {
			const committed = committedManifestPath(service);
			fs.mkdirSync(path.dirname(committed), { recursive: true });
			fs.writeFileSync(committed, manifestText(service));
		}
		const tarball = pack(dir, dest);
		// For `n8n-node lint` there (eslint config, parser, n8n-workflow); after packing, which would
		// otherwise walk the whole tree.
		if (link)
			fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
		built.push({ name: service.name, dir, tarball, service });
	}
	return built;
}

/**
 * All four packed into a fresh temporary folder (staging there too), for the e2e suite: both n8n
 * lines build at once, and neither may pack over the other's tarballs. Returns the tarballs by name
 * and a `remove()` for the folder.
 */
function buildTemporary() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'testops-packages-'));
	const built = buildAll({ dest: dir, staging: path.join(dir, 'staging'), link: false });
	return {
		dir,
		tarballs: Object.fromEntries(built.map((b) => [b.name, b.tarball])),
		remove: () => fs.rmSync(dir, { recursive: true, force: true }),
	};
}

function check() {
	const stale = SERVICES.filter((s) => {
		const file = committedManifestPath(s);
		return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== manifestText(s);
	});
	for (const s of stale)
		console.error(
			`${path.relative(ROOT, committedManifestPath(s))} is stale: run npm run packages`,
		);
	return stale.length === 0;
}

if (require.main === module) {
	if (process.argv.includes('--check')) process.exit(check() ? 0 : 1);
	for (const { tarball } of buildAll()) console.log(path.relative(process.cwd(), tarball));
}

module.exports = { buildAll, buildTemporary, check, STAGING };
