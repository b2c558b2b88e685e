import { z } from 'zod/v4';

import type { EventSpec } from '../../shared/catalog';

/** The nine webhook entities, as the node's `resource` values (the event name prefixes). */
export const QASE_ENTITIES = [
	'case',
	'suite',
	'plan',
	'shared_step',
	'milestone',
	'custom_field',
	'run',
	'defect',
	'review',
] as const;
export type QaseEntity = (typeof QASE_ENTITIES)[number];

export const ENTITY_DISPLAY_NAMES: Record<QaseEntity, string> = {
	case: 'Test Case',
	suite: 'Test Suite',
	plan: 'Test Plan',
	shared_step: 'Shared Step',
	milestone: 'Milestone',
	custom_field: 'Custom Field',
	run: 'Test Run',
	defect: 'Defect',
	review: 'Test Review',
};

// ---------------------------------------------------------------------------------------------
// Building blocks

export const id = (what: string) => z.number().describe(`${what} ID`);
export const nullableString = (what: string) => z.string().nullable().describe(what);

export const namedRef = (what: string) =>
	z.looseObject({ id: z.number(), title: z.string() }).describe(what);

export const styledRef = (what: string) =>
	z
		.looseObject({ id: z.number(), title: z.string(), icon: z.string(), color: z.string() })
		.describe(what);

export const attachments = () => z.array(z.unknown()).describe('Attachments (IDs or hashes)');

export const user = (what: string) =>
	z
		.looseObject({
			email: z.string().describe('User email'),
			name: z.string().describe('User name'),
		})
		.describe(what);

/** The fields of a test step, in a test case and in a shared step alike. */
export const stepFields = () => ({
	action: z.string().describe('Step action'),
	expected_result: z.string().nullable().describe('Expected result'),
	data: z.string().nullable().describe('Input data'),
	attachments: attachments(),
});

/** A custom field's ID and title, in its own events and in a test case's values alike. */
export const customFieldFields = () => ({
	id: id('Custom field'),
	title: z.string().describe('Custom field title'),
});
export const customFieldType = () =>
	z.string().describe('Custom field type: number, string, text, selectbox or checkbox');

export const onlyId = (what: string) => z.looseObject({ id: id(what) });
export const cloned = (what: string) =>
	z.looseObject({ id: id(`${what} (the clone)`), from_id: id(`${what} (the original)`) });

// ---------------------------------------------------------------------------------------------
// Envelope

/** Fields of every delivery besides `payload`. */
export const envelopeFields = {
	timestamp: z.number().describe('When the event happened (unix seconds)'),
	team_member_id: z
		.number()
		.describe('Team member who triggered the event; 0 for an automation (API token)'),
	project_code: z.string().describe('Code of the project the event happened in'),
};

function envelope<const N extends string, P extends z.ZodObject>(name: N, payload: P) {
	return z.looseObject({
		event_name: z.literal(name).describe('Event name'),
		timestamp: envelopeFields.timestamp,
		payload,
		team_member_id: envelopeFields.team_member_id,
		project_code: envelopeFields.project_code,
	});
}

/** A catalog entry: the shared EventSpec plus what the Qase trigger needs to know about it. */
export interface QaseEventSpec<Name extends string = string> extends EventSpec<Name> {
	group: QaseEntity;
	/** Schema of `payload` alone. */
	payload: z.ZodObject;
}

/**
 * A catalog entry whose schemas are built on first use: loading the node builds none (the trigger
 * needs names and groups at run time; the build's `__schema__` files and the tests use the schemas).
 */
export function qaseEvent<const N extends string>(spec: {
	name: N;
	displayName: string;
	description: string;
	payload: () => z.ZodObject;
	sample: Record<string, unknown>;
}): QaseEventSpec<N> {
	let payload: z.ZodObject | undefined;
	let schema: z.ZodType | undefined;
	return {
		name: spec.name,
		displayName: spec.displayName,
		description: spec.description,
		sample: spec.sample,
		group: spec.name.split('.')[0] as QaseEntity,
		get payload() {
			return (payload ??= spec.payload());
		},
		get schema() {
			return (schema ??= envelope(spec.name, this.payload));
		},
	};
}

export function example(
	name: string,
	timestamp: number,
	payload: Record<string, unknown>,
	teamMemberId = 40,
) {
	return { event_name: name, timestamp, payload, team_member_id: teamMemberId, project_code: 'ID' };
}

/**
 * An event that says only what happened to which record (`<entity>.<action>`): `what` names the
 * record as a sentence does ("Test case"). An update carries only the record's ID, a clone the IDs
 * of the clone and of the original.
 */
export function recordEvent<const N extends string>(
	name: N,
	what: string,
	timestamp: number,
	payload: { id: number; from_id?: number },
): QaseEventSpec<N> {
	const action = name.slice(name.indexOf('.') + 1);
	const title = (words: string) => words.replace(/\b\w/g, (c) => c.toUpperCase());
	return qaseEvent({
		name,
		displayName: `${title(what)} ${title(action)}`,
		description: `A ${what.toLowerCase()} is ${action}${action === 'updated' ? ' (the payload carries only its ID)' : ''}`,
		payload: () => (action === 'cloned' ? cloned(what) : onlyId(what)),
		sample: example(name, timestamp, payload),
	});
}
