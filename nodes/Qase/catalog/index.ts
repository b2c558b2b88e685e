import { z } from 'zod/v4';

import { caseEvents } from './case';
import { suiteEvents } from './suite';
import { planEvents } from './plan';
import { sharedStepEvents } from './sharedStep';
import { milestoneEvents } from './milestone';
import { customFieldEvents } from './customField';
import { runEvents } from './run';
import { defectEvents } from './defect';
import { reviewEvents } from './review';
import { envelopeFields, type QaseEntity, type QaseEventSpec } from './shared';

export {
	ENTITY_DISPLAY_NAMES,
	envelopeFields,
	QASE_ENTITIES,
	type QaseEntity,
	type QaseEventSpec,
} from './shared';

/**
 * Qase webhook deliveries, per github.com/qase-tms/docs `general/webhooks/*.md` (mirrored at
 * docs.qase.io/general/webhooks and developers.qase.io/docs/webhooks). Every delivery is one
 * envelope `{event_name, timestamp, payload, team_member_id, project_code}`; the payload depends on
 * the event. The samples are the documented examples, verbatim.
 *
 * Where the docs contradict themselves the schemas accept every reading:
 * - run.updated: the example carries `cases_added`, the field table `cases_count`;
 * - run.completed / run.aborted: `duration` is "seconds" on one page and "milliseconds" on another;
 * - run.aborted: the example says `skipped`, the field table `skiped`.
 *
 * The UI also offers test-run *result* events, whose names and payloads are not documented
 * anywhere; they are not in this catalog.
 *
 * One file per entity (its events, their payload schemas and documented samples); the shared
 * building blocks and the envelope in shared.ts. Schemas are built on first use (`schema` and
 * `payload` are getters): at run time the trigger needs only names and groups, so loading the node
 * builds none of them.
 */

/** Every documented Qase webhook event, grouped by entity in catalog order. */
export const qaseEvents: readonly QaseEventSpec[] = [
	...caseEvents,
	...suiteEvents,
	...planEvents,
	...sharedStepEvents,
	...milestoneEvents,
	...customFieldEvents,
	...runEvents,
	...defectEvents,
	...reviewEvents,
];

export const QASE_EVENT_NAMES: readonly string[] = qaseEvents.map((e) => e.name);

const byName = new Map(qaseEvents.map((e) => [e.name, e]));

export function findQaseEvent(name: string): QaseEventSpec | undefined {
	return byName.get(name);
}

export function eventsOfEntity(entity: QaseEntity): QaseEventSpec[] {
	return qaseEvents.filter((e) => e.group === entity);
}

// Output shapes

/** Fields the default output ("Payload with Context") lifts beside the payload's own fields. */
export const contextFields = {
	event: z.string().describe('Qase event name, e.g. case.updated'),
	project_code: envelopeFields.project_code,
	team_member_id: envelopeFields.team_member_id,
	occurred_at: z
		.string()
		.nullable()
		.describe(
			'When the event happened, ISO 8601 (from the unix timestamp; null if the delivery had none)',
		),
};

/** The item the trigger outputs by default for one event: payload fields plus context. */
export function payloadOutputSchema(event: QaseEventSpec): z.ZodObject {
	// At run time the context fields win over a payload field of the same name (none is documented).
	const own = Object.fromEntries(
		Object.entries(event.payload.shape).filter(([key]) => !(key in contextFields)),
	);
	return z.looseObject({
		...contextFields,
		event: z.literal(event.name).describe('Qase event name'),
		...own,
	});
}
