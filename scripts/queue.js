#!/usr/bin/env node
'use strict';
// `npm run test:queue`: the queue-mode suite (test/queue/) on n8n line 1 (1.123) by default.
// N8N_LINE=2 runs it on n8n 2.40 instead, N8N_LINE="1 2" on both. Installs Debian's postgresql and
// redis-server first when missing (root only), and the pinned n8n when the cache lacks it, so that
// neither eats into a test's timeout. Extra arguments go to jest.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { ensureN8n } = require('./lib/n8n-install');
const { ensureServicePackages } = require('./lib/n8n-queue');

const lines = (process.env.N8N_LINE || '1').split(/[\s,]+/).filter(Boolean);
const jest = path.join(__dirname, '..', 'node_modules', '.bin', 'jest');
ensureServicePackages();
let status = 0;
for (const line of lines) {
	process.stderr.write(`\n=== queue mode on n8n line ${line}\n`);
	ensureN8n(Number(line));
	const started = Date.now();
	const res = spawnSync(jest, ['-c', 'jest.queue.config.js', '--runInBand', ...process.argv.slice(2)], {
		stdio: 'inherit',
		env: { ...process.env, N8N_LINE: line },
		cwd: path.join(__dirname, '..'),
	});
	process.stderr.write(`=== queue mode on n8n line ${line}: ${res.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
	if (res.status !== 0) status = res.status || 1;
}
process.exit(status);
