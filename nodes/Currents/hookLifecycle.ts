import { randomBytes } from 'node:crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiError, rewrap, statusOf } from '../shared/http';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook } from './api';
import type { CurrentsWebhook } from './catalog';

/** The custom header Currents sends with every delivery of a hook we registered. */
export const SECRET_HEADER = 'x-webhook-secret';

/** What the trigger keeps in the node's static data for one registered hook. */
export interface HookState extends IDataObject {
	hookId?: string;
	secret?: string;
	projectId?: string;
}

/**
 * The editor's "Listen for test event" registers a second, temporary hook on the test URL while the
 * production one may be active. Each gets its own slot in the node's static data, so testing never
 * touches (or deletes) the production hook and its secret. n8n removes both kinds in mode
 * 'internal', so the test URL (n8n's default `/webhook-test/` path) is what tells them apart.
 */
function slotOf(ctx: IHookFunctions | IWebhookFunctions): 'test' | 'production' {
	if (ctx.getMode() === 'manual') return 'test';
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	return url.includes('/webhook-test/') ? 'test' : 'production';
}

/** The hook record for this context, created empty when missing (webhook lifecycle only). */
export function hookState(ctx: IHookFunctions): HookState {
	const store = ctx.getWorkflowStaticData('node');
	const slot = slotOf(ctx);
	if (typeof store[slot] !== 'object' || store[slot] === null) store[slot] = {};
	return store[slot] as HookState;
}

/** The secret deliveries to this URL must carry; read-only, so the delivery path writes nothing. */
export function storedSecret(ctx: IWebhookFunctions): string | undefined {
	const record = ctx.getWorkflowStaticData('node')[slotOf(ctx)] as HookState | undefined;
	return typeof record?.secret === 'string' && record.secret !== '' ? record.secret : undefined;
}

export interface HookTarget {
	projectId: string;
	url: string;
	events: string[];
	label: string;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((x) => b.includes(x));
}

function parseHeaders(headers: string | null | undefined): Record<string, string> {
	if (!headers) return {};
	try {
		const parsed: unknown = JSON.parse(headers);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
	} catch {
		return {};
	}
}

/** Keeps headers the user put on an adopted hook and sets ours, replacing any casing of it. */
export function withSecretHeader(existing: string | null | undefined, secret: string): string {
	const headers = Object.fromEntries(
		Object.entries(parseHeaders(existing)).filter(([k]) => k.toLowerCase() !== SECRET_HEADER),
	);
	headers[SECRET_HEADER] = secret;
	return JSON.stringify(headers);
}

function hasSecret(hook: CurrentsWebhook, secret: string): boolean {
	return Object.entries(parseHeaders(hook.headers)).some(([k, v]) => k.toLowerCase() === SECRET_HEADER && v === secret);
}

/**
 * Activation errors name the step that failed, then the vendor's own status and message. The
 * description carries the same whole sentence: n8n 1.x shows a user only the description of a
 * NodeApiError that failed an activation (WorkflowService), which alone ("Internal server error")
 * would not say that Currents answered, nor to what.
 */
function failure(ctx: IHookFunctions, error: unknown, what: string): Error {
	const status = statusOf(error);
	const vendor = (error as { description?: unknown }).description;
	const detail = typeof vendor === 'string' && vendor !== '' ? vendor : (error as Error).message;
	const message = `Could not ${what} the Currents webhook${status ? ` (HTTP ${status})` : ''}: ${detail}`;
	if (error instanceof NodeApiError) return apiError(ctx, { status, message }, message);
	return rewrap(ctx, error, message);
}

/**
 * n8n's checkExists: true when the hook we registered is still there with our URL. A hook whose
 * events or secret header drifted is brought back in line and kept, so a restart never recreates it.
 */
export async function hookExists(ctx: IHookFunctions, state: HookState, target: HookTarget): Promise<boolean> {
	if (!state.hookId || !state.secret) return false;
	let hook: CurrentsWebhook;
	try {
		hook = await getWebhook(ctx, state.hookId);
	} catch (error) {
		if (statusOf(error) === 404) {
			clearState(state);
			return false;
		}
		throw failure(ctx, error, 'check');
	}
	if (hook.url !== target.url || state.projectId !== target.projectId) {
		// The workflow now points elsewhere (other project or URL): retire the old hook.
		await removeHook(ctx, state, { ...target, projectId: state.projectId ?? target.projectId });
		return false;
	}
	if (!sameSet(hook.hookEvents ?? [], target.events) || !hasSecret(hook, state.secret)) {
		try {
			await updateWebhook(ctx, state.hookId, {
				hookEvents: target.events,
				headers: withSecretHeader(hook.headers, state.secret),
			});
		} catch (error) {
			throw failure(ctx, error, 'update');
		}
	}
	return true;
}

/**
 * n8n's create: adopts a hook that already points at this workflow's URL (left by an earlier
 * activation whose state was lost) instead of adding a duplicate, removes any further duplicates,
 * and only then records hook id and secret.
 */
export async function registerHook(ctx: IHookFunctions, state: HookState, target: HookTarget): Promise<void> {
	const secret = randomBytes(32).toString('hex');
	let hookId: string;
	try {
		const existing = (await listWebhooks(ctx, target.projectId)).filter((h) => h.url === target.url);
		const [keep, ...duplicates] = existing;
		if (keep) {
			await updateWebhook(ctx, keep.hookId, {
				hookEvents: target.events,
				headers: withSecretHeader(keep.headers, secret),
				label: target.label,
			});
			hookId = keep.hookId;
			for (const dup of duplicates) await deleteWebhook(ctx, dup.hookId);
		} else {
			const created = await createWebhook(ctx, target.projectId, {
				url: target.url,
				hookEvents: target.events,
				headers: withSecretHeader(null, secret),
				label: target.label,
			});
			hookId = created.hookId;
		}
	} catch (error) {
		throw failure(ctx, error, 'register');
	}
	state.hookId = hookId;
	state.secret = secret;
	state.projectId = target.projectId;
}

/**
 * n8n's delete: removes our hook (a 404 means it is already gone) and any other hook of the project
 * that still points at this workflow's URL, then forgets the state. On failure the state is kept so
 * that the next activation finds and reuses the hook rather than orphaning it.
 */
export async function removeHook(ctx: IHookFunctions, state: HookState, target: HookTarget): Promise<void> {
	const projectId = state.projectId ?? target.projectId;
	try {
		if (state.hookId) await deleteWebhook(ctx, state.hookId);
		if (projectId) {
			const leftovers = (await listWebhooks(ctx, projectId)).filter(
				(h) => h.url === target.url && h.hookId !== state.hookId,
			);
			for (const hook of leftovers) await deleteWebhook(ctx, hook.hookId);
		}
	} catch (error) {
		throw failure(ctx, error, 'delete');
	}
	clearState(state);
}

export function clearState(state: HookState): void {
	delete state.hookId;
	delete state.secret;
	delete state.projectId;
}
