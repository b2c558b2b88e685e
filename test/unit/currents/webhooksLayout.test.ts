/**
 * The Currents Webhooks node is assembled from resources/webhook/<operation>.ts through one map:
 * the Operation dropdown, the fields, execute() and the __schema__ previews all follow it.
 */
import type { INodeProperties } from 'n8n-workflow';

import { CURRENTS_EVENT_NAMES, currentsEvents } from '../../../nodes/Currents/catalog';
import { OPENLAYER_EVENT_NAMES, openlayerEvents } from '../../../nodes/Openlayer/catalog';
import { CurrentsWebhooks } from '../../../nodes/CurrentsWebhooks/CurrentsWebhooks.node';
import { outputSchemas } from '../../../nodes/CurrentsWebhooks/outputSchemas';
import { webhookOperations } from '../../../nodes/CurrentsWebhooks/resources/webhook';

const description = new CurrentsWebhooks().description;
const operationProperty = description.properties.find((p) => p.name === 'operation')!;
const visibleFor = (operation: string) =>
	description.properties.filter((p: INodeProperties) =>
		p.displayOptions?.show?.operation?.includes(operation),
	);

describe('resources/webhook', () => {
	const names = Object.keys(webhookOperations);

	test('one module per operation, each with its option, fields, output schema and execute', () => {
		expect([...names].sort()).toEqual(['create', 'delete', 'get', 'list', 'update']);
		for (const [name, op] of Object.entries(webhookOperations)) {
			expect(op.option.value).toBe(name);
			expect(typeof op.execute).toBe('function');
			for (const p of op.description) expect(p.displayOptions?.show?.operation).toEqual([name]);
		}
	});

	test('the Operation dropdown lists the map, sorted by name as the n8n lint wants', () => {
		const options = (operationProperty.options ?? []) as Array<{ name: string; value: string }>;
		expect(options.map((o) => o.value)).toEqual(names);
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort());
	});

	test('each operation shows exactly its own fields', () => {
		for (const [name, op] of Object.entries(webhookOperations)) {
			expect(visibleFor(name).map((p) => p.name)).toEqual(op.description.map((p) => p.name));
		}
		expect(visibleFor('create').map((p) => p.name)).toEqual([
			'project',
			'url',
			'hookEvents',
			'additionalFields',
			'revealHeaderValues',
		]);
		expect(visibleFor('update').map((p) => p.name)).toEqual([
			'hookId',
			'updateFields',
			'revealHeaderValues',
		]);
	});

	test('one __schema__ preview per operation of the map', () => {
		expect(outputSchemas().map((f) => f.file)).toEqual(
			names.map((n) => `v1.0.0/webhook/${n}.json`),
		);
		const del = outputSchemas().find((f) => f.file.endsWith('/delete.json'))!;
		expect(Object.keys(del.schema.properties ?? {})).toEqual(['deleted', 'hookId']);
	});
});

describe('event names come from the catalog entries', () => {
	test('Currents and Openlayer name lists are the entries, in order', () => {
		expect(CURRENTS_EVENT_NAMES).toEqual(currentsEvents.map((e) => e.name));
		expect(OPENLAYER_EVENT_NAMES).toEqual(openlayerEvents.map((e) => e.name));
	});
});
