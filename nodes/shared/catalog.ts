import type { INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod/v4';

/**
 * One documented vendor event, declared once. The node's options, the `__schema__` previews,
 * the TypeScript types, the editor sample data and the table-driven tests all derive from it.
 */
export interface EventSpec<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
	name: Name;
	displayName: string;
	description: string;
	/** Output item of the trigger for this event (the documented payload, extra fields kept). */
	schema: Schema;
	/** The vendor's documented example, as delivered. */
	sample: Record<string, unknown>;
	/** Optional grouping (Qase entity), used for grouped pickers and per-group previews. */
	group?: string;
}

export function defineEvent<const Name extends string, Schema extends z.ZodType>(
	spec: EventSpec<Name, Schema>,
): EventSpec<Name, Schema> {
	return spec;
}

/**
 * The event names of a catalog, in catalog order, typed as the union of its entries' names and
 * shaped as the non-empty tuple `z.enum` takes: the list is derived, never written a second time.
 */
export function eventNames<const Events extends readonly [EventSpec, ...EventSpec[]]>(
	events: Events,
): [Events[number]['name'], ...Array<Events[number]['name']>] {
	return events.map((e) => e.name) as [Events[number]['name'], ...Array<Events[number]['name']>];
}

/** Trigger option value that selects every event of the catalog, including ones added later. */
export const ALL_EVENTS = '*';

/** Node options, sorted by display name as n8n's lint wants, values being the vendor's event names. */
export function eventOptions(events: readonly EventSpec[]): INodePropertyOptions[] {
	return events
		.map((e) => ({ name: e.displayName, value: e.name, description: e.description }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown> };

/**
 * n8n's schema preview shows `anyOf: [T, null]` as a field of unknown type, so for the preview a
 * nullable field is shown as its non-null type (the description says when it can be null).
 */
function collapseNullable(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(collapseNullable);
	if (node === null || typeof node !== 'object') return node;
	const obj = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, collapseNullable(v)])) as Record<string, unknown>;
	const anyOf = obj.anyOf;
	if (Array.isArray(anyOf)) {
		const nonNull = anyOf.filter((m) => !(m && typeof m === 'object' && (m as { type?: unknown }).type === 'null'));
		if (nonNull.length === 1 && anyOf.length === 2) {
			const rest = { ...obj };
			delete rest.anyOf;
			return { ...(nonNull[0] as object), ...rest };
		}
	}
	return obj;
}

/** JSON Schema (draft 2020-12) of what the trigger outputs, as n8n's editor previews it. */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
	const json = collapseNullable(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' })) as JsonSchema;
	delete json.$schema;
	return json;
}

/**
 * n8n's editor only previews a schema with non-empty top-level `properties`, so a group of events
 * (a union) becomes one object whose properties are those of every member; a field that only some
 * events carry is not required.
 */
export function mergeObjectSchemas(schemas: JsonSchema[]): JsonSchema {
	const properties: Record<string, unknown> = {};
	let required: string[] | undefined;
	for (const s of schemas) {
		for (const [key, value] of Object.entries(s.properties ?? {})) {
			if (!(key in properties)) properties[key] = value;
		}
		const req = Array.isArray(s.required) ? (s.required as string[]) : [];
		required = required === undefined ? req : required.filter((k) => req.includes(k));
	}
	return { type: 'object', properties, required: required ?? [], additionalProperties: true };
}

/** A file under the node's `__schema__` folder: `v1.0.0.json` or `v1.0.0/<resource>.json`. */
export interface SchemaFile {
	file: string;
	schema: JsonSchema;
}
