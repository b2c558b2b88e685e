'use strict';
// Runs in a fresh Node process: requires every node and credential listed in package.json's "n8n"
// field from dist and prints the times as JSON.
//   node require-probe.js cold   nothing loaded before (includes n8n-workflow and zod)
//   node require-probe.js host   n8n-workflow (which loads zod/v4) loaded first, as in a running n8n
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const mode = process.argv[2] === 'host' ? 'host' : 'cold';
if (mode === 'host') require('n8n-workflow');

const pkg = require(path.join(ROOT, 'package.json'));
const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
const perFile = [];
const start = process.hrtime.bigint();
for (const file of files) {
	const t0 = process.hrtime.bigint();
	require(path.join(ROOT, file));
	perFile.push({ file, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
}
const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ mode, node: process.version, totalMs, perFile }));
