import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import {
	eventsOfEntity,
	payloadOutputSchema,
	QASE_ENTITIES,
	qaseEvents,
	type QaseEventSpec,
} from '../Qase/catalog';
import { ALL_ENTITIES, payloadWithContext } from '../Qase/receive';
import { isQaseSummaryEvent, qaseSummary } from '../Qase/summary';
import {
	mergeObjectSchemas,
	pruneToSamples,
	toJsonSchema,
	type JsonSchema,
	type SchemaFile,
} from '../shared/catalog';
import { SUMMARY_OUTPUT, summaryPreview } from '../shared/summary';

/** The item the node outputs for an event's documented delivery, with the default settings. */
export function eventOutputItem(event: QaseEventSpec): Record<string, unknown> {
	return payloadWithContext(event.sample);
}

/**
 * One event's item in the default output ("Payload with Context"), as its documented delivery
 * produces it. Fields Resolve Full Record adds (record, record_error) are not previewed: n8n picks a
 * preview by `resource` and `operation` only, and the option is off by default.
 */
export function eventOutputSchema(event: QaseEventSpec): JsonSchema {
	return pruneToSamples(toJsonSchema(payloadOutputSchema(event)), [
		eventOutputItem(event),
	]) as JsonSchema;
}

/** An event's delivery as Qase sent it ("Whole Envelope"). */
function envelopeSchema(event: QaseEventSpec): JsonSchema {
	return pruneToSamples(toJsonSchema(event.schema), [event.sample]) as JsonSchema;
}

/** One object schema for several events, `field` listing the event names they can carry. */
function merged(schemas: JsonSchema[], field: string, names: readonly string[]): JsonSchema {
	const schema = mergeObjectSchemas(schemas);
	schema.properties![field] = toJsonSchema(
		z.enum(names as [string, ...string[]]).describe('Qase event name'),
	);
	return schema;
}

const names = (events: readonly QaseEventSpec[]) => events.map((e) => e.name);

/** The summary item a documented run event becomes (the receive time stands in if it had none). */
export function summaryOutputItem(event: QaseEventSpec): Record<string, unknown> {
	return qaseSummary(structuredClone(event.sample) as IDataObject, '2024-01-01T00:00:00.000Z');
}

/** An item of "Test Run Summary": a summary for run events, the default payload for the others. */
export function summaryModeItem(event: QaseEventSpec): Record<string, unknown> {
	return isQaseSummaryEvent(event.name) ? summaryOutputItem(event) : eventOutputItem(event);
}

/**
 * "Test Run Summary" of these events: the summary of their run events (run started, completed,
 * aborted), beside the default payload of the others, which keep it.
 */
function summarySchema(events: readonly QaseEventSpec[]): JsonSchema {
	const runs = events.filter((e) => isQaseSummaryEvent(e.name));
	const others = events.filter((e) => !isQaseSummaryEvent(e.name));
	const schemas = others.map(eventOutputSchema);
	if (runs.length > 0) {
		const raw = merged(runs.map(envelopeSchema), 'event_name', names(runs));
		schemas.unshift(
			summaryPreview({
				source: 'qase',
				events: names(runs),
				raw,
				items: runs.map(summaryOutputItem),
			}),
		);
	}
	return merged(schemas, 'event', names(events));
}

/** The Output choices of version 1.1 (parameter `operation`), each with its preview and items. */
const outputs: Array<{
	value: string;
	schema: (events: readonly QaseEventSpec[]) => JsonSchema;
	item: (event: QaseEventSpec) => Record<string, unknown>;
}> = [
	{
		value: 'payload',
		schema: (events) => merged(events.map(eventOutputSchema), 'event', names(events)),
		item: eventOutputItem,
	},
	{
		value: 'envelope',
		schema: (events) => merged(events.map(envelopeSchema), 'event_name', names(events)),
		item: (event) => event.sample,
	},
	{ value: SUMMARY_OUTPUT, schema: summarySchema, item: summaryModeItem },
];

/** Each preview file with the events whose items it previews and those items. */
export function previews(): Array<
	SchemaFile & { events: readonly QaseEventSpec[]; items: Array<Record<string, unknown>> }
> {
	const groups: Array<[string, readonly QaseEventSpec[]]> = [
		[ALL_ENTITIES, qaseEvents],
		...QASE_ENTITIES.map((entity): [string, readonly QaseEventSpec[]] => [
			entity,
			eventsOfEntity(entity),
		]),
	];
	const [payload] = outputs;
	// Version 1 (parameter `output`, which the editor cannot follow): the default output.
	const v1: Array<[string, readonly QaseEventSpec[]]> = [
		['v1.0.0.json', qaseEvents],
		...groups.map(([group, events]): [string, readonly QaseEventSpec[]] => [
			`v1.0.0/${group}.json`,
			events,
		]),
	];
	return [
		...v1.map(([file, events]) => ({
			file,
			events,
			schema: payload.schema(events),
			items: events.map(payload.item),
		})),
		// Version 1.1: one per Entity and Output, as the editor asks for <resource>/<operation>.json.
		...groups.flatMap(([group, events]) =>
			outputs.map((output) => ({
				file: `v1.1.0/${group}/${output.value}.json`,
				events,
				schema: output.schema(events),
				items: events.map(output.item),
			})),
		),
	];
}

/**
 * n8n asks for `__schema__/v<version>/<resource>[/<operation>].json`, taking `resource` (Entity)
 * and `operation` (Output, version 1.1) from the node's parameters.
 */
export function outputSchemas(): SchemaFile[] {
	return previews().map(({ file, schema }) => ({ file, schema }));
}
