import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

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
 * attachments[]); 32 leaves room for undocumented fields. A body 20,000 levels deep was accepted
 * before, and the next node failed with "Maximum call stack size exceeded" while n8n could no longer
 * return that execution; n8n and most nodes walk items recursively.
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

/** Parses the raw body as a JSON object; arrays, scalars, empty, broken and too deeply nested bodies are refused. */
export function parseJsonObject(raw: Buffer | undefined): JsonObjectResult {
	if (!raw || raw.length === 0)
		return { ok: false, message: 'Request body is empty; expected a JSON object' };
	if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
		return { ok: false, message: `Request body is nested deeper than ${MAX_JSON_DEPTH} levels` };
	}
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
