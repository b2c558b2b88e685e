#!/usr/bin/env node
'use strict';
// `npm run packages`: the bundle (this repository's package.json) and one package per service
// (scripts/lib/services.js), each packed into .cache/packages/<name>-<version>.tgz, paths printed.
// Each single-service package is staged in .cache/packages/staging/<name>/ (what `npm run scan`
// lints with `n8n-node lint`), and its package.json is also written to packages/<id>/package.json,
// the committed copy n8n's verification finds in the repository by the package's name.
//   --check   only compare packages/<id>/package.json with what the service map gives (exit 1 on drift)
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const {
	SERVICES,
	ROOT,
	CACHE_PACKAGES,
	stage,
	manifestOf,
	committedManifestPath,
} = require('./lib/packaging');

const STAGING = path.join(CACHE_PACKAGES, 'staging');

const manifestText = (service) => JSON.stringify(manifestOf(service), null, '\t') + '\n';

/** `npm pack` of a folder into .cache/packages; returns the tarball's path. */
function pack(cwd) {
	// --ignore-scripts: dist is built already (the bundle's prepack would rebuild it).
	const out = execFileSync(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', CACHE_PACKAGES],
		{ cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	);
	return path.join(CACHE_PACKAGES, JSON.parse(out)[0].filename);
}

/** Stages and packs all four; returns [{ name, dir, tarball }], the bundle first. */
function buildAll() {
	fs.mkdirSync(CACHE_PACKAGES, { recursive: true });
	for (const f of fs.readdirSync(CACHE_PACKAGES))
		if (f.endsWith('.tgz')) fs.rmSync(path.join(CACHE_PACKAGES, f));
	const bundle = require(path.join(ROOT, 'package.json'));
	const built = [{ name: bundle.name, dir: ROOT, tarball: pack(ROOT) }];
	for (const service of SERVICES) {
		const dir = path.join(STAGING, service.name);
		stage(service, dir);
		const committed = committedManifestPath(service);
		fs.mkdirSync(path.dirname(committed), { recursive: true });
		fs.writeFileSync(committed, manifestText(service));
		built.push({ name: service.name, dir, tarball: pack(dir), service });
	}
	return built;
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

module.exports = { buildAll, check, STAGING };
