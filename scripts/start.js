#!/usr/bin/env node
'use strict';
// `npm start`: a real n8n (embedded SQLite) on http://localhost:5678 with this package installed
// from its tarball, the way a user installs a community package. The first run installs the
// pinned n8n into .cache/ (minutes); later runs reuse it and start in seconds.
//   N8N_LINE=2 npm start   n8n 2.x on Node 24 instead of 1.x
//   N8N_PORT=5679          another port;  FAKES=0  without the local fake vendor APIs
const fs = require('node:fs');
const path = require('node:path');

const { prepareN8n, CACHE } = require('./lib/n8n-harness');

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
	const line = process.env.N8N_LINE === '2' ? 2 : 1;
	const port = Number(process.env.N8N_PORT || 5678);
	const userFolder = path.join(CACHE, `n8n-home-${line}`);
	fs.mkdirSync(userFolder, { recursive: true });

	const n8n = await prepareN8n({ line, userFolder, port });
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

	await n8n.start({ inheritOutput: true });
	const secs = ((Date.now() - t0) / 1000).toFixed(1);
	const lines = [
		'',
		`n8n ${n8n.install.version} with n8n-nodes-testops is running (ready in ${secs} s).`,
		`  Open ${n8n.baseUrl.replace('127.0.0.1', 'localhost')} and create the owner account on first visit.`,
		'  Nodes: Currents Trigger, Currents Webhooks, Qase Trigger, Openlayer Trigger (search "Currents", "Qase", "Openlayer").',
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
