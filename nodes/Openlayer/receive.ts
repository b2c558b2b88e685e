import type { IDataObject } from 'n8n-workflow';

import { readJsonBody, reject, REJECT_UNAUTHORIZED, type Verdict } from '../shared/delivery';
import { surelyMatches } from '../shared/schemaCheck';
import { verifyStandardWebhook, type HeaderBag } from '../shared/verify';
import { eventSpec, OPENLAYER_EVENT_NAMES, runStatus, type TestsSummary } from './catalog';

/** The events multi-select's "all events" value. */
import { ALL_EVENTS } from '../shared/catalog';

export { ALL_EVENTS };

export interface OpenlayerReceiveSettings {
	/** The webhook's body data: n8n's parse of rawBody, taken instead of a second parse when it is one. */
	parsedBody?: unknown;
	/** Current signing secret first, then an optional previous one (rotation). */
	secrets: string[];
	toleranceSeconds: number;
	/** Selected event names, or [ALL_EVENTS]. */
	events: readonly string[];
	/** When given, a delivery whose webhook-id it knows is acknowledged without an execution. */
	isDuplicate?: (webhookId: string) => boolean;
	now?: number;
}

export interface OpenlayerDecision {
	verdict: Verdict;
	/** The verified webhook-id; set once the signature checked out. */
	webhookId?: string;
}

function firstIssue(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
	const issue = error.issues[0];
	if (!issue) return 'invalid payload';
	const path = issue.path.map(String).join('.');
	return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Decides one Openlayer delivery, in this order:
 * 1. Standard Webhooks signature over the exact raw bytes, with the timestamp tolerance. Any
 *    failure (missing raw body, header, secret, stale timestamp, bad signature) is a bare 401.
 * 2. Retries: a webhook-id that already started an execution gets 200 and nothing else.
 * 3. Content type, JSON and a `type` (400/415; the sender is authenticated by now, so the message
 *    may say what is wrong).
 * 4. Event filter: an event that is not selected (or not documented) gets 200 without execution.
 * 5. The selected event's documented schema (400 when it does not match).
 * Accepted tests.result.updated items get the computed `data.tests.status`.
 */
export function receiveOpenlayer(
	headers: HeaderBag,
	rawBody: Buffer | undefined,
	settings: OpenlayerReceiveSettings,
): OpenlayerDecision {
	if (!rawBody) return { verdict: REJECT_UNAUTHORIZED };
	const signature = verifyStandardWebhook({
		headers,
		rawBody,
		secrets: settings.secrets,
		toleranceSeconds: settings.toleranceSeconds,
		now: settings.now,
	});
	if (!signature.ok) return { verdict: REJECT_UNAUTHORIZED };
	const webhookId = signature.id;

	if (settings.isDuplicate?.(webhookId)) {
		return {
			verdict: { kind: 'skip', reason: 'duplicate delivery (webhook-id already received)' },
			webhookId,
		};
	}

	const read = readJsonBody(headers, rawBody, settings.parsedBody);
	if (!read.ok) return { verdict: read.verdict, webhookId };
	const body = read.body;
	const type = body.type;
	if (typeof type !== 'string' || type === '') {
		return {
			verdict: reject(400, 'Not an Openlayer webhook: the body has no "type" field'),
			webhookId,
		};
	}
	const spec = eventSpec(type);
	if (!spec) {
		// Signed by Openlayer but not a documented event: acknowledge so it is not retried.
		return {
			verdict: {
				kind: 'skip',
				reason: `event ${type.slice(0, 64)} is not supported; expected one of ${OPENLAYER_EVENT_NAMES.join(', ')}`,
			},
			webhookId,
		};
	}
	if (!settings.events.includes(ALL_EVENTS) && !settings.events.includes(type)) {
		return { verdict: { kind: 'skip', reason: `event ${type} is not selected` }, webhookId };
	}
	// zod decides whatever the shortcut does not pass, and words the refusal.
	if (!surelyMatches(spec.schema, body)) {
		const valid = spec.schema.safeParse(body);
		if (!valid.success) {
			return {
				verdict: reject(400, `Invalid ${type} payload: ${firstIssue(valid.error)}`),
				webhookId,
			};
		}
	}

	const item = body as IDataObject;
	if (type === 'tests.result.updated') {
		const data = item.data as IDataObject;
		const tests = data.tests as IDataObject & TestsSummary;
		item.data = { ...data, tests: { ...tests, status: runStatus(tests) } };
	}
	return { verdict: { kind: 'accept', items: [item] }, webhookId };
}
