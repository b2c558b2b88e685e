import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readHeader, type HeaderBag } from './verify';

/**
 * The exact bytes the sender signed. n8n's body parser keeps them on `req.rawBody` for every
 * non-multipart webhook request; without them nothing can be verified, so callers fail closed.
 */
export function rawBodyOf(ctx: IWebhookFunctions): Buffer | undefined {
	const req = ctx.getRequestObject() as unknown as { rawBody?: unknown };
	const raw = req.rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

/**
 * Answers the sender directly and starts no execution. Bodies stay short and generic: they are read
 * by whoever sent the request, who may be an attacker.
 */
export function respond(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/** 200 without an execution: the sender must not retry an event the workflow does not want. */
export const skipped = (ctx: IWebhookFunctions, reason: string): IWebhookResponseData =>
	respond(ctx, 200, { received: true, skipped: reason });

/** JSON, or a JSON-suffixed media type (`application/cloudevents+json`); absent is tolerated. */
export function isJsonContentType(value: string | string[] | undefined): boolean {
	if (value === undefined) return true;
	const type = (Array.isArray(value) ? value[0] : value).split(';')[0].trim().toLowerCase();
	return type === 'application/json' || type.endsWith('+json');
}

export type JsonObjectResult =
	| { ok: true; value: Record<string, unknown> }
	| { ok: false; message: string };

/**
 * Deepest nesting of objects and arrays a delivery may have. The deepest documented payload of the
 * three vendors is 6 levels (a Qase review.updated: envelope > payload > data > steps[] > step >
 * attachments[]); 32 leaves room for undocumented fields. n8n and most nodes walk items
 * recursively: a body thousands of levels deep makes the next node fail with "Maximum call stack
 * size exceeded", and n8n cannot return that execution.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text nests deeper than `max`: one pass over the bytes, no recursion and no parse,
 * so a hostile body costs one loop, not a stack. Brackets inside strings do not count. (UTF-8
 * continuation bytes are never below 0x80, so they cannot be mistaken for these characters.)
 */
export function nestsDeeperThan(raw: Buffer, max: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i];
		if (inString) {
			if (c === BACKSLASH) i++;
			else if (c === QUOTE) inString = false;
		} else if (c === QUOTE) {
			inString = true;
		} else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
			if (++depth > max) return true;
		} else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
			depth--;
		}
	}
	return false;
}

/**
 * Whether a parsed JSON value nests deeper than `max`, counted as nestsDeeperThan counts the text:
 * the same rule for a body n8n has already parsed. A walk with its own stack, no recursion; it visits
 * objects and arrays only, so it is several times faster than a pass over the bytes (`npm run
 * bench`).
 */
export function valueNestsDeeperThan(value: unknown, max: number): boolean {
	if (value === null || typeof value !== 'object') return false;
	const pending: object[] = [value];
	const depths: number[] = [1];
	while (pending.length > 0) {
		const container = pending.pop() as Record<string, unknown> | unknown[];
		const depth = depths.pop() as number;
		if (depth > max) return true;
		if (Array.isArray(container)) {
			for (let i = 0; i < container.length; i++) {
				const child = container[i];
				if (child !== null && typeof child === 'object') {
					pending.push(child);
					depths.push(depth + 1);
				}
			}
		} else {
			for (const key in container) {
				const child = container[key];
				if (child !== null && typeof child === 'object') {
					pending.push(child);
					depths.push(depth + 1);
				}
			}
		}
	}
	return false;
}

/** A plain JSON object (not an array, not null, not a class instance). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === Object.prototype || proto === null;
}

/**
 * The object n8n's body parser made of the raw bytes, when it made one. n8n (1.x and 2.x,
 * middlewares/body-parser) parses a body whose media type is exactly `application/json` (the
 * Content-Type before `;`, lower-cased, not trimmed) with `JSON.parse` of `rawBody` in the request's
 * charset, and hands it to the node as the body data; other media types, JSON-suffixed ones included,
 * it leaves unparsed. Its own triggers take that object after checking a signature over `rawBody`
 * (getBodyData); ours do too, instead of parsing the same bytes a second time (time, and a copy
 * of the payload). Anything else gives undefined, and the caller parses `rawBody` itself.
 */
export function bodyParsedByN8n(
	contentType: string | string[] | undefined,
	body: unknown,
): Record<string, unknown> | undefined {
	if (typeof contentType !== 'string') return undefined;
	if (contentType.split(';')[0].toLowerCase() !== 'application/json') return undefined;
	return isPlainObject(body) ? body : undefined;
}

/**
 * The raw body as a JSON object; arrays, scalars, empty, broken and too deeply nested bodies are
 * refused. `parsed` is n8n's parse of the same bytes (bodyParsedByN8n), taken instead of parsing
 * again and checked for depth as it is.
 */
export function parseJsonObject(
	raw: Buffer | undefined,
	parsed?: Record<string, unknown>,
): JsonObjectResult {
	if (!raw || raw.length === 0)
		return { ok: false, message: 'Request body is empty; expected a JSON object' };
	if (
		parsed === undefined
			? nestsDeeperThan(raw, MAX_JSON_DEPTH)
			: valueNestsDeeperThan(parsed, MAX_JSON_DEPTH)
	) {
		return { ok: false, message: `Request body is nested deeper than ${MAX_JSON_DEPTH} levels` };
	}
	if (parsed !== undefined) return { ok: true, value: parsed };
	let value: unknown;
	try {
		value = JSON.parse(raw.toString('utf8'));
	} catch {
		return { ok: false, message: 'Request body is not valid JSON' };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return { ok: false, message: 'Request body must be a JSON object' };
	}
	return { ok: true, value: value as Record<string, unknown> };
}

/**
 * What a trigger decided about one delivery. Deciding is a pure function of headers, raw body and
 * settings (easy to test and to benchmark); `answer` turns the verdict into n8n's response.
 */
export type Verdict =
	| { kind: 'reject'; status: 400 | 401 | 415; error: string }
	| { kind: 'skip'; reason: string }
	| { kind: 'accept'; items: IDataObject[] };

export const reject = (status: 400 | 401 | 415, error: string): Verdict => ({
	kind: 'reject',
	status,
	error,
});
/** Every authentication failure looks the same from outside. */
export const REJECT_UNAUTHORIZED: Verdict = { kind: 'reject', status: 401, error: 'Unauthorized' };

/**
 * The delivery's body as a JSON object, read once the sender is known: a media type that is not
 * JSON is refused with 415, a body that is not a JSON object with 400. `parsedBody` is the webhook's
 * body data, taken instead of a second parse when it is n8n's parse of rawBody (bodyParsedByN8n).
 */
export function readJsonBody(
	headers: HeaderBag,
	rawBody: Buffer | undefined,
	parsedBody: unknown,
): { ok: true; body: Record<string, unknown> } | { ok: false; verdict: Verdict } {
	const contentType = readHeader(headers, 'content-type');
	if (!isJsonContentType(contentType)) {
		return { ok: false, verdict: reject(415, 'Content-Type must be application/json') };
	}
	const parsed = parseJsonObject(rawBody, bodyParsedByN8n(contentType, parsedBody));
	if (!parsed.ok) return { ok: false, verdict: reject(400, parsed.message) };
	return { ok: true, body: parsed.value };
}

export function answer(ctx: IWebhookFunctions, verdict: Verdict): IWebhookResponseData {
	switch (verdict.kind) {
		case 'reject':
			return respond(ctx, verdict.status, { error: verdict.error });
		case 'skip':
			return skipped(ctx, verdict.reason);
		case 'accept':
			return { workflowData: [ctx.helpers.returnJsonArray(verdict.items)] };
	}
}
