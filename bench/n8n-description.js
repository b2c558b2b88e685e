'use strict';
// Section 3b: what n8n itself does with each trigger's node description on every delivery,
// measured inside n8n's own n8n-workflow functions (the copy of the given n8n line):
// NodeHelpers.getNodeParameters (every `new Workflow()`, at least once per delivery) and
// NodeHelpers.getNodeParametersIssues (once per execution, in WorkflowExecute). It explains
// end-to-end differences that our webhook() code does not.
//   <node of that line> bench/n8n-description.js <n8n cache dir> [--quick]   prints JSON on stdout
const path = require('node:path');

const { summarize, timeCallsSync } = require('./lib/stats');
const { triggers, fromDist } = require('./lib/triggers');

const n8nDir = path.resolve(process.argv[2]);
const QUICK = process.argv.includes('--quick');
const RUN = QUICK ? { warmup: 100, iterations: 300 } : { warmup: 500, iterations: 3000 };

function main() {
	const { NodeHelpers } = require(path.join(n8nDir, 'node_modules', 'n8n-workflow'));
	const base = path.join(n8nDir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes');
	const version = require(path.join(n8nDir, 'node_modules', 'n8n', 'package.json')).version;
	const cases = [
		{
			node: "n8n's Webhook node (v2)",
			type: () => new (require(path.join(base, 'Webhook', 'Webhook.node.js')).Webhook)(),
			typeVersion: 2,
			params: {
				httpMethod: 'POST',
				path: 'bench-webhook/webhook',
				responseMode: 'onReceived',
				options: {},
			},
		},
		...Object.values(triggers).map((t) => ({
			node: `our ${t.label}`,
			type: () => new (fromDist(t.nodeFile)[t.className])(),
			typeVersion: 1,
			params: t.params,
		})),
	];
	const nativeCurrents = path.join(base, 'Currents', 'CurrentsTrigger.node.js');
	try {
		require.resolve(nativeCurrents);
		cases.push({
			node: "n8n's Currents Trigger",
			type: () => new (require(nativeCurrents).CurrentsTrigger)(),
			typeVersion: 1,
			params: {
				projectId: { __rl: true, mode: 'id', value: 'proj_alpha' },
				events: triggers.currents.params.events,
			},
		});
	} catch {
		// n8n 1.x has no Currents Trigger.
	}
	const results = [];
	for (const c of cases) {
		const nodeType = c.type();
		const desc = nodeType.nodeVersions
			? nodeType.nodeVersions[c.typeVersion].description
			: nodeType.description;
		const node = {
			id: 'bench',
			name: 'Trigger',
			type: 'bench',
			typeVersion: c.typeVersion,
			position: [0, 0],
			parameters: c.params,
			credentials: {},
		};
		const issues = NodeHelpers.getNodeParametersIssues(desc.properties, node, desc);
		if (issues)
			throw new Error(
				`${c.node}: the benchmark's parameters have issues: ${JSON.stringify(issues)}`,
			);
		const params = summarize(
			timeCallsSync(
				() =>
					NodeHelpers.getNodeParameters(desc.properties, node.parameters, true, false, node, desc),
				RUN,
			),
		);
		const issuesCheck = summarize(
			timeCallsSync(() => NodeHelpers.getNodeParametersIssues(desc.properties, node, desc), RUN),
		);
		results.push({
			node: c.node,
			properties: desc.properties.length,
			getNodeParameters: params,
			getNodeParametersIssues: issuesCheck,
		});
	}
	process.stdout.write(JSON.stringify({ n8nVersion: version, node: process.version, results }));
}

try {
	main();
} catch (error) {
	process.stderr.write(`[n8n-description] could not measure: ${error.stack || error}\n`);
	process.exit(1);
}
