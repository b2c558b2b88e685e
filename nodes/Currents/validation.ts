import { HTTP_HEADER_NAME } from '../shared/verify';

import { CURRENTS_EVENT_NAMES } from './catalog';

/** Limits from the Currents webhooks API reference. */
export const LIMITS = { url: 2048, headers: 4096, labelMin: 1, labelMax: 255 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown for input that would be refused by the API anyway; `field` names the node parameter. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

export function checkUrl(url: unknown, field = 'URL'): string {
	if (typeof url !== 'string' || url.trim() === '') throw new FieldError(field, `${field} is required`);
	const value = url.trim();
	const parsed = URL.canParse(value) ? new URL(value) : undefined;
	if (!parsed) throw new FieldError(field, `${field} must be a valid http(s) URL, got "${value.slice(0, 100)}"`);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new FieldError(field, `${field} must use http or https, got "${parsed.protocol}"`);
	}
	if (value.length > LIMITS.url) {
		throw new FieldError(field, `${field} must be at most ${LIMITS.url} characters (it has ${value.length})`);
	}
	return value;
}

/** Name/value pairs become the JSON object string the API stores; duplicate names are refused. */
export function encodeHeaders(pairs: Array<{ name?: unknown; value?: unknown }>, field = 'Headers'): string | null {
	if (pairs.length === 0) return null;
	const obj: Record<string, string> = {};
	for (const pair of pairs) {
		const name = typeof pair.name === 'string' ? pair.name.trim() : '';
		if (!HTTP_HEADER_NAME.test(name)) {
			throw new FieldError(field, `${field}: "${name}" is not a valid HTTP header name`);
		}
		const key = name.toLowerCase();
		if (Object.keys(obj).some((k) => k.toLowerCase() === key)) {
			throw new FieldError(field, `${field}: "${name}" is given more than once`);
		}
		obj[name] = pair.value === undefined || pair.value === null ? '' : String(pair.value);
	}
	const encoded = JSON.stringify(obj);
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
	if (!UUID.test(value)) throw new FieldError(field, `${field} must be a UUID, got "${value.slice(0, 100)}"`);
	return value;
}

export function checkEvents(events: unknown, field = 'Events'): string[] {
	const list = Array.isArray(events) ? events.map(String) : [];
	if (list.length === 0) throw new FieldError(field, `${field}: select at least one event`);
	const unknown = list.filter((e) => !(CURRENTS_EVENT_NAMES as readonly string[]).includes(e));
	if (unknown.length > 0) throw new FieldError(field, `${field}: unknown event ${unknown.join(', ')}`);
	return [...new Set(list)];
}

export function checkProjectId(projectId: unknown, field = 'Project'): string {
	const value = typeof projectId === 'string' ? projectId.trim() : '';
	if (value === '') throw new FieldError(field, `${field} is required`);
	return value;
}
