import type { IDataObject } from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { apiError, nodeError, statusOf } from '../shared/errors';
import {
	authenticatedRequest,
	credentialBaseUrl,
	isAmbiguous,
	type ApiContext,
} from '../shared/http';
import type { CurrentsProject, CurrentsWebhook } from './catalog';

export const CURRENTS_CREDENTIAL = 'currentsTestOpsApi';
export const CURRENTS_DEFAULT_BASE_URL = 'https://api.currents.dev/v1';

interface Envelope<T> {
	status?: string;
	data: T;
	has_more?: boolean;
}

/**
 * The one Currents API client: every request of the trigger, its hook lifecycle and the Currents
 * Webhooks node goes through `request`, with the credential's Base URL and API key.
 */
export const currentsBaseUrl = (ctx: ApiContext) =>
	credentialBaseUrl(ctx, CURRENTS_CREDENTIAL, CURRENTS_DEFAULT_BASE_URL);

function request(
	ctx: ApiContext,
	method: 'GET' | 'POST' | 'PUT' | 'DELETE',
	url: string,
	options: { qs?: IDataObject; body?: IDataObject; timeout?: number } = {},
): Promise<unknown> {
	return authenticatedRequest(ctx, CURRENTS_CREDENTIAL, { method, url, ...options }, 'Currents');
}

async function call<T>(
	ctx: ApiContext,
	method: 'GET' | 'POST' | 'PUT' | 'DELETE',
	path: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<Envelope<T>> {
	const response = (await request(ctx, method, `${await currentsBaseUrl(ctx)}${path}`, options)) as
		| Envelope<T>
		| ''
		| undefined;
	// DELETE may answer 204 with no body.
	if (response === '' || response === undefined || response === null)
		return { data: undefined as T };
	if (typeof response !== 'object' || Array.isArray(response)) {
		throw apiError(
			ctx,
			{ message: 'The response is not a JSON object' },
			`Currents API returned an unreadable response to ${method} ${path}`,
		);
	}
	return response;
}

const isObject = (v: unknown): v is IDataObject =>
	v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * GET `path` under `base` (currentsBaseUrl, read once by the caller for many reads) within
 * `timeoutMs`: the `data` object of the answer, for reads that hold up an execution.
 */
export async function getData(
	ctx: ApiContext,
	base: string,
	path: string,
	timeoutMs: number,
): Promise<IDataObject> {
	const res = await request(ctx, 'GET', `${base}${path}`, { timeout: timeoutMs });
	const data = isObject(res) ? res.data : undefined;
	if (!isObject(data)) throw new Error(`Currents API returned no data for GET ${path}`);
	return data;
}

export interface ProjectPage {
	projects: CurrentsProject[];
	nextCursor?: string;
}

/** One page of projects; `cursor` continues after the last item of the previous page. */
export async function listProjectsPage(
	ctx: ApiContext,
	cursor?: string,
	limit = 50,
): Promise<ProjectPage> {
	const qs: IDataObject = { limit };
	if (cursor) qs.starting_after = cursor;
	const res = await call<CurrentsProject[]>(ctx, 'GET', '/projects', { qs });
	const projects = res.data ?? [];
	const last = projects[projects.length - 1];
	return { projects, nextCursor: res.has_more && last?.cursor ? last.cursor : undefined };
}

export async function listWebhooks(ctx: ApiContext, projectId: string): Promise<CurrentsWebhook[]> {
	return (await call<CurrentsWebhook[]>(ctx, 'GET', '/webhooks', { qs: { projectId } })).data ?? [];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `/webhooks/{hookId}`, only for a hookId of the documented shape (a UUID): an id read from stored
 * state or from an API answer must never steer the request elsewhere (`..`, `a/b`).
 */
function hookPath(ctx: ApiContext, hookId: string): string {
	if (typeof hookId !== 'string' || !UUID.test(hookId)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Webhook ID must be a UUID, got "${String(hookId).slice(0, 100)}"`,
		);
	}
	return `/webhooks/${hookId}`;
}

export async function getWebhook(ctx: ApiContext, hookId: string): Promise<CurrentsWebhook> {
	return (await call<CurrentsWebhook>(ctx, 'GET', hookPath(ctx, hookId))).data;
}

export interface WebhookFields {
	url?: string;
	headers?: string | null;
	label?: string | null;
	hookEvents?: string[];
}

/**
 * POST /webhooks, sent once (the HTTP helper never repeats a POST after a gateway error). When the
 * answer is ambiguous (5xx, or none) the API may have created the hook anyway: the project's hooks
 * are then listed and `isOurs` picks the one this request created, which is returned as if the POST
 * had answered. Without a match the original error stands. So one call leaves at most one hook.
 */
export async function createWebhook(
	ctx: ApiContext,
	projectId: string,
	fields: WebhookFields & { url: string },
	isOurs: (hook: CurrentsWebhook) => boolean = (hook) => sameFields(hook, fields),
): Promise<CurrentsWebhook> {
	try {
		return (
			await call<CurrentsWebhook>(ctx, 'POST', '/webhooks', {
				qs: { projectId },
				body: { ...fields },
			})
		).data;
	} catch (error) {
		if (!isAmbiguous(error)) throw nodeError(ctx, error);
		let hooks: CurrentsWebhook[];
		try {
			hooks = await listWebhooks(ctx, projectId);
		} catch {
			throw nodeError(ctx, error);
		}
		const ours = hooks.filter(isOurs);
		if (ours.length === 0) throw nodeError(ctx, error);
		// The newest is the one this request made, should an identical older one exist.
		return ours.reduce((a, b) => (String(b.createdAt ?? '') > String(a.createdAt ?? '') ? b : a));
	}
}

function sameEvents(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
	const x = a ?? [];
	const y = b ?? [];
	return x.length === y.length && x.every((e) => y.includes(e));
}

/** Whether a listed hook holds exactly the fields a create sent. */
export function sameFields(
	hook: CurrentsWebhook,
	fields: WebhookFields & { url: string },
): boolean {
	return (
		hook.url === fields.url &&
		(hook.headers ?? null) === (fields.headers ?? null) &&
		(hook.label ?? null) === (fields.label ?? null) &&
		sameEvents(hook.hookEvents, fields.hookEvents)
	);
}

export async function updateWebhook(
	ctx: ApiContext,
	hookId: string,
	fields: WebhookFields,
): Promise<CurrentsWebhook> {
	return (await call<CurrentsWebhook>(ctx, 'PUT', hookPath(ctx, hookId), { body: { ...fields } }))
		.data;
}

/** Deletes a hook; returns false when it was already gone (404), which callers treat as success. */
export async function deleteWebhook(ctx: ApiContext, hookId: string): Promise<boolean> {
	try {
		await call<unknown>(ctx, 'DELETE', hookPath(ctx, hookId));
		return true;
	} catch (error) {
		if (statusOf(error) === 404) return false;
		throw nodeError(ctx, error);
	}
}
