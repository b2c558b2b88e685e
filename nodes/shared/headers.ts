import type { IDataObject } from 'n8n-workflow';

import type { HeaderBag } from './verify';

export const REDACTED = '[redacted]';

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
 * The delivery's request headers for the output item ("Include Headers"), names in lower case, with
 * secrets and signatures replaced by "[redacted]" so that no credential reaches execution data.
 * `alsoSecret` names headers configured as secrets on the node (a Currents secret header name).
 */
export function redactHeaders(headers: HeaderBag, alsoSecret: readonly string[] = []): IDataObject {
	const extra = new Set(alsoSecret.map((h) => h.toLowerCase()));
	const out: IDataObject = {};
	for (const [rawName, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const name = rawName.toLowerCase();
		const secret = SECRET_HEADERS.has(name) || extra.has(name) || SECRET_LOOKING.test(name);
		out[name] = secret ? REDACTED : Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}
