#!/usr/bin/env node
'use strict';
// Publishes the four tarballs `npm run packages` wrote into .cache/packages (the bundle and one
// package per service, all of the bundle's version) with an npm provenance statement: what
// .github/workflows/publish.yml runs on a version tag. `--dry-run` runs the same publish steps
// without publishing (npm needs no login for it, and --offline keeps it off the network): what
// .ci/run runs after the scan.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { SERVICES, BUNDLE, CACHE_PACKAGES, ROOT } = require('./lib/packaging');

const dryRun = process.argv.includes('--dry-run');
const { version } = require(path.join(ROOT, 'package.json'));

const tarballs = [BUNDLE, ...SERVICES.map((s) => s.name)].map((name) =>
	path.join(CACHE_PACKAGES, `${name}-${version}.tgz`),
);
const missing = tarballs.filter((t) => !fs.existsSync(t));
if (missing.length) {
	console.error(
		`missing ${missing.map((t) => path.relative(ROOT, t)).join(', ')}: run npm run packages`,
	);
	process.exit(1);
}
for (const tarball of tarballs) {
	const args = ['publish', tarball, '--provenance', '--access', 'public'];
	if (dryRun) args.push('--dry-run', '--offline');
	console.log(`npm ${args.join(' ')}`);
	execFileSync('npm', args, { cwd: ROOT, stdio: 'inherit' });
}
console.log(`${dryRun ? 'dry run: ' : ''}published ${tarballs.length} packages at ${version}`);
