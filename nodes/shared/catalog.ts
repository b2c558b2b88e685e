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

/**
 * A value built on first use and kept: the zod schemas of the catalogs and the summary are built
 * this way, since n8n loads every node at start-up and a trigger needs only event names then.
 */
export function once<T>(build: () => T): () => T {
	let value: T | undefined;
	return () => (value ??= build());
}

/**
 * An event whose schema is built on first use (`schema` is a getter), not when the catalog loads:
 * n8n loads every node at start-up and a trigger needs only the names and descriptions then.
 */
export function defineLazyEvent<const Name extends string, Schema extends z.ZodType>(
	spec: Omit<EventSpec<Name, Schema>, 'schema'> & { schema: () => Schema },
): EventSpec<Name, Schema> {
	const { schema, ...rest } = spec;
	const built = once(schema);
	return {
		...rest,
		get schema() {
			return built();
		},
	};
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

/**
 * Node options, sorted by display name as n8n's lint wants, values being the vendor's event names.
 * A plain code-unit comparison, not `localeCompare`: the first `localeCompare` in a process loads
 * ICU collation data, which slows every node's load, and the display names are ASCII title case,
 * where both orders agree (test/unit/shared/catalog.test.ts checks it for every catalog).
 */
export function eventOptions(events: readonly EventSpec[]): INodePropertyOptions[] {
	return events
		.map((e) => ({ name: e.displayName, value: e.name, description: e.description }))
		.sort(byOptionName);
}

/** The order of eventOptions, for option lists built elsewhere. */
export function byOptionName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Canvas subtitle of an Events picker: the chosen events' display names, not the vendor's raw names.
 * `labels` maps each option value to its label; `allByResource` (Qase) names the "all events" choice
 * per entity. The map is written into the expression, flat, so it never contains the `}}` that would
 * end the expression early.
 */
export function eventsSubtitle(
	options: readonly INodePropertyOptions[],
	all?: { value: string; labelByResource: Record<string, string> },
): string {
	const labels = JSON.stringify(Object.fromEntries(options.map((o) => [String(o.value), o.name])));
	const label = all
		? `(e === ${JSON.stringify(all.value)} ? (${JSON.stringify(all.labelByResource)})[$parameter["resource"]] : (${labels})[e])`
		: `(${labels})[e]`;
	return `={{($parameter["events"] || []).map(e => ${label} || e).join(", ")}}`;
}

export type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown> };

/**
 * n8n's schema preview shows `anyOf: [T, null]` as a field of unknown type, so for the preview a
 * nullable field is shown as its non-null type (the description says when it can be null).
 */
function collapseNullable(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(collapseNullable);
	if (node === null || typeof node !== 'object') return node;
	const obj = Object.fromEntries(
		Object.entries(node).map(([k, v]) => [k, collapseNullable(v)]),
	) as Record<string, unknown>;
	const anyOf = obj.anyOf;
	if (Array.isArray(anyOf)) {
		const nonNull = anyOf.filter(
			(m) => !(m && typeof m === 'object' && (m as { type?: unknown }).type === 'null'),
		);
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
	const json = collapseNullable(
		z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }),
	) as JsonSchema;
	delete json.$schema;
	return json;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
	v !== null && typeof v === 'object' && !Array.isArray(v);

const isObjectSchema = (s: unknown): s is JsonSchema =>
	isPlainObject(s) && s.type === 'object' && isPlainObject(s.properties);

/** A copy of `obj` without `keys`. */
function without(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));
}

/** One field seen in several events: the same schema stays, objects merge, other conflicts become anyOf. */
function mergeField(a: unknown, b: unknown): unknown {
	if (JSON.stringify(a) === JSON.stringify(b)) return a;
	if (isObjectSchema(a) && isObjectSchema(b)) {
		return { ...without(a, ['properties', 'required']), ...mergeObjectSchemas([a, b]) };
	}
	const members: unknown[] = [];
	for (const s of [a, b]) {
		const list =
			isPlainObject(s) &&
			Array.isArray(s.anyOf) &&
			Object.keys(s).every((k) => k === 'anyOf' || k === 'description')
				? s.anyOf
				: [s];
		for (const m of list) {
			const bare = without(m as Record<string, unknown>, ['description']);
			if (!members.some((x) => JSON.stringify(x) === JSON.stringify(bare))) members.push(bare);
		}
	}
	const descriptions = [a, b]
		.map((s) => (isPlainObject(s) ? s.description : undefined))
		.filter((d): d is string => typeof d === 'string');
	const description = [...new Set(descriptions.flatMap((d) => d.split(' / ')))].join(' / ');
	return description ? { anyOf: members, description } : { anyOf: members };
}

/**
 * n8n's editor only previews a schema with non-empty top-level `properties`, so a group of events
 * (a union) becomes one object whose properties are those of every member, in the order the
 * schemas come; a field that only some events carry is not required. A field typed differently by
 * two events (Qase's `cases`: a map in plan events, a count in run events) is `anyOf` both types,
 * never the first one seen.
 */
export function mergeObjectSchemas(schemas: JsonSchema[]): JsonSchema {
	const properties: Record<string, unknown> = {};
	let required: string[] | undefined;
	for (const s of schemas) {
		for (const [key, value] of Object.entries(s.properties ?? {})) {
			properties[key] = key in properties ? mergeField(properties[key], value) : value;
		}
		const req = Array.isArray(s.required) ? (s.required as string[]) : [];
		required = required === undefined ? req : required.filter((k) => req.includes(k));
	}
	return { type: 'object', properties, required: required ?? [], additionalProperties: true };
}

/**
 * The preview of what documented deliveries produce: an optional field that none of the given
 * output items carries is left out (a reading only one page of the vendor docs gives, such as
 * Qase's `skiped`, or a field an option adds). Required fields always stay; nested objects and
 * arrays are pruned the same way against the values found at their path.
 */
export function pruneToSamples(schema: unknown, samples: readonly unknown[]): unknown {
	if (!isPlainObject(schema)) return schema;
	if (Array.isArray(schema.anyOf)) {
		return { ...schema, anyOf: schema.anyOf.map((member) => pruneToSamples(member, samples)) };
	}
	if (isObjectSchema(schema)) {
		const objects = samples.filter(isPlainObject);
		if (objects.length === 0) return schema;
		const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
		const properties: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(schema.properties!)) {
			const values = objects.filter((o) => key in o).map((o) => o[key]);
			if (values.length === 0 && !required.includes(key)) continue;
			properties[key] = pruneToSamples(value, values);
		}
		return { ...schema, properties };
	}
	if (schema.type === 'array' && isPlainObject(schema.items)) {
		const elements = samples.filter(Array.isArray).flat();
		return elements.length === 0
			? schema
			: { ...schema, items: pruneToSamples(schema.items, elements) };
	}
	return schema;
}

/** A file under the node's `__schema__` folder: `v1.0.0.json` or `v1.0.0/<resource>.json`. */
export interface SchemaFile {
	file: string;
	schema: JsonSchema;
}
