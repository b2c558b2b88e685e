import { FieldError } from '../shared/errors';
import { HTTP_HEADER_NAME } from '../shared/verify';

import { CURRENTS_EVENT_NAMES } from './catalog';

/** Limits from the Currents webhooks API reference. */
export const LIMITS = { url: 2048, headers: 4096, labelMin: 1, labelMax: 255 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The first C0 control or DEL in `value` (the WHATWG URL parser silently drops tabs and newlines, so
 * they are refused first). A header value may hold a tab (`allowTab`), never CR, LF (header
 * injection), NUL or another control.
 */
function firstControl(value: string, allowTab = false): string | undefined {
	for (const c of value) {
		const code = c.charCodeAt(0);
		if ((code < 0x20 && !(allowTab && c === '\t')) || code === 0x7f) return c;
	}
	return undefined;
}
/** Names that would be swallowed by (or reach) Object.prototype instead of being sent. */
const RESERVED_NAMES = new Set(['__proto__']);

function describeControl(c: string): string {
	const names: Record<string, string> = {
		'\r': 'a carriage return (CR)',
		'\n': 'a line feed (LF)',
		'\u0000': 'a NUL character',
		'\t': 'a tab',
	};
	return (
		names[c] ??
		`the control character U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`
	);
}

export function checkUrl(url: unknown, field = 'URL'): string {
	if (typeof url !== 'string' || url.trim() === '')
		throw new FieldError(field, `${field} is required`);
	const control = firstControl(url);
	if (control !== undefined)
		throw new FieldError(field, `${field} must not contain ${describeControl(control)}`);
	const value = url.trim();
	const parsed = URL.canParse(value) ? new URL(value) : undefined;
	if (!parsed)
		throw new FieldError(
			field,
			`${field} must be a valid http(s) URL, got "${value.slice(0, 100)}"`,
		);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new FieldError(field, `${field} must use http or https, got "${parsed.protocol}"`);
	}
	if (value.length > LIMITS.url) {
		throw new FieldError(
			field,
			`${field} must be at most ${LIMITS.url} characters (it has ${value.length})`,
		);
	}
	return value;
}

/** Name/value pairs become the JSON object string the API stores; duplicate names are refused. */
export function encodeHeaders(
	pairs: Array<{ name?: unknown; value?: unknown }>,
	field = 'Headers',
): string | null {
	if (pairs.length === 0) return null;
	const headers = new Map<string, string>();
	for (const pair of pairs) {
		const name = typeof pair.name === 'string' ? pair.name.trim() : '';
		if (!HTTP_HEADER_NAME.test(name)) {
			throw new FieldError(
				field,
				`${field}: "${name.slice(0, 100)}" is not a valid HTTP header name`,
			);
		}
		if (RESERVED_NAMES.has(name.toLowerCase())) {
			throw new FieldError(field, `${field}: "${name}" cannot be used as a header name`);
		}
		const key = name.toLowerCase();
		if ([...headers.keys()].some((k) => k.toLowerCase() === key)) {
			throw new FieldError(field, `${field}: "${name}" is given more than once`);
		}
		const value = pair.value === undefined || pair.value === null ? '' : String(pair.value);
		// The value itself is never quoted back: it is often a secret.
		const control = firstControl(value, true);
		if (control !== undefined) {
			throw new FieldError(
				field,
				`${field}: the value of "${name}" must not contain ${describeControl(control)}`,
			);
		}
		headers.set(name, value);
	}
	const encoded = JSON.stringify(Object.fromEntries(headers));
	if (encoded.length > LIMITS.headers) {
		throw new FieldError(
			field,
			`${field} encode to ${encoded.length} characters; Currents accepts at most ${LIMITS.headers}`,
		);
	}
	return encoded;
}

export function checkLabel(label: unknown, field = 'Label'): string {
	const value = typeof label === 'string' ? label : '';
	if (value.length > 0 && value.trim() === '')
		throw new FieldError(field, `${field} must not be only spaces`);
	const control = firstControl(value);
	if (control !== undefined)
		throw new FieldError(field, `${field} must not contain ${describeControl(control)}`);
	if (value.length < LIMITS.labelMin || value.length > LIMITS.labelMax) {
		throw new FieldError(
			field,
			`${field} must be ${LIMITS.labelMin} to ${LIMITS.labelMax} characters (it has ${value.length})`,
		);
	}
	return value;
}

export function checkHookId(hookId: unknown, field = 'Webhook ID'): string {
	const value = typeof hookId === 'string' ? hookId.trim() : '';
	if (!UUID.test(value))
		throw new FieldError(field, `${field} must be a UUID, got "${value.slice(0, 100)}"`);
	return value;
}

export function checkEvents(events: unknown, field = 'Events'): string[] {
	const list = Array.isArray(events) ? events.map(String) : [];
	if (list.length === 0) throw new FieldError(field, `${field}: select at least one event`);
	const unknown = list.filter((e) => !(CURRENTS_EVENT_NAMES as readonly string[]).includes(e));
	if (unknown.length > 0)
		throw new FieldError(field, `${field}: unknown event ${unknown.join(', ')}`);
	return [...new Set(list)];
}

/** What the project picker's "By ID" mode accepts (checked here, not by the locator: see projectLocator.ts). */
const PROJECT_ID = /^[A-Za-z0-9_-]+$/;

export function checkProjectId(projectId: unknown, field = 'Project'): string {
	const value = typeof projectId === 'string' ? projectId.trim() : '';
	if (value === '') throw new FieldError(field, `${field} is required`);
	if (!PROJECT_ID.test(value))
		throw new FieldError(field, `${field}: "${value.slice(0, 100)}" is not a valid project ID`);
	return value;
}
