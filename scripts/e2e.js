#!/usr/bin/env node
'use strict';
// `npm run test:e2e`: the real-n8n suite on both n8n lines (1.123 on Node 20, 2.40 on Node 24), one
// after the other. N8N_LINE=1 or N8N_LINE=2 runs one line only. Extra arguments go to jest.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { ensureN8n } = require('./lib/n8n-install');

const lines = process.env.N8N_LINE ? [process.env.N8N_LINE] : ['1', '2'];
const jest = path.join(__dirname, '..', 'node_modules', '.bin', 'jest');
let status = 0;
for (const line of lines) {
	process.stderr.write(`\n=== e2e on n8n line ${line}\n`);
	// Install (first run only, minutes) before jest starts, so that it never eats into a test
	// file's beforeAll timeout.
	ensureN8n(Number(line));
	const res = spawnSync(
		jest,
		['-c', 'jest.e2e.config.js', '--runInBand', ...process.argv.slice(2)],
		{
			stdio: 'inherit',
			env: { ...process.env, N8N_LINE: line },
			cwd: path.join(__dirname, '..'),
		},
	);
	if (res.status !== 0) status = res.status || 1;
}
process.exit(status);
