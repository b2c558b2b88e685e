import type { IDataObject } from 'n8n-workflow';

import {
	failingTestsFields,
	openlayerEvents,
	runStatus,
	triggerOutputSchema,
	type TestsSummary,
} from '../Openlayer/catalog';
import {
	isOpenlayerSummaryEvent,
	OPENLAYER_SUMMARY_EVENTS,
	openlayerSummary,
} from '../Openlayer/summary';
import {
	mergeObjectSchemas,
	pruneToSamples,
	toJsonSchema,
	type JsonSchema,
	type SchemaFile,
} from '../shared/catalog';
import { SUMMARY_OUTPUT, summaryPreview } from '../shared/summary';
import { PREVIEW_RESOURCE } from '../shared/triggerParameters';

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

const deliverySchema = (event: OpenlayerEventSpec) =>
	pruneToSamples(toJsonSchema(itemSchema()), [eventOutputItem(event)]) as JsonSchema;

/** The summary a test results delivery becomes (Attach Failing Tests off, its default). */
export function summaryOutputItem(event: OpenlayerEventSpec): Record<string, unknown> {
	return openlayerSummary(eventOutputItem(event) as IDataObject, '2024-01-01T00:00:00.000Z');
}

/** An item of "Test Run Summary": a summary for test results, the delivery for test.* events. */
export function summaryModeItem(event: OpenlayerEventSpec): Record<string, unknown> {
	return isOpenlayerSummaryEvent(event.name) ? summaryOutputItem(event) : eventOutputItem(event);
}

/** Each preview file with the events whose items it previews and those items, default event first. */
export function previews(): Array<
	SchemaFile & { events: readonly OpenlayerEventSpec[]; items: unknown[] }
> {
	const events = [...openlayerEvents].sort(
		(a, b) => Number(b.name === DEFAULT_EVENT) - Number(a.name === DEFAULT_EVENT),
	);
	const delivery = mergeObjectSchemas(events.map(deliverySchema));
	const runs = events.filter((e) => isOpenlayerSummaryEvent(e.name));
	// Test results become summaries; the test.* events keep their delivery.
	const summary = mergeObjectSchemas([
		summaryPreview({
			source: 'openlayer',
			events: OPENLAYER_SUMMARY_EVENTS,
			raw: mergeObjectSchemas(runs.map(deliverySchema)),
			items: runs.map(summaryOutputItem),
		}),
		...events.filter((e) => !isOpenlayerSummaryEvent(e.name)).map(deliverySchema),
	]);
	const byOutput: Array<[string, JsonSchema, unknown[]]> = [
		['envelope', delivery, events.map(eventOutputItem)],
		[SUMMARY_OUTPUT, summary, events.map(summaryModeItem)],
	];
	return [
		// Version 1 (parameter `output`, which the editor cannot follow): the default output.
		{ file: 'v1.0.0.json', events, items: events.map(eventOutputItem), schema: delivery },
		// Version 1.1: <resource>/<operation>.json with the hidden resource, and <operation>.json.
		...byOutput.flatMap(([output, schema, items]) =>
			[`v1.1.0/${PREVIEW_RESOURCE}/${output}.json`, `v1.1.0/${output}.json`].map((file) => ({
				file,
				events,
				items,
				schema,
			})),
		),
	];
}

/**
 * The files n8n's editor asks for: the envelope with data.tests (plus the computed status) of the
 * default event, then data.test of the test.* events; or the summary beside the test.* envelopes.
 */
export function outputSchemas(): SchemaFile[] {
	return previews().map(({ file, schema }) => ({ file, schema }));
}
