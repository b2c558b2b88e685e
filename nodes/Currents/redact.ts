import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type IHookFunctions,
} from 'n8n-workflow';

import { apiError, statusOf, vendorMessageOf } from '../shared/errors';

/**
 * Header values of a Currents hook are credentials more often than not (the Currents Trigger's
 * x-webhook-secret, a user's Authorization header). Output and error messages show the header names
 * and this mark instead of the values, unless the user asks to reveal them. The node is usable as an
 * AI tool: whatever it outputs may reach a model, and every execution stores it.
 */
export const REDACTED = '**redacted**';

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

/** A copy of a hook (or of any object with a `headers` field) with its header values redacted. */
export function redactHook<T extends object>(hook: T): T {
	if (hook === null || typeof hook !== 'object' || !('headers' in hook)) return hook;
	return { ...hook, headers: redactHeaders((hook as { headers?: unknown }).headers) };
}

/** The values of a `headers` JSON string, to be kept out of error messages. */
export function headerValuesOf(headers: unknown): string[] {
	if (typeof headers !== 'string') return [];
	const parsed = parseHeaderObject(headers);
	return parsed ? Object.values(parsed).filter((v): v is string => typeof v === 'string') : [];
}

/** Replaces each secret (3 characters or more; shorter ones say nothing) in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of [...secrets]
		.filter((s) => s.length >= 3)
		.sort((a, b) => b.length - a.length)) {
		out = out.split(secret).join(REDACTED);
	}
	return out;
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
