import { NodeHelpers, type INode, type INodeParameters, type INodeType } from 'n8n-workflow';

import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { OpenlayerTrigger } from '../../../nodes/OpenlayerTrigger/OpenlayerTrigger.node';
import { QaseTrigger } from '../../../nodes/QaseTrigger/QaseTrigger.node';
import { readRepoFile } from '../../helpers/repo';

/*
 * The importable workflows in examples/: a user importing one gets the trigger's current version
 * (1.1 with Output named `operation`; 1 for Qase), and every parameter the example sets is one n8n keeps for that
 * version (n8n drops a parameter its displayOptions hide, so a stale name would silently do nothing).
 */
const EXAMPLES = [
	'ai-agent-triage-failed-run.json',
	'all-triggers-summary-to-channel.json',
	'currents-failures-to-github-issue.json',
	'currents-run-to-qase-run.json',
	'openlayer-failing-to-email.json',
	'qase-run-completed-to-slack.json',
];

const triggers: Record<string, INodeType> = Object.fromEntries(
	[new CurrentsTrigger(), new OpenlayerTrigger(), new QaseTrigger()].map((t) => [
		`n8n-nodes-testops.${t.description.name}`,
		t,
	]),
);

const triggerNodes = EXAMPLES.flatMap((file) =>
	(JSON.parse(readRepoFile(`examples/${file}`)) as { nodes: INode[] }).nodes
		.filter((node) => node.type in triggers)
		.map((node) => [file, node.name, node] as const),
);

describe('trigger nodes in examples/', () => {
	it('every example has at least one of our triggers', () => {
		expect(new Set(triggerNodes.map(([file]) => file)).size).toBe(EXAMPLES.length);
	});

	it.each(triggerNodes)('%s, %s: current version, every parameter kept', (_file, _name, node) => {
		const { description } = triggers[node.type];
		expect(node.typeVersion).toBe(description.defaultVersion);
		// Output is `operation` from 1.1 on, `output` in version 1 (saved before 1.1).
		expect(node.parameters).not.toHaveProperty(node.typeVersion === 1 ? 'operation' : 'output');
		const resolved = NodeHelpers.getNodeParameters(
			description.properties,
			node.parameters,
			true,
			false,
			node,
			description,
		) as INodeParameters;
		expect(resolved).toMatchObject(node.parameters);
		const outputName = node.typeVersion === 1 ? 'output' : 'operation';
		const output = description.properties.find((p) => p.name === outputName)!;
		expect(output.options!.map((o) => (o as { value: string }).value)).toContain(
			resolved[outputName],
		);
	});
});
