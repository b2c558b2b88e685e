import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { apiError, statusOf, withStep, forItem, type ApiFailure } from './errors';
import { redactSecrets } from './redact';

export { apiError, statusOf, type ApiFailure } from './errors';

/**
 * The vendor API base URL from the credential's `baseUrl` field (trimmed, no trailing slash), or
 * the vendor's public API when the field is empty.
 */
export async function credentialBaseUrl(
	ctx: ApiContext,
	credential: string,
	fallback: string,
): Promise<string> {
	const { baseUrl } = await ctx.getCredentials(credential);
	const url = typeof baseUrl === 'string' && baseUrl.trim() !== '' ? baseUrl.trim() : fallback;
	return url.replace(/\/+$/, '');
}

export type ApiContext =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

function pick(obj: unknown, ...path: string[]): unknown {
	let cur = obj;
	for (const key of path) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[key];
	}
	return cur;
}

/** The vendor's message in an error body: `{message}`, `{error: {message}}`, `{error}`, `{errorMessage}`, or short text. */
function messageOfBody(body: unknown): string | undefined {
	for (const candidate of [
		pick(body, 'message'),
		pick(body, 'error', 'message'),
		pick(body, 'error'),
		pick(body, 'errorMessage'),
	]) {
		if (typeof candidate === 'string' && candidate.trim() !== '') return candidate;
	}
	if (typeof body === 'string' && body.trim() !== '' && body.length < 300) return body.trim();
	return undefined;
}

/** Status, vendor message and Retry-After of a non-2xx answer. */
export function failureOfResponse(res: FullResponse): ApiFailure {
	const retryAfterRaw = res.headers?.['retry-after'];
	const retryAfterSeconds =
		retryAfterRaw !== undefined && /^\d+$/.test(String(retryAfterRaw))
			? Number(retryAfterRaw)
			: undefined;
	return {
		status: res.statusCode,
		message: messageOfBody(res.body) ?? `HTTP ${res.statusCode}`,
		retryAfterSeconds,
	};
}

/**
 * Reduces what n8n's HTTP helper threw when no answer came (timeout, refused connection: a
 * NodeApiError around an AxiosError, or the AxiosError itself) to a message. The request config,
 * which carries the API key, is deliberately left behind.
 */
export function describeFailure(error: unknown): ApiFailure {
	const statusRaw =
		pick(error, 'cause', 'response', 'status') ??
		pick(error, 'response', 'status') ??
		pick(error, 'httpCode');
	const status = statusRaw === undefined || statusRaw === null ? undefined : Number(statusRaw);
	const code = (pick(error, 'cause', 'code') ?? pick(error, 'code')) as string | undefined;
	// n8n's NodeApiError replaces axios's "timeout of 15000ms exceeded" (code ECONNABORTED, dropped
	// with the cause) by "The connection was aborted, perhaps the server is offline", which misleads
	// when the API is merely slow; the original text survives in its `messages`.
	const messages = pick(error, 'messages');
	const timeout = [pick(error, 'message'), ...(Array.isArray(messages) ? messages : [])]
		.map((m) => (typeof m === 'string' ? /timeout of (\d+)ms exceeded/.exec(m) : null))
		.find((m) => m !== null);
	let message = messageOfBody(pick(error, 'response', 'data') ?? pick(error, 'context', 'data'));
	if (!message && timeout)
		message = `The request timed out (no answer within ${Number(timeout[1]) / 1000} s)`;
	if (!message && (code === 'ECONNABORTED' || code === 'ETIMEDOUT'))
		message = 'The request timed out';
	if (!message && code === 'ECONNREFUSED') message = 'Connection refused';
	if (!message) {
		const own = pick(error, 'message');
		message = typeof own === 'string' && own !== '' ? own : 'Request failed';
	}
	return { status: Number.isFinite(status) ? status : undefined, message };
}

export interface VendorRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Milliseconds; vendors answer in well under a second, and n8n waits on activation. */
	timeout?: number;
}

export interface RetryPolicy {
	/** Extra attempts after the first, for 429 (any method) and 502/503/504 (idempotent methods only). */
	retries: number;
	/** Longest Retry-After honoured; a longer one fails at once with the vendor's message. */
	maxWaitSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, maxWaitSeconds: 5 };

/**
 * A 429 says the request was not processed, so any method may be sent again. A gateway error (or no
 * answer) says nothing about whether the API performed it: only methods that can be repeated
 * without a second effect are retried; a POST would create a second webhook.
 */
const RATE_LIMITED = 429;
const GATEWAY = new Set([502, 503, 504]);
const IDEMPOTENT = new Set<IHttpRequestMethods>(['GET', 'HEAD', 'PUT', 'DELETE']);

export function isRetryable(method: IHttpRequestMethods, status: number | undefined): boolean {
	if (status === RATE_LIMITED) return true;
	return status !== undefined && GATEWAY.has(status) && IDEMPOTENT.has(method);
}

/**
 * True when a failed request may or may not have been performed by the API: a 5xx, or no answer at
 * all (timeout, reset). The caller of a non-idempotent request reconciles before anything else.
 */
export function isAmbiguous(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = statusOf(error);
	return status === undefined || status >= 500;
}

/** A 3xx answer: the status named, the target not followed (nor quoted: it may carry anything). */
export function redirectFailure(status: number): ApiFailure {
	return {
		status,
		message: `The API answered with a redirect (HTTP ${status}), which is not followed: the credential goes to its own Base URL only. Check the credential's Base URL`,
	};
}

/**
 * The failure with the credential's own secrets cut from its message: an API may quote back the
 * key or token it refused ("Token … is expired"), and the message is stored in the run data. Every
 * string field but the Base URL counts as secret.
 */
async function withoutCredentialSecrets(
	ctx: ApiContext,
	credentialType: string,
	failure: ApiFailure,
): Promise<ApiFailure> {
	let secrets: unknown[];
	try {
		const credential = await ctx.getCredentials(credentialType);
		secrets = Object.entries(credential ?? {})
			.filter(([key]) => key !== 'baseUrl')
			.map(([, value]) => value);
	} catch {
		return failure;
	}
	const message = redactSecrets(failure.message, secrets);
	return message === failure.message ? failure : { ...failure, message };
}

/**
 * One authenticated request through n8n's own HTTP helper, retrying rate limits (and, for idempotent
 * methods, gateway errors) a little. A failure is thrown as one NodeApiError carrying the vendor's
 * status and message and nothing of the request (the auth header stays out of execution data and logs).
 */
export async function authenticatedRequest(
	ctx: ApiContext,
	credentialType: string,
	request: VendorRequest,
	vendor: string,
	retry: RetryPolicy = DEFAULT_RETRY,
): Promise<unknown> {
	for (let attempt = 0; ; attempt++) {
		let failure: ApiFailure;
		try {
			// The full response, errors included: n8n's NodeApiError keeps neither the response headers
			// (Retry-After) nor non-JSON bodies, so statuses are handled here instead.
			const res = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
				method: request.method,
				url: request.url,
				qs: request.qs,
				body: request.body,
				json: true,
				timeout: request.timeout ?? 15000,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// n8n follows redirects and re-sends the auth headers to wherever they point (Authorization
				// to another origin by default, a custom header such as Qase's Token always): a Base URL
				// or an upstream answering 302 to another host would receive the key. Not followed, a
				// redirect comes back as the 3xx itself (ignoreHttpStatusErrors) and fails below.
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
			})) as FullResponse;
			if (res.statusCode >= 200 && res.statusCode < 300) return res.body;
			failure =
				res.statusCode >= 300 && res.statusCode < 400
					? redirectFailure(res.statusCode)
					: failureOfResponse(res);
		} catch (error) {
			failure = describeFailure(error);
		}
		const wait = failure.retryAfterSeconds ?? attempt + 1;
		if (
			attempt < retry.retries &&
			isRetryable(request.method, failure.status) &&
			wait <= retry.maxWaitSeconds
		) {
			await sleep(wait * 1000);
			continue;
		}
		const safe = await withoutCredentialSecrets(ctx, credentialType, failure);
		const status = safe.status === undefined ? '' : ` (HTTP ${safe.status})`;
		throw apiError(ctx, safe, `${vendor} API error${status}: ${safe.message}`);
	}
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/**
 * Kept for callers written before errors.ts: the error with the step's context (`withStep`), or
 * the same error attached to an item (`forItem`).
 */
export function rewrap(
	ctx: ApiContext,
	error: unknown,
	message?: string,
	itemIndex?: number,
): Error {
	if (message !== undefined) return withStep(ctx, error, message, itemIndex);
	return forItem(ctx, error, itemIndex ?? 0);
}
