#!/usr/bin/env node
'use strict';
// The browser suite drives Debian's `chromium` package. Installs it when missing (as root, through
// apt-get, updating the package lists only if the first attempt fails); prints its path.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');

const CANDIDATES = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
].filter(Boolean);

function findChromium() {
	return CANDIDATES.find((p) => fs.existsSync(p));
}

function aptInstall() {
	const run = (args) =>
		spawnSync('apt-get', args, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		}).status === 0;
	return (
		run(['install', '-y', '--no-install-recommends', 'chromium']) ||
		(run(['update']) && run(['install', '-y', '--no-install-recommends', 'chromium']))
	);
}

function ensureChromium() {
	let found = findChromium();
	if (found) return found;
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
		throw new Error(
			'chromium is not installed; run as root: apt-get install -y chromium (or set CHROMIUM_PATH)',
		);
	}
	console.log('Installing Debian package chromium for the browser suite...');
	if (!aptInstall()) throw new Error('apt-get could not install chromium');
	found = findChromium();
	if (!found) throw new Error('chromium installed but not found in ' + CANDIDATES.join(', '));
	return found;
}

module.exports = { ensureChromium };

if (require.main === module) {
	try {
		const p = ensureChromium();
		console.log(`${p} (${execFileSync(p, ['--version'], { encoding: 'utf8' }).trim()})`);
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
