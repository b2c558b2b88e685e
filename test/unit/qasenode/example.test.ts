import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';

import { readRepoFile } from '../../helpers/repo';
import { node } from './helpers';

/*
 * The Qase TestOps nodes of examples/currents-run-to-qase-run.json: current version, and every
 * parameter the example sets is one n8n keeps (n8n drops a parameter its displayOptions hide, so a
 * stale name would silently do nothing).
 */
const example = JSON.parse(readRepoFile('examples/currents-run-to-qase-run.json')) as {
	id: string;
	nodes: INode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const qaseNodes = example.nodes.filter((n) => n.type === 'n8n-nodes-testops.qaseTestOps');

describe('examples/currents-run-to-qase-run.json', () => {
	it('has a workflow id n8n imports (at most 16 characters)', () => {
		expect(example.id.length).toBeLessThanOrEqual(16);
	});

	it('runs Currents Trigger → Create Qase Run → ... → Record Results → Complete Qase Run', () => {
		const order = ['Currents Trigger'];
		while (example.connections[order.at(-1)!])
			order.push(example.connections[order.at(-1)!].main[0][0].node);
		expect(order).toEqual([
			'Currents Trigger',
			'Create Qase Run',
			'Results to Record',
			'One Item per Result',
			'Record Results',
			'Complete Qase Run',
		]);
		expect(qaseNodes.map((n) => n.name)).toEqual([
			'Create Qase Run',
			'Record Results',
			'Complete Qase Run',
		]);
	});

	it.each(qaseNodes.map((n) => [n.name, n] as const))('%s: every parameter kept', (_, n) => {
		expect(n.typeVersion).toBe(node.description.version);
		const resolved = NodeHelpers.getNodeParameters(
			node.description.properties,
			n.parameters,
			true,
			false,
			n,
			node.description,
		) as INodeParameters;
		expect(resolved).toMatchObject(n.parameters);
		// The bulk operation, so a run's results go in one request.
		if (n.name === 'Record Results') expect(n.parameters.operation).toBe('createMany');
	});
});
