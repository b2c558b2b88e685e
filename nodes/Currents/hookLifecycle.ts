import { randomBytes } from 'node:crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { statusOf, withStep } from '../shared/errors';
import { redactError } from './redact';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook } from './api';
import type { CurrentsWebhook } from './catalog';

/** The custom header Currents sends with every delivery of a hook we registered. */
export const SECRET_HEADER = 'x-webhook-secret';

/** What the trigger keeps in the node's static data for one registered hook. */
export interface HookState extends IDataObject {
	hookId?: string;
	secret?: string;
	projectId?: string;
	/** Set for the hook of a test webhook ("Listen for test event"). */
	test?: boolean;
}

/**
 * Hooks by webhook URL, in the node's static data. The editor's "Listen for test event" registers a
 * second, temporary hook on the test URL while the production one may be active; keyed by the URL
 * n8n gives each lifecycle call (`getNodeWebhookUrl`, which is the test URL for a test webhook,
 * whatever N8N_ENDPOINT_WEBHOOK_TEST says), testing never touches the production hook or its secret.
 * n8n removes both kinds in mode 'internal', so neither the mode nor a path convention could tell
 * them apart there; the URL does.
 */
interface HookStore {
	hooks?: Record<string, HookState>;
	/** Before hooks were keyed by URL: one record per slot (read once, then moved under its URL). */
	production?: HookState;
	test?: HookState;
}

const hooksOf = (store: HookStore): Record<string, HookState> => {
	if (typeof store.hooks !== 'object' || store.hooks === null) store.hooks = {};
	return store.hooks;
};

/** The hook record for this context's webhook URL, created empty when missing (webhook lifecycle only). */
export function hookState(ctx: IHookFunctions): HookState {
	const store = ctx.getWorkflowStaticData('node') as HookStore;
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	const hooks = hooksOf(store);
	if (typeof hooks[url] !== 'object' || hooks[url] === null) {
		// A record from before the URL keys belongs to the production URL; only an activation (mode
		// 'trigger', said by n8n) may claim it, never a test webhook or a teardown.
		const legacy =
			ctx.getMode() === 'trigger' && typeof store.production === 'object'
				? store.production
				: undefined;
		hooks[url] = legacy ? { ...legacy } : {};
		if (legacy) delete store.production;
	}
	// A test webhook is created in mode 'manual'; its deliveries come in that mode too.
	if (ctx.getMode() === 'manual') hooks[url].test = true;
	return hooks[url];
}

/**
 * The secret deliveries to this webhook must carry; read-only, so the delivery path writes nothing.
 * n8n runs a test delivery in mode 'manual' (and gives it the production URL), so the mode picks
 * the test record; a production delivery finds its record under its URL.
 */
export function storedSecret(ctx: IWebhookFunctions): string | undefined {
	const store = ctx.getWorkflowStaticData('node') as HookStore;
	const hooks = typeof store.hooks === 'object' && store.hooks !== null ? store.hooks : {};
	const records = Object.values(hooks);
	let record: HookState | undefined;
	if (ctx.getMode() === 'manual') {
		record = records.filter((r) => r.test === true && r.secret).pop();
	} else {
		record = hooks[ctx.getNodeWebhookUrl('default') ?? ''];
		if (!record?.secret) {
			const production = records.filter((r) => r.test !== true && r.secret);
			record = production.length === 1 ? production[0] : store.production;
		}
	}
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
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, string>)
			: {};
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
	return Object.entries(parseHeaders(hook.headers)).some(
		([k, v]) => k.toLowerCase() === SECRET_HEADER && v === secret,
	);
}

/**
 * Activation errors name the step that failed, then the vendor's own status and message, with the
 * hook's secret cut out should the API quote the headers it was sent.
 */
const failure = (ctx: IHookFunctions, error: unknown, what: string, secret?: string): Error =>
	redactError(
		ctx,
		withStep(ctx, error, `Could not ${what} the Currents webhook`),
		secret ? [secret] : [],
	) as Error;

/**
 * n8n's checkExists: true when the hook we registered is still there with our URL. A hook whose
 * events or secret header drifted is brought back in line and kept, so a restart never recreates it.
 */
export async function hookExists(
	ctx: IHookFunctions,
	state: HookState,
	target: HookTarget,
): Promise<boolean> {
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
			throw failure(ctx, error, 'update', state.secret);
		}
	}
	return true;
}

/**
 * n8n's create: adopts a hook that already points at this workflow's URL (left by an earlier
 * activation whose state was lost) instead of adding a duplicate, removes any further duplicates,
 * and only then records hook id and secret.
 */
export async function registerHook(
	ctx: IHookFunctions,
	state: HookState,
	target: HookTarget,
): Promise<void> {
	const secret = randomBytes(32).toString('hex');
	let hookId: string;
	try {
		const existing = (await listWebhooks(ctx, target.projectId)).filter(
			(h) => h.url === target.url,
		);
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
			// After an ambiguous failure the hook carrying this fresh secret, if the API made it, is ours.
			const created = await createWebhook(
				ctx,
				target.projectId,
				{
					url: target.url,
					hookEvents: target.events,
					headers: withSecretHeader(null, secret),
					label: target.label,
				},
				(hook) => hook.url === target.url && hasSecret(hook, secret),
			);
			hookId = created.hookId;
		}
	} catch (error) {
		throw failure(ctx, error, 'register', secret);
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
export async function removeHook(
	ctx: IHookFunctions,
	state: HookState,
	target: HookTarget,
): Promise<void> {
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
