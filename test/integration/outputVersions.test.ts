/**
 * The Output parameter by node version through n8n-core (parameters resolved against the node's
 * description with its displayOptions, as n8n does when it runs a saved workflow): a version-1 node
 * saved with `output` runs as it did, a version-1.1 node reads `operation`, and each version ignores
 * the other name.
 */
import type { IDataObject } from 'n8n-workflow';

import { currentsEvents } from '../../nodes/Currents/catalog';
import { openlayerEvents } from '../../nodes/Openlayer/catalog';
import { qaseEvents } from '../../nodes/Qase/catalog';
import { payloadWithContext } from '../../nodes/Qase/receive';
import { runNode } from './engine';
import { shutdownN8nCore } from './shutdown';

afterAll(() => shutdownN8nCore());

const sampleOf = (events: readonly { name: string; sample: object }[], name: string) =>
	structuredClone(events.find((e) => e.name === name)!.sample) as IDataObject;

const triggers: Array<{
	type: string;
	source: string;
	parameters: IDataObject;
	/** What webhook() hands to execute() in summary mode (Qase: the envelope). */
	summaryInput: IDataObject;
	/** What webhook() hands to execute() by default: execute() passes it on unchanged. */
	defaultItem: IDataObject;
}> = [
	{
		type: 'qaseTrigger',
		source: 'qase',
		parameters: { resource: 'all', events: ['*'] },
		summaryInput: sampleOf(qaseEvents, 'run.completed'),
		defaultItem: payloadWithContext(sampleOf(qaseEvents, 'run.completed')),
	},
	{
		type: 'currentsTrigger',
		source: 'currents',
		parameters: { setupMode: 'manual', events: ['RUN_FINISH'] },
		summaryInput: sampleOf(currentsEvents, 'RUN_FINISH'),
		defaultItem: sampleOf(currentsEvents, 'RUN_FINISH'),
	},
	{
		type: 'openlayerTrigger',
		source: 'openlayer',
		parameters: { events: ['*'], options: { ignoreRetries: false } },
		summaryInput: sampleOf(openlayerEvents, 'tests.result.updated'),
		defaultItem: sampleOf(openlayerEvents, 'tests.result.updated'),
	},
];

describe.each(triggers)('$type in n8n-core', (t) => {
	const run = async (typeVersion: number, parameters: IDataObject, input: IDataObject) => {
		const { run: execution, items } = await runNode({
			type: t.type,
			typeVersion,
			parameters: { ...t.parameters, ...parameters },
			input: [{ json: input }],
			mode: 'webhook',
		});
		expect(execution.status).toBe('success');
		return items.map((i) => i.json);
	};

	test.each([
		[1, { output: 'summary' }],
		[1.1, { operation: 'summary' }],
	])('version %s with %j outputs the summary', async (typeVersion, parameters) => {
		const [item] = await run(typeVersion, parameters, t.summaryInput);
		expect(item).toMatchObject({ source: t.source, raw: t.summaryInput });
	});

	test.each([
		[1, {}],
		[1.1, {}],
		[1, { operation: 'summary' }],
		[1.1, { output: 'summary' }],
	])('version %s with %j keeps the default output', async (typeVersion, parameters) => {
		expect(await run(typeVersion, parameters, t.defaultItem)).toEqual([t.defaultItem]);
	});
});
