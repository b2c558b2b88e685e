import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { OpenlayerTrigger } from '../../../nodes/OpenlayerTrigger/OpenlayerTrigger.node';
import { QaseTrigger } from '../../../nodes/QaseTrigger/QaseTrigger.node';
import { currentsEvents } from '../../../nodes/Currents/catalog';
import { openlayerEvents } from '../../../nodes/Openlayer/catalog';
import { qaseEvents } from '../../../nodes/Qase/catalog';
import { z } from 'zod/v4';

import { defineLazyEvent, eventOptions } from '../../../nodes/shared/catalog';

/** Every options list of a node description, nested collections included. */
function optionLists(properties: INodeProperties[]): INodePropertyOptions[][] {
	const lists: INodePropertyOptions[][] = [];
	for (const p of properties) {
		const options = (p.options ?? []) as Array<INodePropertyOptions | INodeProperties>;
		if (options.length > 0 && options.every((o) => 'value' in o))
			lists.push(options as INodePropertyOptions[]);
		else if (options.length > 0) lists.push(...optionLists(options as INodeProperties[]));
	}
	return lists;
}

const localeOrder = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));

describe('option order without localeCompare', () => {
	it.each([
		['Currents', currentsEvents],
		['Qase', qaseEvents],
		['Openlayer', openlayerEvents],
	] as const)('%s events: the same order as localeCompare', (_, events) => {
		const names = eventOptions(events).map((o) => o.name);
		expect(names).toEqual(localeOrder(names));
	});

	it.each([
		['Currents Trigger', new CurrentsTrigger()],
		['Qase Trigger', new QaseTrigger()],
		['Openlayer Trigger', new OpenlayerTrigger()],
	] as const)('%s: every sorted options list is in localeCompare order', (_, node) => {
		for (const list of optionLists(node.description.properties)) {
			const names = list.map((o) => o.name);
			const sortedByCode = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
			// Lists the node sorts (the event and entity pickers) must agree with the locale order.
			if (names.join('\n') === sortedByCode.join('\n')) expect(names).toEqual(localeOrder(names));
		}
	});
});

describe('event schemas built on first use', () => {
	it('builds the schema when it is first read, and only once', () => {
		let builds = 0;
		const event = defineLazyEvent({
			name: 'x.happened',
			displayName: 'X Happened',
			description: 'x',
			sample: { type: 'x.happened' },
			schema: () => {
				builds++;
				return z.looseObject({ type: z.literal('x.happened') });
			},
		});
		expect(builds).toBe(0);
		expect(event.name).toBe('x.happened');
		const first = event.schema;
		expect(builds).toBe(1);
		expect(event.schema).toBe(first);
		expect(builds).toBe(1);
		expect(first.safeParse(event.sample).success).toBe(true);
		expect(first.safeParse({ type: 'y' }).success).toBe(false);
	});

	it.each([
		['Currents', currentsEvents],
		['Qase', qaseEvents],
		['Openlayer', openlayerEvents],
	] as const)('%s: each event keeps one schema, which accepts its own sample', (_, events) => {
		for (const e of events) {
			expect(e.schema).toBe(e.schema);
			expect(e.schema.safeParse(e.sample).success).toBe(true);
		}
	});
});
