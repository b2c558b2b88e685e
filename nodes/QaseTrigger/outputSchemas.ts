import { z } from 'zod/v4';

import {
	eventsOfEntity,
	payloadOutputSchema,
	QASE_ENTITIES,
	qaseEvents,
	type QaseEventSpec,
} from '../Qase/catalog';
import { ALL_ENTITIES, payloadWithContext } from '../Qase/receive';
import {
	mergeObjectSchemas,
	pruneToSamples,
	toJsonSchema,
	type JsonSchema,
	type SchemaFile,
} from '../shared/catalog';

/** The item the node outputs for an event's documented delivery, with the default settings. */
export function eventOutputItem(event: QaseEventSpec): Record<string, unknown> {
	return payloadWithContext(event.sample);
}

/**
 * One event's item in the default output ("Payload with Context"), as its documented delivery
 * produces it. Fields Resolve Full Record adds (record, record_error) are not previewed: n8n picks a
 * preview by `resource` only, and the option is off by default.
 */
export function eventOutputSchema(event: QaseEventSpec): JsonSchema {
	return pruneToSamples(toJsonSchema(payloadOutputSchema(event)), [
		eventOutputItem(event),
	]) as JsonSchema;
}

function merged(events: readonly QaseEventSpec[]): JsonSchema {
	const schema = mergeObjectSchemas(events.map(eventOutputSchema));
	// Every item names its event: the preview lists the possible values.
	schema.properties!.event = toJsonSchema(
		z.enum(events.map((e) => e.name) as [string, ...string[]]).describe('Qase event name'),
	);
	return schema;
}

/** Each preview file with the events whose items it previews. */
export function previews(): Array<SchemaFile & { events: readonly QaseEventSpec[] }> {
	const groups: Array<[string, readonly QaseEventSpec[]]> = [
		['v1.0.0.json', qaseEvents],
		[`v1.0.0/${ALL_ENTITIES}.json`, qaseEvents],
		...QASE_ENTITIES.map((entity): [string, readonly QaseEventSpec[]] => [
			`v1.0.0/${entity}.json`,
			eventsOfEntity(entity),
		]),
	];
	return groups.map(([file, events]) => ({ file, events, schema: merged(events) }));
}

/**
 * n8n asks for `__schema__/v1.0.0/<resource>.json`, taking `resource` from the node's parameters:
 * one preview per entity (and one for "All Entities"), plus `v1.0.0.json` as the fallback.
 */
export function outputSchemas(): SchemaFile[] {
	return previews().map(({ file, schema }) => ({ file, schema }));
}
