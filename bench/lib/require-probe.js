'use strict';
// Runs in a fresh Node process: requires every node and credential listed in package.json's "n8n"
// field from dist and prints the times as JSON.
//   node require-probe.js cold   nothing loaded before (includes n8n-workflow and zod)
//   node require-probe.js host   n8n-workflow (which loads zod/v4) loaded first, as in a running n8n
//   node require-probe.js host <root>   the same for the package built in another checkout
const path = require('node:path');

const ROOT = process.argv[3] ? path.resolve(process.argv[3]) : path.resolve(__dirname, '..', '..');
const mode = process.argv[2] === 'host' ? 'host' : 'cold';
if (mode === 'host') require('n8n-workflow');

const pkg = require(path.join(ROOT, 'package.json'));
const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
const perFile = [];
// CPU time besides wall time: on a shared machine the wall time includes waiting for a core.
const cpu0 = process.cpuUsage();
const start = process.hrtime.bigint();
for (const file of files) {
	const t0 = process.hrtime.bigint();
	require(path.join(ROOT, file));
	perFile.push({ file, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
}
const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ mode, node: process.version, totalMs, cpuMs, perFile }));
