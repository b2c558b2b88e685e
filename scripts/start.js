#!/usr/bin/env node
'use strict';
// `npm start`: a real n8n (embedded SQLite) on http://localhost:5678 with this package installed
// from its tarball, the way a user installs a community package. The first run installs the
// pinned n8n into .cache/ (minutes); later runs reuse it and start in seconds.
//   N8N_LINE=2 npm start   n8n 2.x on Node 24 instead of 1.x
//   N8N_PORT=5679          another port;  FAKES=0  without the local fake vendor APIs
// n8n runs with the settings n8n recommends (scripts/lib/n8n-harness.js), none of the suites' own,
// and makes its own random encryption key in its user folder (.cache/n8n-home-<line>/.n8n/config)
// on the first start, which later starts reuse.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { prepareN8n, CACHE, ROOT, TEST_ENCRYPTION_KEY } = require('./lib/n8n-harness');
const { ensureN8n, n8nLine } = require('./lib/n8n-install');

/** The nodes as n8n's nodes panel lists them (the built descriptions' display names). */
function nodeNames() {
	return require(path.join(ROOT, 'package.json')).n8n.nodes.map((file) => {
		const NodeClass = Object.values(require(path.join(ROOT, file))).find(
			(v) => typeof v === 'function',
		);
		return new NodeClass().description.displayName;
	});
}

/**
 * Whether n8n's default expression engine (`vm`) can start: it needs isolated-vm's native addon,
 * which n8n ships prebuilt for some Node versions only (none for n8n 1.123's Node 20 here, where
 * n8n would exit at start-up instead).
 */
function vmEngineLoads(install) {
	const addon = path.join(install.dir, 'node_modules', 'isolated-vm');
	return (
		spawnSync(install.nodeBin, ['-e', `require(${JSON.stringify(addon)})`], { stdio: 'ignore' })
			.status === 0
	);
}

/** Whether an existing user folder was made by an older `npm start` with the repository's public key. */
function usesPublicKey(userFolder) {
	try {
		const config = JSON.parse(fs.readFileSync(path.join(userFolder, '.n8n', 'config'), 'utf8'));
		return config.encryptionKey === TEST_ENCRYPTION_KEY;
	} catch {
		return false;
	}
}

async function startFakes() {
	if (process.env.FAKES === '0') return [];
	const started = [];
	const fakes = [
		[
			'Currents',
			'../test/fakes/currents-api',
			'createCurrentsFake',
			4010,
			'API key test-currents-key',
		],
		['Qase', '../test/fakes/qase-api', 'createQaseFake', 4011, 'API token test-qase-token'],
		[
			'Openlayer',
			'../test/fakes/openlayer-api',
			'createOpenlayerFake',
			4012,
			'API key test-openlayer-key',
		],
	];
	for (const [name, modulePath, factory, port, hint] of fakes) {
		let mod;
		try {
			mod = require(modulePath);
		} catch {
			continue;
		}
		if (typeof mod[factory] !== 'function') continue;
		try {
			const fake = mod[factory]();
			const url = await fake.listen(port);
			started.push({ name, url, hint, fake });
		} catch (error) {
			console.warn(`(fake ${name} API not started: ${error.message})`);
		}
	}
	return started;
}

async function main() {
	const t0 = Date.now();
	const line = n8nLine();
	const port = Number(process.env.N8N_PORT || 5678);
	const userFolder = path.join(CACHE, `n8n-home-${line}`);
	fs.mkdirSync(userFolder, { recursive: true });

	const env = {};
	if (!vmEngineLoads(ensureN8n(line))) {
		env.N8N_EXPRESSION_ENGINE = 'legacy';
		console.warn(
			'(isolated-vm has no build for this Node version: n8n runs the legacy expression engine, and says so below)',
		);
	}
	if (usesPublicKey(userFolder))
		console.warn(
			`(${userFolder} was made with the encryption key published in this repository: anyone can decrypt the credentials saved there. Delete that folder to start afresh with a key of its own.)`,
		);
	const n8n = await prepareN8n({ line, userFolder, port, forTests: false, env });
	const fakes = await startFakes();
	const stop = async () => {
		await n8n.stop();
		for (const f of fakes) await f.fake.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	process.on('SIGHUP', stop);
	// Never leave an orphaned n8n holding the port if this process goes away another way.
	process.on('exit', () => n8n.child && n8n.child.kill('SIGTERM'));

	// The first start migrates a new database (about a hundred migrations: minutes on a busy 2-core machine).
	await n8n.start({ inheritOutput: true, timeoutMs: 600000 });
	const secs = ((Date.now() - t0) / 1000).toFixed(1);
	const lines = [
		'',
		`n8n ${n8n.install.version} with n8n-nodes-testops is running (ready in ${secs} s).`,
		`  Open ${n8n.baseUrl.replace('127.0.0.1', 'localhost')} and create the owner account on first visit.`,
		`  Nodes: ${nodeNames().join(', ')} (search "Currents", "Qase", "Openlayer").`,
		`  Data: ${userFolder} (SQLite). Stop with Ctrl+C.`,
	];
	for (const f of fakes)
		lines.push(
			`  Fake ${f.name} API for trying the nodes without an account: ${f.url}  (${f.hint})`,
		);
	console.log(lines.join('\n') + '\n');
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
