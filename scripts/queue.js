#!/usr/bin/env node
'use strict';
// `npm run test:queue`: the queue-mode suite (test/queue/) on n8n line 1 by default.
// N8N_LINE=2 runs it on line 2 instead, N8N_LINE="1 2" on both (scripts/lib/n8n-install.js
// N8N_LINES). Installs Debian's postgresql and redis-server first when missing (root only), and the pinned n8n when the cache lacks it, so that
// neither eats into a test's timeout. Extra arguments go to jest.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n } = require('./lib/n8n-install');
const { ensureServicePackages, sweep } = require('./lib/n8n-queue');

const lines = (process.env.N8N_LINE || '1').split(/[\s,]+/).filter(Boolean);
const jest = path.join(__dirname, '..', 'node_modules', '.bin', 'jest');
ensureServicePackages();

// The servers run in this folder; whatever jest leaves behind (a crash, a kill) is stopped here.
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'testops-queue-run-'));
// PostgreSQL runs as the postgres user and must reach its data folder inside.
fs.chmodSync(runDir, 0o755);
let child;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (child) child.kill(signal);
	});
}

function runJest(line) {
	return new Promise((resolve) => {
		child = spawn(
			jest,
			['-c', 'jest.queue.config.js', '--runInBand', '--forceExit', ...process.argv.slice(2)],
			{
				stdio: 'inherit',
				env: { ...process.env, N8N_LINE: line, QUEUE_RUN_DIR: runDir },
				cwd: path.join(__dirname, '..'),
			},
		);
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

(async () => {
	let status = 0;
	for (const line of lines) {
		process.stderr.write(`\n=== queue mode on n8n line ${line}\n`);
		ensureN8n(Number(line));
		const started = Date.now();
		const code = await runJest(line);
		const leftovers = sweep(runDir);
		if (leftovers.length)
			process.stderr.write(`=== stopped what the run left behind: ${leftovers.join(', ')}\n`);
		process.stderr.write(
			`=== queue mode on n8n line ${line}: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
		);
		if (code !== 0) status = code || 1;
	}
	process.exit(status);
})();
