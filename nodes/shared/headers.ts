import type { IDataObject } from 'n8n-workflow';

import { REDACTED } from './redact';
import type { HeaderBag } from './verify';

/** Headers that carry a credential or a signature in the deliveries these triggers receive. */
const SECRET_HEADERS = new Set([
	'authorization',
	'proxy-authorization',
	'cookie',
	'set-cookie',
	'x-qase-secret',
	'x-webhook-secret',
	'webhook-signature',
	'x-api-key',
	'api-key',
]);

/** Anything named like a secret is hidden too: a sender may add its own (e.g. a Currents custom header). */
const SECRET_LOOKING = /secret|signature|token|password|api[-_]?key|auth/i;

/**
 * The headers whose values are shown: ones that describe the request and its route, and carry no
 * credential. Everything else is redacted, since a deny-list cannot know the names a proxy or a
 * sender adds for access (cf-access-jwt-assertion, x-goog-iap-jwt-assertion,
 * x-forwarded-client-cert, a custom auth header); more can be named with "Headers to Show".
 */
export const HARMLESS_HEADERS: ReadonlySet<string> = new Set([
	'accept',
	'accept-encoding',
	'accept-language',
	'cache-control',
	'cf-connecting-ip',
	'cf-ipcountry',
	'cf-ray',
	'cf-visitor',
	'connection',
	'content-encoding',
	'content-length',
	'content-type',
	'date',
	'expect',
	'forwarded',
	'host',
	'pragma',
	'traceparent',
	'tracestate',
	'user-agent',
	'via',
	'webhook-id',
	'webhook-timestamp',
	'x-amzn-trace-id',
	'x-cloud-trace-context',
	'x-correlation-id',
	'x-forwarded-for',
	'x-forwarded-host',
	'x-forwarded-port',
	'x-forwarded-proto',
	'x-forwarded-server',
	'x-real-ip',
	'x-request-id',
	'x-timestamp',
]);

/**
 * The delivery's request headers for the output item ("Include Headers"), names in lower case.
 * Values are shown for the harmless headers and for those named in `shown`; every other value
 * reads "[redacted]", so that no credential reaches execution data. Secrets and signatures stay
 * redacted even when named: `alsoSecret` names headers configured as secrets on the node (a
 * Currents secret header name).
 */
export function redactHeaders(
	headers: HeaderBag,
	alsoSecret: readonly string[] = [],
	shown: readonly string[] = [],
): IDataObject {
	const extra = new Set(alsoSecret.map((h) => h.toLowerCase()));
	const named = new Set(shown.map((h) => h.toLowerCase()));
	const out: IDataObject = {};
	for (const [rawName, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const name = rawName.toLowerCase();
		const secret = SECRET_HEADERS.has(name) || extra.has(name) || SECRET_LOOKING.test(name);
		const visible = !secret && (HARMLESS_HEADERS.has(name) || named.has(name));
		out[name] = visible ? (Array.isArray(value) ? value.join(', ') : String(value)) : REDACTED;
	}
	return out;
}

/** The header names of the "Headers to Show" option (comma- or space-separated), lower-cased. */
export function headerNamesOf(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(/[\s,]+/)
		.map((name) => name.trim().toLowerCase())
		.filter((name) => name !== '');
}

/** The headers for the item when "Include Headers" is on, else undefined. */
export function deliveryHeaders(
	headers: HeaderBag,
	options: { includeHeaders?: boolean; headersToShow?: unknown },
	alsoSecret: readonly string[] = [],
): IDataObject | undefined {
	if (!options.includeHeaders) return undefined;
	return redactHeaders(headers, alsoSecret, headerNamesOf(options.headersToShow));
}
