import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

/**
 * The vendor API base URL from the credential's `baseUrl` field (trimmed, no trailing slash), or
 * the vendor's public API when the field is empty.
 */
export async function credentialBaseUrl(ctx: ApiContext, credential: string, fallback: string): Promise<string> {
	const { baseUrl } = await ctx.getCredentials(credential);
	const url = typeof baseUrl === 'string' && baseUrl.trim() !== '' ? baseUrl.trim() : fallback;
	return url.replace(/\/+$/, '');
}

export type ApiContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IWebhookFunctions;

/** What a failed vendor call boils down to, with nothing from the request (no auth header) in it. */
export interface ApiFailure {
	status?: number;
	message: string;
	body?: unknown;
	retryAfterSeconds?: number;
}

function pick(obj: unknown, ...path: string[]): unknown {
	let cur = obj;
	for (const key of path) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[key];
	}
	return cur;
}

/**
 * Reduces whatever n8n's HTTP helper threw (a NodeApiError around an AxiosError, or the AxiosError
 * itself) to status, vendor message and Retry-After. The request config, which carries the API key,
 * is deliberately left behind.
 */
export function describeFailure(error: unknown): ApiFailure {
	const response = pick(error, 'cause', 'response') ?? pick(error, 'response');
	const statusRaw = pick(response, 'status') ?? pick(error, 'httpCode');
	const status = statusRaw === undefined || statusRaw === null ? undefined : Number(statusRaw);
	// n8n's NodeApiError drops the AxiosError (its `cause` field is re-initialised), keeping only the
	// response body, under context.data, when that body is a JSON object.
	const body = pick(response, 'data') ?? pick(error, 'context', 'data');
	const code = (pick(error, 'cause', 'code') ?? pick(error, 'code')) as string | undefined;
	const retryAfterRaw = pick(response, 'headers', 'retry-after');
	const retryAfterSeconds =
		retryAfterRaw !== undefined && /^\d+$/.test(String(retryAfterRaw)) ? Number(retryAfterRaw) : undefined;

	let message: string | undefined;
	for (const candidate of [pick(body, 'message'), pick(body, 'error', 'message'), pick(body, 'error'), pick(body, 'errorMessage')]) {
		if (typeof candidate === 'string' && candidate.trim() !== '') {
			message = candidate;
			break;
		}
	}
	// n8n's NodeApiError replaces axios's "timeout of 15000ms exceeded" (code ECONNABORTED, dropped
	// with the cause) by "The connection was aborted, perhaps the server is offline", which misleads
	// when the API is merely slow; the original text survives in its `messages`.
	const messages = pick(error, 'messages');
	const timeout = [pick(error, 'message'), ...(Array.isArray(messages) ? messages : [])]
		.map((m) => (typeof m === 'string' ? /timeout of (\d+)ms exceeded/.exec(m) : null))
		.find((m) => m !== null);
	if (!message && timeout) message = `The request timed out (no answer within ${Number(timeout[1]) / 1000} s)`;
	if (!message && (code === 'ECONNABORTED' || code === 'ETIMEDOUT')) message = 'The request timed out';
	if (!message && code === 'ECONNREFUSED') message = 'Connection refused';
	if (!message && typeof body === 'string' && body.trim() !== '' && body.length < 300) message = body.trim();
	if (!message) {
		const own = pick(error, 'message');
		message = typeof own === 'string' && own !== '' ? own : 'Request failed';
	}
	return { status: Number.isFinite(status) ? status : undefined, message, body, retryAfterSeconds };
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
	/** Extra attempts after the first, for 429 and 502/503/504 only. */
	retries: number;
	/** Longest Retry-After honoured; a longer one fails at once with the vendor's message. */
	maxWaitSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, maxWaitSeconds: 5 };

const RETRYABLE = new Set([429, 502, 503, 504]);

/**
 * One authenticated request through n8n's own HTTP helper, retrying rate limits and gateway errors
 * a little. A failure is thrown as a NodeApiError that carries the vendor's status and message and
 * nothing of the request (the auth header stays out of execution data and logs).
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
			})) as FullResponse;
			if (res.statusCode >= 200 && res.statusCode < 300) return res.body;
			failure = failureFromResponse(res);
		} catch (error) {
			failure = describeFailure(error);
		}
		const wait = failure.retryAfterSeconds ?? attempt + 1;
		if (
			attempt < retry.retries &&
			failure.status !== undefined &&
			RETRYABLE.has(failure.status) &&
			wait <= retry.maxWaitSeconds
		) {
			await sleep(wait * 1000);
			continue;
		}
		const status = failure.status === undefined ? '' : ` (HTTP ${failure.status})`;
		throw apiError(ctx, failure, `${vendor} API error${status}: ${failure.message}`);
	}
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/** Status, vendor message and Retry-After of a non-2xx answer. */
export function failureFromResponse(res: FullResponse): ApiFailure {
	const described = describeFailure({ response: { status: res.statusCode, data: res.body, headers: res.headers ?? {} } });
	if (described.message === 'Request failed') described.message = `HTTP ${res.statusCode}`;
	return described;
}

/** A NodeApiError carrying the vendor's status and message, and nothing of the request. */
export function apiError(ctx: ApiContext, failure: ApiFailure, message: string, itemIndex?: number): NodeApiError {
	const safe: JsonObject = {
		message: failure.message,
		httpCode: failure.status === undefined ? null : String(failure.status),
	};
	return new NodeApiError(ctx.getNode(), safe, {
		message,
		description: failure.message,
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex,
	});
}

/** HTTP status of a failed vendor call, when it got that far. */
export function statusOf(error: unknown): number | undefined {
	const code = (error as { httpCode?: unknown } | null)?.httpCode;
	const n = code === undefined || code === null ? NaN : Number(code);
	return Number.isFinite(n) ? n : undefined;
}

/**
 * The same failure under a message that says what the node was doing ("Could not register the
 * Currents webhook"). NodeApiError hands back an existing instance unchanged, so a fresh one is
 * built from the safe fields only.
 */
export function rewrap(ctx: ApiContext, error: unknown, message?: string, itemIndex?: number): Error {
	if (error instanceof NodeApiError) {
		const status = statusOf(error);
		const vendorMessage = typeof error.description === 'string' && error.description !== '' ? error.description : error.message;
		return apiError(ctx, { status, message: vendorMessage }, message ?? error.message, itemIndex);
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error.message : String(error), { itemIndex });
}
