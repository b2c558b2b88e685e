import { currentsEvents, runEventSchema } from '../Currents/catalog';
import { pruneToSamples, toJsonSchema, type JsonSchema, type SchemaFile } from '../shared/catalog';

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

/** The preview file with the events whose items it previews. */
export function previews(): Array<
	SchemaFile & { events: readonly CurrentsEventSpec[]; items: unknown[] }
> {
	const items = [...currentsEvents.map(eventOutputItem), multiGroupDelivery];
	const schema = pruneToSamples(toJsonSchema(runEventSchema()), items) as JsonSchema;
	return [{ file: 'v1.0.0.json', events: currentsEvents, items, schema }];
}

/** The trigger has no resource parameter, so n8n asks for a single preview covering every event. */
export function outputSchemas(): SchemaFile[] {
	return previews().map(({ file, schema }) => ({ file, schema }));
}
