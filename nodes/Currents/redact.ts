import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type IHookFunctions,
} from 'n8n-workflow';

import { apiError, statusOf, vendorMessageOf } from '../shared/errors';
import { REDACTED, redactSecrets } from '../shared/redact';

/**
 * Header values of a Currents hook are credentials more often than not (the Currents Trigger's
 * x-webhook-secret, a user's Authorization header). Output and error messages show the header names
 * and REDACTED instead of the values, unless the user asks to reveal them. The node is usable
 * as an AI tool: whatever it outputs may reach a model, and every execution stores it.
 */

function parseHeaderObject(headers: string): Record<string, unknown> | undefined {
	try {
		const parsed: unknown = JSON.parse(headers);
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

/** The hook's `headers` JSON string with every value replaced; names are kept. */
export function redactHeaders(headers: unknown): unknown {
	if (headers === null || headers === undefined || headers === '') return headers;
	if (typeof headers !== 'string') return REDACTED;
	const parsed = parseHeaderObject(headers);
	if (!parsed) return REDACTED;
	const out: Record<string, string> = {};
	for (const name of Object.keys(parsed))
		Object.defineProperty(out, name, { value: REDACTED, enumerable: true });
	return JSON.stringify(out);
}

/**
 * The parts of a webhook URL that carry secrets: user and password, query values, the fragment.
 * (A secret in the path, as some services put one, cannot be told from an ordinary path segment.)
 */
export function urlSecretsOf(url: unknown): string[] {
	if (typeof url !== 'string' || !URL.canParse(url)) return [];
	const parsed = new URL(url);
	const parts = [parsed.username, parsed.password, parsed.hash.slice(1)];
	for (const [, value] of parsed.searchParams) parts.push(value);
	// As written in the URL and as decoded: an API may echo either.
	return [...parts, ...parts.map((p) => safeDecode(p))].filter((p) => p !== '');
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** A webhook URL with user:password, every query value and the fragment replaced; the rest kept. */
export function redactUrl(url: unknown): unknown {
	if (typeof url !== 'string' || !URL.canParse(url)) return url;
	const parsed = new URL(url);
	if (!parsed.username && !parsed.password && !parsed.search && !parsed.hash) return url;
	const userinfo = parsed.username || parsed.password ? `${REDACTED}@` : '';
	const query = parsed.search
		? `?${parsed.search
				.slice(1)
				.split('&')
				.map((pair) => {
					const eq = pair.indexOf('=');
					return eq < 0 ? pair : `${pair.slice(0, eq)}=${REDACTED}`;
				})
				.join('&')}`
		: '';
	const fragment = parsed.hash ? `#${REDACTED}` : '';
	return `${parsed.protocol}//${userinfo}${parsed.host}${parsed.pathname}${query}${fragment}`;
}

/**
 * A copy of a hook (or of any object with a `headers` or `url` field) with its header values and
 * the secret parts of its URL redacted.
 */
export function redactHook<T extends object>(hook: T): T {
	if (hook === null || typeof hook !== 'object') return hook;
	const out = { ...hook } as Record<string, unknown>;
	if ('headers' in hook) out.headers = redactHeaders((hook as { headers?: unknown }).headers);
	if ('url' in hook) out.url = redactUrl((hook as { url?: unknown }).url);
	return out as T;
}

/** The values of a `headers` JSON string, to be kept out of error messages. */
export function headerValuesOf(headers: unknown): string[] {
	if (typeof headers !== 'string') return [];
	const parsed = parseHeaderObject(headers);
	return parsed ? Object.values(parsed).filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Replaces each secret (3 characters or more; shorter ones say nothing) in a text, also when the
 * API quoted it JSON-escaped or URL-encoded, or shortened (runs of 8 characters or more of it).
 */
export function redactText(text: string, secrets: readonly string[]): string {
	return redactSecrets(text, secrets);
}

/**
 * The same error with the given secrets cut from its message and description (an API may echo the
 * headers it refused). Errors that contain none are returned unchanged.
 */
export function redactError(
	ctx: IExecuteFunctions | IHookFunctions,
	error: unknown,
	secrets: readonly string[],
	itemIndex?: number,
): unknown {
	if (!(error instanceof Error) || secrets.length === 0) return error;
	const vendor = vendorMessageOf(error);
	const message = redactText(error.message, secrets);
	const description = redactText(vendor, secrets);
	if (message === error.message && description === vendor) return error;
	if (error instanceof NodeApiError)
		return apiError(ctx, { status: statusOf(error), message: description }, message, itemIndex);
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}
