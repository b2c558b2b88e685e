import { z } from 'zod/v4';

import { currentsEvents } from '../../../nodes/Currents/catalog';
import { openlayerEvents } from '../../../nodes/Openlayer/catalog';
import { qaseEvents } from '../../../nodes/Qase/catalog';
import type { EventSpec } from '../../../nodes/shared/catalog';
import { surelyMatches } from '../../../nodes/shared/schemaCheck';

const catalogs: Array<[string, readonly EventSpec[]]> = [
	['Openlayer', openlayerEvents],
	['Qase', qaseEvents],
	['Currents', currentsEvents],
];
const allEvents = catalogs.flatMap(([vendor, events]) =>
	events.map((e) => [`${vendor} ${e.name}`, e] as const),
);
/**
 * The events whose schema the shortcut leaves to zod (their `cases` is a z.record). A schema has the
 * shortcut exactly when surelyMatches answers true for a value zod accepts, such as its sample;
 * without it, surelyMatches answers false ("ask zod") for every value.
 */
const LEFT_TO_ZOD = new Set(['Qase plan.created', 'Qase plan.updated']);

/** Values a field is swapped for: every JSON type, and numbers at the edges of zod's checks. */
const REPLACEMENTS: unknown[] = [
	null,
	'',
	'x',
	true,
	false,
	0,
	-1,
	1.5,
	2 ** 53,
	[],
	['x'],
	[1],
	[null],
	{},
	{ id: 'x' },
];

type Path = Array<string | number>;

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
	if (value === null || typeof value !== 'object') return [];
	const out: Path[] = [];
	const entries: Array<[string | number, unknown]> = Array.isArray(value)
		? value.map((v, i) => [i, v])
		: Object.entries(value);
	for (const [key, child] of entries) {
		const path = [...prefix, key];
		out.push(path, ...pathsOf(child, path));
	}
	return out;
}

/** A deep copy of `value` with the value at `path` replaced, or deleted when `replacement` is `DELETE`. */
const DELETE = Symbol('delete');
function altered(value: unknown, path: Path, replacement: unknown): unknown {
	const copy = structuredClone(value) as Record<string | number, unknown>;
	let parent = copy;
	for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
	const last = path[path.length - 1];
	if (replacement === DELETE) {
		if (Array.isArray(parent)) parent.splice(last as number, 1);
		else delete parent[last];
	} else {
		parent[last] = replacement;
	}
	return copy;
}

describe('schema shortcut (surelyMatches)', () => {
	it('serves every Openlayer event, the ones validated on the delivery path', () => {
		for (const event of openlayerEvents) {
			expect(event.schema.safeParse(event.sample).success).toBe(true);
			expect(surelyMatches(event.schema, event.sample)).toBe(true);
		}
	});

	it.each(allEvents)('%s: the documented sample passes, as it does in zod', (name, event) => {
		expect(event.schema.safeParse(event.sample).success).toBe(true);
		expect(surelyMatches(event.schema, event.sample)).toBe(!LEFT_TO_ZOD.has(name));
	});

	it('agrees with zod on every field of every sample deleted or swapped for another type', () => {
		let compared = 0;
		let refused = 0;
		const disagreements: string[] = [];
		for (const [name, event] of allEvents) {
			if (LEFT_TO_ZOD.has(name)) continue;
			for (const path of pathsOf(event.sample)) {
				for (const replacement of [DELETE, ...REPLACEMENTS]) {
					const value = altered(event.sample, path, replacement);
					const byZod = event.schema.safeParse(value).success;
					const byShortcut = surelyMatches(event.schema, value);
					compared++;
					if (!byZod) refused++;
					if (byZod !== byShortcut) {
						const what = replacement === DELETE ? 'deleted' : JSON.stringify(replacement);
						disagreements.push(`${name} ${path.join('.')} ${what}: zod ${byZod}`);
					}
				}
			}
			for (const whole of [null, [], 'x', 1, {}]) {
				expect(surelyMatches(event.schema, whole)).toBe(event.schema.safeParse(whole).success);
			}
		}
		expect(disagreements).toEqual([]);
		// Not vacuous: thousands of payloads, and both verdicts among them.
		expect(compared).toBeGreaterThan(5000);
		expect(refused).toBeGreaterThan(1000);
		expect(compared - refused).toBeGreaterThan(1000);
	});

	it.each([
		['an int that is not one', z.number().int(), 1.5, 1],
		['an int beyond the safe range', z.number().int(), 2 ** 53, 2 ** 53 - 1],
		['a negative count', z.number().int().nonnegative(), -1, 0],
		['NaN', z.number(), Number.NaN, 1.5],
		['Infinity', z.number(), Number.POSITIVE_INFINITY, Number.MAX_VALUE],
		['a value outside the enum', z.enum(['a', 'b']), 'c', 'b'],
		['another literal', z.literal('x'), 'y', 'x'],
		['an array with one bad element', z.array(z.string()), ['a', 1], ['a', 'b']],
		['a union none of whose options match', z.union([z.number(), z.null()]), 'x', null],
		['an array for an object', z.looseObject({}), [], {}],
		['a missing required field', z.object({ a: z.string() }), {}, { a: 'x' }],
	])('refuses %s, as zod does', (_what, schema, value, valid) => {
		// The shortcut serves the schema: it accepts a valid value.
		expect(schema.safeParse(valid).success).toBe(true);
		expect(surelyMatches(schema, valid)).toBe(true);
		expect(schema.safeParse(value).success).toBe(false);
		expect(surelyMatches(schema, value)).toBe(false);
	});

	it.each([
		['a bounded string', z.string().min(1), 'x'],
		['a refined object', z.looseObject({}).refine(() => true), {}],
		['a strict object', z.strictObject({}), {}],
		['a record', z.record(z.string(), z.number()), { a: 1 }],
		['a multiple-of check', z.number().multipleOf(2), 2],
		['a lazy schema', z.lazy(() => z.string()), 'x'],
		['a transform', z.string().transform((s) => s.length), 'x'],
		[
			'a discriminated union',
			z.discriminatedUnion('k', [z.object({ k: z.literal('a') })]),
			{ k: 'a' },
		],
		['a typed catchall', z.object({}).catchall(z.number()), { a: 1 }],
	])('leaves %s to zod (no shortcut, even for a valid value)', (_what, schema, value) => {
		expect(schema.safeParse(value).success).toBe(true);
		expect(surelyMatches(schema, value)).toBe(false);
	});

	it('leaves a whole object to zod when one field deep inside is not supported', () => {
		const schema = z.looseObject({ a: z.looseObject({ b: z.array(z.string().email()) }) });
		const value = { a: { b: ['someone@example.com'] } };
		expect(schema.safeParse(value).success).toBe(true);
		expect(surelyMatches(schema, value)).toBe(false);
	});
});
