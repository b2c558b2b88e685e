import type { z } from 'zod/v4';

/**
 * A yes-only shortcut in front of a catalog's zod schema, for the delivery path.
 *
 * zod's safeParse builds a new copy of the whole payload (its output), which the triggers throw
 * away: they pass on the payload as delivered, unknown fields included. For Openlayer that copy is
 * the largest single cost of a delivery after the signature, in time and garbage (`npm run bench`,
 * BENCHMARKS.md). So the schema is compiled once into a plain predicate that reads the payload and
 * allocates nothing.
 *
 * The predicate only ever says "valid": a payload it refuses is handed to zod, whose verdict (and
 * message) stands. It covers the constructs the catalogs use, with zod's own rules (v4 core, as
 * `_zod.def` describes a schema); a schema using anything else does not compile, and every payload
 * goes to zod. test/unit/shared/schemaCheck.test.ts holds it to zod's verdict on every
 * catalog event's sample and thousands of altered ones.
 */
type Predicate = (value: unknown) => boolean;

interface Def {
	type: string;
	checks?: Array<{ _zod?: { def?: Record<string, unknown> } }>;
	coerce?: unknown;
	[key: string]: unknown;
}

const defOf = (schema: unknown): Def | undefined =>
	(schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;

const isObjectLike = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** zod's number checks the catalogs use (`.int()`, `.nonnegative()`, `.min()`, `.max()`). */
function numberCheck(check: Record<string, unknown> | undefined): Predicate | undefined {
	if (!check) return undefined;
	if (check.check === 'number_format' && check.format === 'safeint')
		return (v) => Number.isSafeInteger(v);
	const bound = check.value;
	if (typeof bound !== 'number') return undefined;
	if (check.check === 'greater_than')
		return check.inclusive === true ? (v) => (v as number) >= bound : (v) => (v as number) > bound;
	if (check.check === 'less_than')
		return check.inclusive === true ? (v) => (v as number) <= bound : (v) => (v as number) < bound;
	return undefined;
}

function all(predicates: Predicate[]): Predicate {
	return (value) => {
		for (const p of predicates) if (!p(value)) return false;
		return true;
	};
}

/** The predicate of one schema, or undefined when it uses something this does not implement. */
function compile(schema: unknown): Predicate | undefined {
	const def = defOf(schema);
	if (!def || def.coerce) return undefined;
	const checks = def.checks ?? [];
	if (def.type !== 'number' && checks.length > 0) return undefined;
	switch (def.type) {
		case 'string':
			return (v) => typeof v === 'string';
		case 'boolean':
			return (v) => typeof v === 'boolean';
		case 'null':
			return (v) => v === null;
		case 'unknown':
		case 'any':
			return () => true;
		case 'number': {
			const extra: Predicate[] = [];
			for (const check of checks) {
				const p = numberCheck(check._zod?.def);
				if (!p) return undefined;
				extra.push(p);
			}
			// zod refuses NaN and the infinities.
			const base: Predicate = (v) => typeof v === 'number' && Number.isFinite(v);
			return extra.length === 0 ? base : all([base, ...extra]);
		}
		case 'literal': {
			const values = def.values;
			if (!Array.isArray(values)) return undefined;
			const allowed = new Set<unknown>(values);
			return (v) => allowed.has(v);
		}
		case 'enum': {
			const entries = def.entries;
			if (!isObjectLike(entries)) return undefined;
			const values = Object.values(entries);
			// Numeric (TypeScript) enums have zod rules of their own: not here.
			if (!values.every((x) => typeof x === 'string')) return undefined;
			const allowed = new Set<unknown>(values);
			return (v) => allowed.has(v);
		}
		case 'optional': {
			const inner = compile(def.innerType);
			return inner && ((v) => v === undefined || inner(v));
		}
		case 'nullable': {
			const inner = compile(def.innerType);
			return inner && ((v) => v === null || inner(v));
		}
		case 'array': {
			const element = compile(def.element);
			if (!element) return undefined;
			return (v) => {
				if (!Array.isArray(v)) return false;
				for (const item of v) if (!element(item)) return false;
				return true;
			};
		}
		case 'union': {
			const options = def.options;
			if (!Array.isArray(options) || def.discriminator !== undefined) return undefined;
			const compiled = options.map(compile);
			if (compiled.some((p) => p === undefined)) return undefined;
			const predicates = compiled as Predicate[];
			return (v) => {
				for (const p of predicates) if (p(v)) return true;
				return false;
			};
		}
		case 'object':
			return compileObject(def);
		default:
			return undefined;
	}
}

function compileObject(def: Def): Predicate | undefined {
	const shape = def.shape;
	if (!isObjectLike(shape)) return undefined;
	const fields: Array<[string, Predicate]> = [];
	for (const [key, fieldSchema] of Object.entries(shape)) {
		const p = compile(fieldSchema);
		if (!p) return undefined;
		fields.push([key, p]);
	}
	// z.object strips unknown keys and z.looseObject keeps them (catchall unknown): either way they
	// pass. A strict object or a typed catchall is left to zod.
	const catchall = defOf(def.catchall);
	if (catchall && catchall.type !== 'unknown' && catchall.type !== 'any') return undefined;
	return (v) => {
		if (!isObjectLike(v)) return false;
		for (const [key, p] of fields) if (!p(v[key])) return false;
		return true;
	};
}

const compiled = new WeakMap<object, Predicate | null>();

function predicateOf(schema: z.ZodType): Predicate | null {
	let p = compiled.get(schema);
	if (p === undefined) {
		p = compile(schema) ?? null;
		compiled.set(schema, p);
	}
	return p;
}

/**
 * True when `value` certainly matches `schema` (zod would accept it). False means "ask zod": the
 * value may still be valid.
 */
export function surelyMatches(schema: z.ZodType, value: unknown): boolean {
	const p = predicateOf(schema);
	return p !== null && p(value);
}
