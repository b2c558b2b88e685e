import {
	previews as currentsPreviews,
	eventOutputItem as currentsItem,
} from '../../../nodes/CurrentsTrigger/outputSchemas';
import {
	previews as openlayerPreviews,
	eventOutputItem as openlayerItem,
} from '../../../nodes/OpenlayerTrigger/outputSchemas';
import {
	previews as qasePreviews,
	eventOutputItem as qaseItem,
} from '../../../nodes/QaseTrigger/outputSchemas';

/*
 * The editor's output previews (the __schema__ files) against what the documented deliveries make
 * the node output with its default settings: each item fits its preview, no preview field is typed
 * against an item, and every previewed field is one some item of that preview carries.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a walker over arbitrary JSON Schema trees
type Schema = Record<string, any>;

const typeOf = (v: unknown) =>
	v === null
		? 'null'
		: Array.isArray(v)
			? 'array'
			: typeof v === 'number' && Number.isInteger(v)
				? 'integer'
				: typeof v;

/** Problems of `value` against the subset of JSON Schema the previews use (path-prefixed). */
function violations(schema: Schema, value: unknown, path = '$'): string[] {
	if (Array.isArray(schema.anyOf)) {
		return schema.anyOf.some((m: Schema) => violations(m, value, path).length === 0)
			? []
			: [`${path}: matches no anyOf member`];
	}
	if (schema.const !== undefined && schema.const !== value)
		return [`${path}: expected ${String(schema.const)}`];
	if (Array.isArray(schema.enum) && !schema.enum.includes(value))
		return [`${path}: ${String(value)} not in enum`];
	if (schema.type !== undefined) {
		const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
		const actual = typeOf(value);
		const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
		// Nullable fields are previewed as their non-null type (see toJsonSchema): null is allowed.
		if (!ok && actual !== 'null')
			return [`${path}: ${actual} where the preview says ${types.join('|')}`];
	}
	const problems: string[] = [];
	if (value !== null && typeof value === 'object' && !Array.isArray(value) && schema.properties) {
		for (const key of schema.required ?? [])
			if (!(key in value)) problems.push(`${path}.${key}: required but missing`);
		for (const [key, sub] of Object.entries(schema.properties as Record<string, Schema>)) {
			if (key in value)
				problems.push(
					...violations(sub, (value as Record<string, unknown>)[key], `${path}.${key}`),
				);
		}
	}
	if (Array.isArray(value) && schema.items)
		value.forEach((v, i) => problems.push(...violations(schema.items, v, `${path}[${i}]`)));
	return problems;
}

/** Previewed field paths that no item carries (arrays: any element). */
function unproduced(schema: Schema, values: unknown[], path = '$'): string[] {
	const members: Schema[] = Array.isArray(schema.anyOf) ? schema.anyOf : [schema];
	const missing: string[] = [];
	for (const member of members) {
		if (member.properties) {
			const objects = values.filter(
				(v): v is Record<string, unknown> =>
					v !== null && typeof v === 'object' && !Array.isArray(v),
			);
			if (objects.length === 0) continue;
			for (const [key, sub] of Object.entries(member.properties as Record<string, Schema>)) {
				const found = objects.filter((o) => key in o).map((o) => o[key]);
				if (found.length === 0) missing.push(`${path}.${key}`);
				else missing.push(...unproduced(sub, found, `${path}.${key}`));
			}
		}
		if (member.items) {
			const elements = values.filter(Array.isArray).flat();
			if (elements.length > 0) missing.push(...unproduced(member.items, elements, `${path}[]`));
		}
	}
	return missing;
}

const cases: Array<[string, Schema, unknown[]]> = [
	...qasePreviews().map((p): [string, Schema, unknown[]] => [
		`Qase ${p.file}`,
		p.schema,
		p.events.map(qaseItem),
	]),
	...openlayerPreviews().map((p): [string, Schema, unknown[]] => [
		`Openlayer ${p.file}`,
		p.schema,
		p.events.map(openlayerItem),
	]),
	...currentsPreviews().map((p): [string, Schema, unknown[]] => [
		`Currents ${p.file}`,
		p.schema,
		[...p.events.map(currentsItem), ...p.items],
	]),
];

describe.each(cases)('%s', (_name, schema, items) => {
	it('every documented delivery fits the preview (no field typed against a sample)', () => {
		expect(items.flatMap((item) => violations(schema, item))).toEqual([]);
	});

	it('previews no field that none of its events produces', () => {
		expect(unproduced(schema, items)).toEqual([]);
	});
});

describe('per-entity Qase previews', () => {
	const byFile = new Map(qasePreviews().map((p) => [p.file, p.schema as Schema]));

	it('types `cases` as a count in run events and a map in plan events, and both in All Entities', () => {
		expect(byFile.get('v1.0.0/run.json')!.properties.cases.type).toBe('number');
		expect(byFile.get('v1.0.0/plan.json')!.properties.cases.type).toBe('object');
		expect(
			byFile
				.get('v1.0.0/all.json')!
				.properties.cases.anyOf.map((m: Schema) => m.type)
				.sort(),
		).toEqual(['number', 'object']);
	});

	it('leaves out the spelling only the field table uses and the fields Resolve Full Record adds', () => {
		for (const schema of byFile.values()) {
			expect(Object.keys(schema.properties)).not.toEqual(expect.arrayContaining(['skiped']));
			expect(schema.properties).not.toHaveProperty('record');
			expect(schema.properties).not.toHaveProperty('record_error');
		}
	});
});

describe('Openlayer preview', () => {
	const schema = openlayerPreviews()[0].schema as Schema;
	it('lists data.tests (the default event, with its computed status) before data.test', () => {
		expect(Object.keys(schema.properties.data.properties)).toEqual(['tests', 'test']);
		expect(Object.keys(schema.properties.data.properties.tests.properties)).toEqual(
			expect.arrayContaining(['total', 'passing', 'failing', 'skipped', 'running', 'status']),
		);
		expect(schema.properties).not.toHaveProperty('failingTests');
	});
});
