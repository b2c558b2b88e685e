#!/usr/bin/env node
'use strict';
// Moves exported n8n workflows between the bundle (n8n-nodes-testops) and the single-service
// packages (n8n-nodes-testops-qase, -openlayer, -currents). n8n names a community node's type
// `<package>.<node>`, so a workflow saved with the bundle has `n8n-nodes-testops.qaseTrigger` and one
// built with the Qase package `n8n-nodes-testops-qase.qaseTrigger`; credential types carry no
// package name (`qaseTestOpsApi`) and stay as they are.
//
//   node migrate-workflow.js --to n8n-nodes-testops-qase workflow.json > migrated.json
//   node migrate-workflow.js --to n8n-nodes-testops workflow.json > migrated.json
//
// Reads one exported workflow or an array of them (`n8n export:workflow --all`), from a file or
// stdin, writes the result to stdout and lists the rewritten nodes on stderr. A node whose service
// the target package does not hold is left as it is, and named on stderr (exit code 2).
// Self-contained (Node.js only), so it can be run from a clone or downloaded alone; n8n's scanner
// refuses file-system and process access in a node package, so it is not shipped inside one.
const fs = require('node:fs');

const BUNDLE = 'n8n-nodes-testops';
/**
 * Each single-service package holds the nodes whose type name starts with its vendor (qaseTrigger,
 * currentsWebhooks, …); test/unit/packaging checks this against the service map, so a node added to
 * a package needs no change here.
 */
const PACKAGES = {
	'n8n-nodes-testops-qase': 'qase',
	'n8n-nodes-testops-openlayer': 'openlayer',
	'n8n-nodes-testops-currents': 'currents',
};
const OURS = [BUNDLE, ...Object.keys(PACKAGES)];

/**
 * Rewrites the node types of one workflow (or an array) for the package `to`. Returns the new
 * workflow(s), the rewritten nodes and the nodes `to` does not hold.
 */
function migrateWorkflow(input, to) {
	if (!OURS.includes(to)) throw new Error(`--to must be one of ${OURS.join(', ')}`);
	const changed = [];
	const skipped = [];
	const one = (wf) => ({
		...wf,
		nodes: (wf.nodes || []).map((node) => {
			const dot = typeof node.type === 'string' ? node.type.indexOf('.') : -1;
			const pkg = dot > 0 ? node.type.slice(0, dot) : '';
			const name = node.type.slice(dot + 1);
			if (!OURS.includes(pkg) || pkg === to) return node;
			if (to !== BUNDLE && !name.startsWith(PACKAGES[to])) {
				skipped.push({ workflow: wf.name, node: node.name, type: node.type });
				return node;
			}
			const type = `${to}.${name}`;
			changed.push({ workflow: wf.name, node: node.name, from: node.type, to: type });
			return { ...node, type };
		}),
	});
	const output = Array.isArray(input) ? input.map(one) : one(input);
	return { output, changed, skipped };
}

function main(argv) {
	const at = argv.indexOf('--to');
	const to = at >= 0 ? argv[at + 1] : undefined;
	const file = argv.filter((a, i) => a !== '--to' && i !== at + 1)[0];
	if (!to) {
		process.stderr.write(
			`usage: migrate-workflow.js --to <${OURS.join('|')}> [workflow.json] > out.json\n`,
		);
		return 1;
	}
	const input = JSON.parse(fs.readFileSync(file && file !== '-' ? file : 0, 'utf8'));
	const { output, changed, skipped } = migrateWorkflow(input, to);
	process.stdout.write(JSON.stringify(output, null, 2) + '\n');
	for (const c of changed) process.stderr.write(`${c.workflow}: ${c.node}: ${c.from} -> ${c.to}\n`);
	for (const s of skipped)
		process.stderr.write(`${s.workflow}: ${s.node}: ${s.type} is not in ${to}, left as it is\n`);
	return skipped.length ? 2 : 0;
}

if (require.main === module) {
	try {
		process.exitCode = main(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message}\n`);
		process.exitCode = 1;
	}
}

module.exports = { migrateWorkflow, PACKAGES, BUNDLE };
