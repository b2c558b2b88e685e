import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The package's one error path:
 * - the HTTP helper (http.ts) throws `apiError(...)`: one NodeApiError with the vendor's status and
 *   message, built from those two fields only, so no request header (API key, secret) can ride along;
 * - `withStep` puts what the node was doing in front ("Could not register the Currents webhook");
 * - `itemError` turns any of them into the `{status, message}` object an item carries when a
 *   lookup failed (Qase `record_error`, Openlayer `failingTestsError`).
 */

export type ErrorContext =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

/** What a failed vendor call boils down to, with nothing from the request in it. */
export interface ApiFailure {
	status?: number;
	message: string;
	retryAfterSeconds?: number;
}

export function apiError(
	ctx: ErrorContext,
	failure: ApiFailure,
	message: string,
	itemIndex?: number,
): NodeApiError {
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

/** The vendor's own words (kept in the description by `apiError`), else the error's message. */
export function vendorMessageOf(error: unknown): string {
	const description = (error as { description?: unknown } | null)?.description;
	if (error instanceof NodeApiError && typeof description === 'string' && description !== '')
		return description;
	if (error instanceof Error && error.message !== '') return error.message;
	return typeof error === 'string' && error !== '' ? error : 'Request failed';
}

/**
 * The same failure, said from the step that failed: "Could not register the Currents webhook (HTTP
 * 500): Internal server error". The description carries the whole sentence too: n8n 1.x shows only
 * the description of an error that failed an activation. NodeApiError hands back an existing
 * instance unchanged when given one, so a fresh error is built from the safe fields.
 */
export function withStep(
	ctx: ErrorContext,
	error: unknown,
	step: string,
	itemIndex?: number,
): Error {
	const status = statusOf(error);
	const message = `${step}${status === undefined ? '' : ` (HTTP ${status})`}: ${vendorMessageOf(error)}`;
	if (error instanceof NodeApiError) return apiError(ctx, { status, message }, message, itemIndex);
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

/**
 * The error of one item (Continue On Fail, item index): a NodeApiError keeps its message and status,
 * anything else becomes a NodeOperationError. Wraps at most once.
 */
export function forItem(ctx: ErrorContext, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError) {
		return apiError(
			ctx,
			{ status: statusOf(error), message: vendorMessageOf(error) },
			error.message,
			itemIndex,
		);
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(
		ctx.getNode(),
		error instanceof Error ? error.message : String(error),
		{ itemIndex },
	);
}

/**
 * Thrown for input the vendor's API would refuse anyway, before any request; `field` names the node
 * parameter.
 */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

/** The error an action node reports for item `i`: a FieldError points at its field. */
export function itemFailure(ctx: ErrorContext, error: unknown, i: number): Error {
	if (error instanceof FieldError) {
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex: i,
			description: `Check the "${error.field}" field`,
		});
	}
	return forItem(ctx, error, i);
}

/** The item-level error object: the same 404 reads the same for every vendor. */
export interface ItemError {
	status: number | null;
	message: string;
}

export function itemError(error: unknown): ItemError {
	const message =
		error instanceof Error && error.message !== '' ? error.message : vendorMessageOf(error);
	return { status: statusOf(error) ?? null, message };
}

/** The error unchanged when it is already one of n8n's node errors, else a NodeOperationError. */
export function nodeError(ctx: ErrorContext, error: unknown): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(
		ctx.getNode(),
		error instanceof Error ? error.message : String(error),
	);
}
