import type { IDataObject } from 'n8n-workflow';

import { currentsEvents } from '../../../nodes/Currents/catalog';
import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { OpenlayerTrigger } from '../../../nodes/OpenlayerTrigger/OpenlayerTrigger.node';
import { QaseTrigger } from '../../../nodes/QaseTrigger/QaseTrigger.node';
import { currentsSummary, isCurrentsSummaryEvent } from '../../../nodes/Currents/summary';
import { openlayerEvents } from '../../../nodes/Openlayer/catalog';
import { isOpenlayerSummaryEvent, openlayerSummary } from '../../../nodes/Openlayer/summary';
import {
	eventsOfEntity,
	QASE_ENTITIES,
	qaseEvents,
	type QaseEntity,
} from '../../../nodes/Qase/catalog';
import { isQaseSummaryEvent, qaseSummary } from '../../../nodes/Qase/summary';
import { summarySchema, type FailureDetails } from '../../../nodes/shared/summary';
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
	...qasePreviews().map((p): [string, Schema, unknown[]] => [`Qase ${p.file}`, p.schema, p.items]),
	...openlayerPreviews().map((p): [string, Schema, unknown[]] => [
		`Openlayer ${p.file}`,
		p.schema,
		p.items,
	]),
	...currentsPreviews().map((p): [string, Schema, unknown[]] => [
		`Currents ${p.file}`,
		p.schema,
		p.items,
	]),
];

const ALL = 'all';

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

describe('version 1 previews: the default output of every documented delivery', () => {
	it.each([
		['Qase', qasePreviews(), qaseItem, 'v1.0.0.json', qaseEvents],
		['Openlayer', openlayerPreviews(), openlayerItem, 'v1.0.0.json', openlayerEvents],
		['Currents', currentsPreviews(), currentsItem, 'v1.0.0.json', currentsEvents],
	] as const)('%s', (_vendor, previews, item, file, events) => {
		const preview = previews.find((p) => p.file === file)!;
		expect(preview.items).toEqual(
			expect.arrayContaining(
				(events as readonly never[]).map((e) => (item as (e: never) => unknown)(e)),
			),
		);
	});
});

/*
 * "Test Run Summary" (version 1.1, Output = Test Run Summary): the preview against the items the
 * real summary functions make of every documented run-like delivery, beside the usual output of the
 * events that keep it; with failed tests attached or their lookup failed, the items still fit.
 */
describe('Test Run Summary previews', () => {
	const at = '2024-05-01T10:00:00.000Z';
	const clone = (o: object) => structuredClone(o) as IDataObject;
	const failed: FailureDetails = {
		failures: [{ title: 'Login > rejects', file: 'e2e/login.spec.ts', message: 'boom', url: null }],
		truncated: true,
		error: null,
	};
	const lookupFailed: FailureDetails = {
		failures: null,
		truncated: false,
		error: { status: 429, message: 'Rate limited' },
	};
	const fileOf = (previews: Array<{ file: string; schema: object }>, file: string) =>
		previews.find((p) => p.file === file)!.schema as Schema;
	const summaryFields = Object.keys(summarySchema().shape);

	describe.each([ALL, ...QASE_ENTITIES])('Qase %s', (group) => {
		const events = group === ALL ? qaseEvents : eventsOfEntity(group as QaseEntity);
		const schema = fileOf(qasePreviews(), `v1.1.0/${group}/summary.json`);
		const items = events.map((e) =>
			isQaseSummaryEvent(e.name) ? qaseSummary(clone(e.sample), at) : qaseItem(e),
		);

		it('fits every item and previews nothing they lack', () => {
			expect(items.flatMap((item) => violations(schema, item))).toEqual([]);
			expect(unproduced(schema, items)).toEqual([]);
		});

		it('shows the summary fields exactly when the entity has run events', () => {
			const hasRuns = events.some((e) => isQaseSummaryEvent(e.name));
			expect(summaryFields.every((f) => f in schema.properties)).toBe(hasRuns);
			if (!hasRuns) expect(schema).toEqual(fileOf(qasePreviews(), `v1.1.0/${group}/payload.json`));
		});
	});

	const multiGroup = { ...currentsEvents[1].sample, groupId: 'chromium' };
	const currentsDeliveries = [...currentsEvents.map((e) => e.sample), multiGroup];

	it('Currents: every delivery is a summary; automatic and manual setup, failures attached or not', () => {
		expect(currentsEvents.every((e) => isCurrentsSummaryEvent(e.name))).toBe(true);
		const schema = fileOf(currentsPreviews(), 'v1.1.0/delivery/summary.json');
		const defaults = currentsDeliveries.map((d) =>
			currentsSummary(clone(d), { project: 'proj_alpha', occurredAt: at }),
		);
		const variants = currentsDeliveries.flatMap((d) =>
			[undefined, failed, lookupFailed].map((details) =>
				currentsSummary(clone(d), { project: null, occurredAt: at }, details),
			),
		);
		expect([...defaults, ...variants].flatMap((item) => violations(schema, item))).toEqual([]);
		expect(unproduced(schema, defaults)).toEqual([]);
		expect(Object.keys(schema.properties)).toEqual(summaryFields);
		expect(schema.properties.raw.properties).toEqual(
			fileOf(currentsPreviews(), 'v1.0.0.json').properties,
		);
	});

	it('Openlayer: test results become summaries, test.* events keep the delivery', () => {
		const schema = fileOf(openlayerPreviews(), 'v1.1.0/delivery/summary.json');
		const defaults = openlayerEvents.map((e) =>
			isOpenlayerSummaryEvent(e.name)
				? openlayerSummary(clone(openlayerItem(e)), at)
				: openlayerItem(e),
		);
		const variants = openlayerEvents
			.filter((e) => isOpenlayerSummaryEvent(e.name))
			.flatMap((e) =>
				[failed, lookupFailed].map((details) =>
					openlayerSummary(clone(openlayerItem(e)), at, details),
				),
			);
		expect([...defaults, ...variants].flatMap((item) => violations(schema, item))).toEqual([]);
		expect(unproduced(schema, defaults)).toEqual([]);
		expect(Object.keys(schema.properties)).toEqual([...summaryFields, 'type', 'timestamp', 'data']);
		expect(schema.properties.source.enum).toEqual(['openlayer']);
		expect(schema.properties.raw.properties.data.properties.tests.properties.status.enum).toEqual([
			'failing',
			'running',
			'passing',
		]);
	});

	it('the version-1.1 files of the other Output choices equal the version-1 preview', () => {
		expect(fileOf(currentsPreviews(), 'v1.1.0/delivery/payload.json')).toEqual(
			fileOf(currentsPreviews(), 'v1.0.0.json'),
		);
		expect(fileOf(openlayerPreviews(), 'v1.1.0/delivery/envelope.json')).toEqual(
			fileOf(openlayerPreviews(), 'v1.0.0.json'),
		);
		for (const group of [ALL, ...QASE_ENTITIES])
			expect(fileOf(qasePreviews(), `v1.1.0/${group}/payload.json`)).toEqual(
				fileOf(qasePreviews(), `v1.0.0/${group}.json`),
			);
	});

	it('serves each Currents and Openlayer file also without the hidden resource in the path', () => {
		for (const previews of [currentsPreviews(), openlayerPreviews()]) {
			for (const p of previews.filter((f) => f.file.startsWith('v1.1.0/delivery/')))
				expect(fileOf(previews, p.file.replace('delivery/', ''))).toEqual(p.schema);
		}
	});
});

describe('summary fields a tool never fills are previewed as null', () => {
	const nullFields = (previews: Array<{ file: string; schema: object }>, file: string) => {
		const { properties } = previews.find((p) => p.file === file)!.schema as Schema;
		return Object.keys(properties).filter((k) => properties[k].type === 'null');
	};
	it.each([
		['Qase', qasePreviews(), 'v1.1.0/run/summary.json', ['flaky', 'branch', 'commit']],
		['Currents', currentsPreviews(), 'v1.1.0/delivery/summary.json', ['durationMs']],
		[
			'Openlayer',
			openlayerPreviews(),
			'v1.1.0/delivery/summary.json',
			['flaky', 'durationMs', 'url', 'branch', 'commit'],
		],
	])('%s', (_vendor, previews, file, expected) => {
		expect(nullFields(previews, file)).toEqual(expected);
	});
});

describe('every preview the editor can ask for of a version-1.1 node exists', () => {
	// The editor GETs <version x.y.z>/<resource>/<operation>.json with both taken from the node's
	// parameters (editor-ui api/schemaPreview.ts); here every value they can take in 1.1.
	it.each([
		[new QaseTrigger(), qasePreviews()],
		[new CurrentsTrigger(), currentsPreviews()],
		[new OpenlayerTrigger(), openlayerPreviews()],
	] as const)('$description.displayName', (node, previews) => {
		const files = new Set(previews.map((p) => p.file));
		const shownIn11 = node.description.properties.filter(
			(p) => p.displayOptions?.show?.['@version']?.includes(1.1) ?? true,
		);
		const valuesOf = (name: string) => {
			const p = shownIn11.find((q) => q.name === name)!;
			return p.options
				? p.options.map((o) => String((o as { value: string }).value))
				: [String(p.default)];
		};
		const wanted = valuesOf('resource').flatMap((r) =>
			valuesOf('operation').map((o) => `v1.1.0/${r}/${o}.json`),
		);
		expect(wanted.length).toBeGreaterThan(1);
		expect(wanted.filter((f) => !files.has(f))).toEqual([]);
	});
});
