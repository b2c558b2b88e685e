import type { IDataObject } from 'n8n-workflow';

import { readJsonBody, reject, REJECT_UNAUTHORIZED, type Verdict } from '../shared/delivery';
import { epochMs } from '../shared/epoch';
import { verifySharedSecret, type HeaderBag } from '../shared/verify';
import { contextFields, findQaseEvent, type QaseEntity } from './catalog';

/** Qase sends the webhook's secret verbatim in this header (no HMAC). */
export const QASE_SECRET_HEADER = 'x-qase-secret';

/**
 * The shortest Qase webhook secret accepted, by the credential test and by every delivery alike:
 * n8n saves a credential whose test fails, so a check in the test alone would let a two-character
 * secret authenticate deliveries, found by an online guessing loop in a few thousand tries.
 */
export const MIN_QASE_SECRET_LENGTH = 12;

/** Why a Qase webhook secret cannot be used (after trimming), or undefined when it can. */
export function qaseSecretProblem(secret: unknown): string | undefined {
	const value = typeof secret === 'string' ? secret.trim() : '';
	if (value === '') return 'Enter the Secret set on the webhook in Qase';
	if (!/^[\x20-\x7e]+$/.test(value))
		return 'Use printable ASCII characters only: other characters do not survive the trip as an HTTP header';
	if (value.length < MIN_QASE_SECRET_LENGTH)
		return `Use a secret of at least ${MIN_QASE_SECRET_LENGTH} characters, ideally a long random string`;
	return undefined;
}

/** The `resource` value that listens to every entity. */
export const ALL_ENTITIES = 'all';
/** The events value that stands for every event of the chosen entity (or of all entities). */
import { ALL_EVENTS } from '../shared/catalog';

export { ALL_EVENTS };

export type QaseOutputMode = 'payload' | 'envelope';

export interface QaseReceiveSettings {
	/** The webhook's body data: n8n's parse of rawBody, taken instead of a second parse when it is one. */
	parsedBody?: unknown;
	/** The webhook secret set in Qase; undefined accepts unauthenticated deliveries. */
	secret?: string;
	/** An entity, or `all`. */
	resource: QaseEntity | typeof ALL_ENTITIES | string;
	/** Selected event names, or `*`. */
	events: readonly string[];
	output: QaseOutputMode;
}

/**
 * The envelope's unix timestamp as ISO 8601. Qase documents seconds; a value too large to be seconds
 * is read as milliseconds (epochMs). Anything else yields null rather than a guess.
 */
export function isoFromUnix(value: unknown): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
	const ms = epochMs(value);
	if (ms > 8.64e15) return null;
	return new Date(ms).toISOString();
}

/** Payload fields with `event`, `project_code`, `team_member_id` and `occurred_at` beside them. */
export function payloadWithContext(body: Record<string, unknown>): IDataObject {
	// One object literal, then plain stores: an object copied with a spread and then grown by many
	// keys falls into V8's slow dictionary mode.
	const item: IDataObject = {
		event: body.event_name as string,
		project_code: (body.project_code ?? null) as IDataObject[string],
		team_member_id: (body.team_member_id ?? null) as IDataObject[string],
		occurred_at: isoFromUnix(body.timestamp),
	};
	const payload = body.payload as IDataObject;
	for (const key of Object.keys(payload)) {
		// The context fields win over a payload field of the same name (none is documented). Own keys
		// only: `in` also matched inherited names (constructor, toString), dropping those fields.
		if (Object.prototype.hasOwnProperty.call(contextFields, key)) continue;
		if (key === '__proto__') {
			// A store would set the item's prototype: this key is data, defined as an own property.
			Object.defineProperty(item, key, {
				value: payload[key],
				enumerable: true,
				writable: true,
				configurable: true,
			});
		} else {
			item[key] = payload[key];
		}
	}
	return item;
}

/** Whether the node's selection (entity + events) takes this event. */
export function isSelected(
	eventName: string,
	entity: string,
	settings: Pick<QaseReceiveSettings, 'resource' | 'events'>,
): boolean {
	if (settings.resource !== ALL_ENTITIES && settings.resource !== entity) return false;
	return settings.events.includes(ALL_EVENTS) || settings.events.includes(eventName);
}

/**
 * Decides one Qase delivery. The secret is checked first, from headers alone; the body is parsed
 * only once the sender is known. Nothing here waits on anything: Qase disables endpoints that take
 * over 15 s to answer.
 */
export function receiveQase(
	headers: HeaderBag,
	rawBody: Buffer | undefined,
	settings: QaseReceiveSettings,
): Verdict {
	if (settings.secret !== undefined) {
		const expected = settings.secret.trim();
		// A configured but empty, or too short to resist guessing, secret is a misconfiguration:
		// fail closed, with the same bare 401 as a wrong secret.
		if (qaseSecretProblem(expected) !== undefined) return REJECT_UNAUTHORIZED;
		if (!verifySharedSecret(headers, QASE_SECRET_HEADER, expected).ok) return REJECT_UNAUTHORIZED;
	}

	const read = readJsonBody(headers, rawBody, settings.parsedBody);
	if (!read.ok) return read.verdict;
	const body = read.body;

	const eventName = body.event_name;
	if (typeof eventName !== 'string' || eventName === '') {
		return reject(400, 'Not a Qase webhook: the body has no "event_name" field');
	}
	const payload = body.payload;
	if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
		return reject(400, 'Not a Qase webhook: "payload" must be a JSON object');
	}
	const event = findQaseEvent(eventName);
	if (!event) {
		// Qase's UI offers test-run result events whose names are documented nowhere. Refusing them
		// would make Qase disable the whole webhook after two days of failures, so a well-formed
		// envelope of an event we do not know is acknowledged and skipped like an unselected one.
		return {
			kind: 'skip',
			reason: `event ${eventName.slice(0, 64)} is not a documented Qase event`,
		};
	}
	if (!isSelected(event.name, event.group, settings)) {
		return { kind: 'skip', reason: `event ${event.name} is not selected` };
	}
	const item = settings.output === 'envelope' ? (body as IDataObject) : payloadWithContext(body);
	return { kind: 'accept', items: [item] };
}
