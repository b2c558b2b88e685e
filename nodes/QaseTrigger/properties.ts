import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	ENTITY_DISPLAY_NAMES,
	eventsOfEntity,
	QASE_ENTITIES,
	qaseEvents,
	type QaseEventSpec,
} from '../Qase/catalog';
import { ALL_ENTITIES, ALL_EVENTS } from '../Qase/receive';
import { byOptionName, eventOptions } from '../shared/catalog';
import { SUMMARY_OUTPUT } from '../shared/summary';

/** The Qase Trigger's Entity, Events and Output choices, built from the catalog. */

export const entityOptions: INodePropertyOptions[] = [
	{ name: 'All Entities', value: ALL_ENTITIES, description: 'Events of every entity' },
	...QASE_ENTITIES.map((entity) => ({
		name: ENTITY_DISPLAY_NAMES[entity],
		value: entity,
		description: `${ENTITY_DISPLAY_NAMES[entity]} events`,
	})),
].sort(byOptionName);

/**
 * One Events picker per entity (all named `events`, shown for their `resource` value), so a list of
 * forty events stays usable; "all events" is one choice in each.
 */
function eventsProperty(
	resource: string,
	events: readonly QaseEventSpec[],
	allLabel: string,
): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		displayOptions: { show: { resource: [resource] } },
		options: [
			{
				name: allLabel,
				value: ALL_EVENTS,
				description: 'Every event listed here, including ones added later',
			},
			...eventOptions(events),
		].sort(byOptionName),
		default: [ALL_EVENTS],
		description:
			'Events that start the workflow. Tick the same ones on the webhook in Qase; others are acknowledged (200) and ignored.',
	};
}

export const eventsProperties: INodeProperties[] = [
	eventsProperty(ALL_ENTITIES, qaseEvents, 'All Events'),
	...QASE_ENTITIES.map((entity) =>
		eventsProperty(entity, eventsOfEntity(entity), `All ${ENTITY_DISPLAY_NAMES[entity]} Events`),
	),
];

/** The Output choices (entityOutputParameters lists them twice: shown, and naming the node). */
export const outputOptions: INodePropertyOptions[] = [
	{
		name: 'Payload with Context',
		value: 'payload',
		description:
			"The event's payload fields, with event, project_code, team_member_id and occurred_at (ISO 8601) beside them",
	},
	{
		name: 'Whole Envelope',
		value: 'envelope',
		description:
			'The delivery as Qase sent it: event_name, timestamp, payload, team_member_id, project_code',
	},
	{
		name: 'Test Run Summary',
		value: SUMMARY_OUTPUT,
		description:
			'For run started, completed and aborted: one shape shared with the Currents and Openlayer triggers (source, event, status, counts, duration, project, run ID and URL, the delivery as raw). Other events come as Payload with Context.',
	},
];

/** "All Events" as the subtitle names it for each Entity. */
export const allEventsLabels: Record<string, string> = Object.fromEntries([
	[ALL_ENTITIES, 'All Events'],
	...QASE_ENTITIES.map((entity) => [entity, `All ${ENTITY_DISPLAY_NAMES[entity]} Events`]),
]);
