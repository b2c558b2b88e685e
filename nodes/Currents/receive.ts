import type { IDataObject } from 'n8n-workflow';

import { readJsonBody, reject, REJECT_UNAUTHORIZED, type Verdict } from '../shared/delivery';
import {
	HTTP_HEADER_NAME,
	verifySharedSecret,
	verifyTimestampHeader,
	type HeaderBag,
} from '../shared/verify';
import { CURRENTS_EVENT_NAMES } from './catalog';

/**
 * The shortest manual-setup secret accepted, by the credential test and by every delivery alike
 * (n8n saves a credential whose test fails; a short secret is found by guessing online).
 */
export const MIN_MANUAL_SECRET_LENGTH = 16;

/**
 * Why a "Currents Webhook Secret" credential cannot be used, or undefined when it can: header name
 * and secret must both be non-empty strings (`String(undefined)` would make "undefined" a secret
 * anyone can send), the name a valid header name, the secret long enough.
 */
export function manualSecretProblem(
	credential: { headerName?: unknown; secret?: unknown } | undefined,
): string | undefined {
	const header = credential?.headerName;
	const secret = credential?.secret;
	if (typeof header !== 'string' || !HTTP_HEADER_NAME.test(header))
		return 'Header Name is not a valid HTTP header name';
	if (typeof secret !== 'string' || secret.length < MIN_MANUAL_SECRET_LENGTH)
		return `Use a secret of at least ${MIN_MANUAL_SECRET_LENGTH} characters`;
	return undefined;
}

export interface CurrentsReceiveSettings {
	/** The webhook's body data: n8n's parse of rawBody, taken instead of a second parse when it is one. */
	parsedBody?: unknown;
	/** Header and value every delivery must carry; undefined accepts unauthenticated deliveries. */
	secret?: { header: string; value: string };
	/** Whether a secret is expected at all (automatic mode always expects one). */
	secretRequired: boolean;
	/**
	 * Whether x-timestamp must be present. Currents stamps every delivery with it, so a hook this
	 * node registered (automatic setup) always has one; a delivery without it is not from Currents.
	 */
	timestampRequired?: boolean;
	toleranceSeconds: number;
	events: readonly string[];
	now?: number;
}

/**
 * Decides one Currents delivery. Authentication comes first and reads nothing but headers;
 * the body is parsed only once the sender is known.
 */
export function receiveCurrents(
	headers: HeaderBag,
	rawBody: Buffer | undefined,
	settings: CurrentsReceiveSettings,
): Verdict {
	if (settings.secretRequired) {
		if (!settings.secret) return REJECT_UNAUTHORIZED;
		if (!verifySharedSecret(headers, settings.secret.header, settings.secret.value).ok)
			return REJECT_UNAUTHORIZED;
	}
	// Currents stamps each delivery with x-timestamp (epoch ms). It is not signed: whoever holds the
	// secret can send any time, so this refuses stale resends of a delivery as sent (a late retry, a
	// copy from a log), not replays by someone who has the secret (README, "Security").
	const ts = verifyTimestampHeader(headers, 'x-timestamp', {
		toleranceSeconds: settings.toleranceSeconds,
		required: settings.timestampRequired === true,
		now: settings.now,
	});
	if (!ts.ok) return REJECT_UNAUTHORIZED;

	const read = readJsonBody(headers, rawBody, settings.parsedBody);
	if (!read.ok) return read.verdict;
	const event = read.body.event;
	if (typeof event !== 'string' || event === '') {
		return reject(400, 'Not a Currents webhook: the body has no "event" field');
	}
	if (!(CURRENTS_EVENT_NAMES as readonly string[]).includes(event)) {
		return reject(
			400,
			`Unknown Currents event "${event.slice(0, 64)}"; expected one of ${CURRENTS_EVENT_NAMES.join(', ')}`,
		);
	}
	if (!settings.events.includes(event))
		return { kind: 'skip', reason: `event ${event} is not selected` };
	return { kind: 'accept', items: [read.body as IDataObject] };
}
