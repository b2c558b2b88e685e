import {
	failingTestsFields,
	openlayerEvents,
	runStatus,
	triggerOutputSchema,
	type TestsSummary,
} from '../Openlayer/catalog';
import {
	mergeObjectSchemas,
	pruneToSamples,
	toJsonSchema,
	type JsonSchema,
	type SchemaFile,
} from '../shared/catalog';

type OpenlayerEventSpec = (typeof openlayerEvents)[number];

/** Test Results Updated is the Events default: its fields (data.tests.*) come first in the preview. */
const DEFAULT_EVENT = 'tests.result.updated';

/** The item the node outputs for an event's documented delivery (data.tests gets its computed status). */
export function eventOutputItem(event: OpenlayerEventSpec): Record<string, unknown> {
	const item = structuredClone(event.sample) as Record<string, unknown> & {
		data: Record<string, unknown>;
	};
	if (event.name === DEFAULT_EVENT) {
		const tests = item.data.tests as TestsSummary;
		item.data = { ...item.data, tests: { ...tests, status: runStatus(tests) } };
	}
	return item;
}

/** The envelope as delivered; the failingTests* fields need "Attach Failing Tests", off by default. */
const itemSchema = () =>
	triggerOutputSchema().omit(
		Object.fromEntries(Object.keys(failingTestsFields()).map((k) => [k, true])) as {
			[K in keyof ReturnType<typeof failingTestsFields>]: true;
		},
	);

/** The preview file with the events whose items it previews, default event first. */
export function previews(): Array<SchemaFile & { events: readonly OpenlayerEventSpec[] }> {
	const events = [...openlayerEvents].sort(
		(a, b) => Number(b.name === DEFAULT_EVENT) - Number(a.name === DEFAULT_EVENT),
	);
	const schema = mergeObjectSchemas(
		events.map(
			(e) => pruneToSamples(toJsonSchema(itemSchema()), [eventOutputItem(e)]) as JsonSchema,
		),
	);
	return [{ file: 'v1.0.0.json', events, schema }];
}

/**
 * The trigger has no resource parameter, so n8n asks for a single preview: the envelope with
 * data.tests (plus the computed status) of the default event, then data.test of the test.* events.
 */
export function outputSchemas(): SchemaFile[] {
	return previews().map(({ file, schema }) => ({ file, schema }));
}
