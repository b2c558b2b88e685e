import {
	OPENLAYER_EVENT_NAMES,
	openlayerEvents,
	runStatus,
	testResultSchema,
	triggerOutputSchema,
} from '../../../nodes/Openlayer/catalog';
import { outputSchemas } from '../../../nodes/OpenlayerTrigger/outputSchemas';
import { eventOptions } from '../../../nodes/shared/catalog';
import type { TestsResultEvent } from '../../helpers/json';

/** The nested JSON Schema properties this test walks. */
interface JsonSchemaTree {
	enum?: unknown[];
	type?: string;
	properties: Record<string, JsonSchemaTree>;
	items: JsonSchemaTree;
}

describe('Openlayer catalog', () => {
	it('declares exactly the four documented events, each once', () => {
		expect(openlayerEvents.map((e) => e.name)).toEqual([...OPENLAYER_EVENT_NAMES]);
		expect(new Set(OPENLAYER_EVENT_NAMES).size).toBe(4);
	});

	it.each(openlayerEvents.map((e) => [e.name, e] as const))(
		'%s: the documented sample validates',
		(_name, event) => {
			const parsed = event.schema.safeParse(event.sample);
			expect(parsed.success).toBe(true);
			expect(event.sample).toMatchObject({ type: event.name, timestamp: '2026-01-21T10:30:00Z' });
		},
	);

	it.each(openlayerEvents.map((e) => [e.name, e] as const))(
		'%s: keeps unknown fields (loose objects) and refuses another event type',
		(_name, event) => {
			const extra = { ...event.sample, deliveryAttempt: 2 };
			const out = event.schema.parse(extra) as Record<string, unknown>;
			expect(out.deliveryAttempt).toBe(2);
			const other = OPENLAYER_EVENT_NAMES.find((n) => n !== event.name)!;
			expect(event.schema.safeParse({ ...event.sample, type: other }).success).toBe(false);
		},
	);

	it('refuses payloads that break the documented shape', () => {
		const byName = Object.fromEntries(openlayerEvents.map((e) => [e.name, e]));
		const results = byName['tests.result.updated'];
		const tests = (results.sample as { data: { tests: Record<string, unknown> } }).data.tests;
		for (const broken of [
			{ ...tests, failing: '1' },
			{ ...tests, failing: -1 },
			{ ...tests, total: 1.5 },
			{ ...tests, projectId: undefined },
			{ ...tests, projectVersionId: undefined },
		]) {
			expect(results.schema.safeParse({ ...results.sample, data: { tests: broken } }).success).toBe(
				false,
			);
		}
		expect(results.schema.safeParse({ ...results.sample, data: {} }).success).toBe(false);
		expect(
			byName['test.deleted'].schema.safeParse({
				type: 'test.deleted',
				timestamp: 'x',
				data: { test: {} },
			}).success,
		).toBe(false);
		expect(
			byName['test.created'].schema.safeParse({ type: 'test.created', data: { test: { id: 'a' } } })
				.success,
		).toBe(false);
	});

	it('computes the run status: failing > running > passing', () => {
		expect(runStatus({ failing: 1, running: 3 })).toBe('failing');
		expect(runStatus({ failing: 0, running: 1 })).toBe('running');
		expect(runStatus({ failing: 0, running: 0 })).toBe('passing');
	});

	it('offers the events sorted by display name', () => {
		const names = eventOptions(openlayerEvents).map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(names).toEqual(['Test Created', 'Test Deleted', 'Test Results Updated', 'Test Updated']);
	});

	it('the output schema covers every sample as the trigger outputs it, and the enrichment fields', () => {
		for (const event of openlayerEvents) {
			const item = structuredClone(event.sample) as { data: { tests?: Record<string, unknown> } };
			if (item.data.tests) item.data.tests.status = 'failing';
			expect(triggerOutputSchema().safeParse(item).success).toBe(true);
		}
		const withFailing = {
			...openlayerEvents[3].sample,
			data: {
				tests: { ...(openlayerEvents[3].sample as TestsResultEvent).data.tests, status: 'failing' },
			},
			failingTests: [
				{
					id: 'r1',
					status: 'failing',
					statusMessage: null,
					goal: { id: 'g1', name: 'No nulls', number: 2 },
				},
			],
			failingTestsTruncated: false,
		};
		expect(triggerOutputSchema().safeParse(withFailing).success).toBe(true);
		expect(testResultSchema().safeParse(withFailing.failingTests[0]).success).toBe(true);
	});
});

describe('output schema preview (__schema__)', () => {
	const files = outputSchemas();

	it('is one file per version and Output, the first a JSON Schema with non-empty properties', () => {
		expect(files.map((f) => f.file)).toEqual([
			'v1.0.0.json',
			'v1.1.0/delivery/envelope.json',
			'v1.1.0/envelope.json',
			'v1.1.0/delivery/summary.json',
			'v1.1.0/summary.json',
		]);
		const schema = files[0].schema;
		expect(schema.type).toBe('object');
		expect(Object.keys(schema.properties ?? {})).toEqual(['type', 'timestamp', 'data']);
		expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
	});

	it('shows every event: the type enum, data.tests with the computed status, data.test (failingTests needs the option)', () => {
		const schema = files[0].schema as unknown as JsonSchemaTree;
		expect(schema.properties.type.enum).toEqual([...OPENLAYER_EVENT_NAMES]);
		const data = schema.properties.data.properties;
		expect(Object.keys(data.test.properties)).toEqual(
			expect.arrayContaining(['id', 'name', 'type', 'subtype', 'thresholds']),
		);
		expect(data.tests.properties.status).toMatchObject({
			type: 'string',
			enum: ['failing', 'running', 'passing'],
		});
		expect(data.tests.properties.failing).toMatchObject({ type: 'integer' });
		expect(schema.properties).not.toHaveProperty('failingTests');
	});
});
