import { z } from 'zod/v4';

import { eventsOfEntity, payloadOutputSchema, QASE_ENTITIES, qaseEvents, resolvedFields, type QaseEventSpec } from '../Qase/catalog';
import { isResolvable } from '../Qase/enrich';
import { ALL_ENTITIES } from '../Qase/receive';
import { mergeObjectSchemas, toJsonSchema, type JsonSchema, type SchemaFile } from '../shared/catalog';

/** What one event's item looks like in the default output ("Payload with Context"). */
export function eventOutputSchema(event: QaseEventSpec): JsonSchema {
	const base = payloadOutputSchema(event);
	// record / record_error only appear with "Resolve Full Record"; they are optional in the preview.
	return toJsonSchema(isResolvable(event.name) ? base.extend(resolvedFields) : base);
}

function merged(events: readonly QaseEventSpec[]): JsonSchema {
	const schema = mergeObjectSchemas(events.map(eventOutputSchema));
	// Every item names its event: the preview lists the possible values.
	const properties = schema.properties!;
	properties.event = toJsonSchema(z.enum(events.map((e) => e.name) as [string, ...string[]]).describe('Qase event name'));
	// The lookup's fields come last, after every event's own fields.
	for (const key of Object.keys(resolvedFields)) {
		const value = properties[key];
		delete properties[key];
		if (value !== undefined) properties[key] = value;
	}
	return schema;
}

/**
 * n8n asks for `__schema__/v1.0.0/<resource>.json`, taking `resource` from the node's parameters:
 * one preview per entity (and one for "All Entities"), plus `v1.0.0.json` as the fallback.
 */
export function outputSchemas(): SchemaFile[] {
	const all = merged(qaseEvents);
	return [
		{ file: 'v1.0.0.json', schema: all },
		{ file: `v1.0.0/${ALL_ENTITIES}.json`, schema: all },
		...QASE_ENTITIES.map((entity) => ({ file: `v1.0.0/${entity}.json`, schema: merged(eventsOfEntity(entity)) })),
	];
}
