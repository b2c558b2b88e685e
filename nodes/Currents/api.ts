import type { IDataObject } from 'n8n-workflow';

import { apiError, authenticatedRequest, credentialBaseUrl, rewrap, statusOf, type ApiContext } from '../shared/http';
import type { CurrentsProject, CurrentsWebhook } from './catalog';

export const CURRENTS_CREDENTIAL = 'currentsTestOpsApi';
export const CURRENTS_DEFAULT_BASE_URL = 'https://api.currents.dev/v1';

interface Envelope<T> {
	status?: string;
	data: T;
	has_more?: boolean;
}

const baseUrl = (ctx: ApiContext) => credentialBaseUrl(ctx, CURRENTS_CREDENTIAL, CURRENTS_DEFAULT_BASE_URL);

async function call<T>(
	ctx: ApiContext,
	method: 'GET' | 'POST' | 'PUT' | 'DELETE',
	path: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<Envelope<T>> {
	const response = (await authenticatedRequest(ctx, CURRENTS_CREDENTIAL, {
		method,
		url: `${await baseUrl(ctx)}${path}`,
		...options,
	}, 'Currents')) as Envelope<T> | '' | undefined;
	// DELETE may answer 204 with no body.
	if (response === '' || response === undefined || response === null) return { data: undefined as T };
	if (typeof response !== 'object' || Array.isArray(response)) {
		throw apiError(ctx, { message: 'The response is not a JSON object' }, `Currents API returned an unreadable response to ${method} ${path}`);
	}
	return response;
}

export interface ProjectPage {
	projects: CurrentsProject[];
	nextCursor?: string;
}

/** One page of projects; `cursor` continues after the last item of the previous page. */
export async function listProjectsPage(ctx: ApiContext, cursor?: string, limit = 50): Promise<ProjectPage> {
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

export async function getWebhook(ctx: ApiContext, hookId: string): Promise<CurrentsWebhook> {
	return (await call<CurrentsWebhook>(ctx, 'GET', `/webhooks/${encodeURIComponent(hookId)}`)).data;
}

export interface WebhookFields {
	url?: string;
	headers?: string | null;
	label?: string | null;
	hookEvents?: string[];
}

export async function createWebhook(
	ctx: ApiContext,
	projectId: string,
	fields: WebhookFields & { url: string },
): Promise<CurrentsWebhook> {
	return (await call<CurrentsWebhook>(ctx, 'POST', '/webhooks', { qs: { projectId }, body: { ...fields } })).data;
}

export async function updateWebhook(ctx: ApiContext, hookId: string, fields: WebhookFields): Promise<CurrentsWebhook> {
	return (await call<CurrentsWebhook>(ctx, 'PUT', `/webhooks/${encodeURIComponent(hookId)}`, { body: { ...fields } })).data;
}

/** Deletes a hook; returns false when it was already gone (404), which callers treat as success. */
export async function deleteWebhook(ctx: ApiContext, hookId: string): Promise<boolean> {
	try {
		await call<unknown>(ctx, 'DELETE', `/webhooks/${encodeURIComponent(hookId)}`);
		return true;
	} catch (error) {
		if (statusOf(error) === 404) return false;
		throw rewrap(ctx, error);
	}
}
