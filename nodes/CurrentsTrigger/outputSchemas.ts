import type { IDataObject } from 'n8n-workflow';

import { CURRENTS_EVENT_NAMES, currentsEvents, runEventSchema } from '../Currents/catalog';
import { currentsSummary } from '../Currents/summary';
import { pruneToSamples, toJsonSchema, type JsonSchema, type SchemaFile } from '../shared/catalog';
import { SUMMARY_OUTPUT, summaryPreview } from '../shared/summary';
import { PREVIEW_RESOURCE } from '../shared/triggerParameters';

type CurrentsEventSpec = (typeof currentsEvents)[number];

/** The item the node outputs for an event's documented delivery: the body as sent. */
export function eventOutputItem(event: CurrentsEventSpec): Record<string, unknown> {
	return event.sample;
}

/**
 * The documented example is a single-group run; a run with several groups sends one delivery per
 * group, each naming it in `groupId` (docs.currents.dev, HTTP webhooks), so the preview shows it too.
 */
const multiGroupDelivery = { ...currentsEvents[1].sample, groupId: 'chromium' };

/**
 * The summary a delivery becomes with the default settings (Automatic setup, so the project is
 * known; Attach Failed Tests off). Every Currents event is about a run, so every item is a summary.
 */
export function summaryOutputItem(delivery: Record<string, unknown>): Record<string, unknown> {
	return currentsSummary(structuredClone(delivery) as IDataObject, {
		project: 'proj_alpha',
		occurredAt: '2024-01-01T00:00:00.000Z',
	});
}

/** Each preview file with the events whose items it previews and those items. */
export function previews(): Array<
	SchemaFile & { events: readonly CurrentsEventSpec[]; items: unknown[] }
> {
	const deliveries = [...currentsEvents.map(eventOutputItem), multiGroupDelivery];
	const delivery = pruneToSamples(toJsonSchema(runEventSchema()), deliveries) as JsonSchema;
	const summaries = deliveries.map(summaryOutputItem);
	const summary = summaryPreview({
		source: 'currents',
		events: CURRENTS_EVENT_NAMES,
		raw: delivery,
		items: summaries,
	});
	const byOutput: Array<[string, JsonSchema, unknown[]]> = [
		['payload', delivery, deliveries],
		[SUMMARY_OUTPUT, summary, summaries],
	];
	return [
		// Version 1 (parameter `output`, which the editor cannot follow): the default output.
		{ file: 'v1.0.0.json', events: currentsEvents, items: deliveries, schema: delivery },
		// Version 1.1: <resource>/<operation>.json with the hidden resource, and <operation>.json.
		...byOutput.flatMap(([output, schema, items]) =>
			[`v1.1.0/${PREVIEW_RESOURCE}/${output}.json`, `v1.1.0/${output}.json`].map((file) => ({
				file,
				events: currentsEvents,
				items,
				schema,
			})),
		),
	];
}

/** The files n8n's editor asks for: one per node version and Output choice. */
export function outputSchemas(): SchemaFile[] {
	return previews().map(({ file, schema }) => ({ file, schema }));
}
