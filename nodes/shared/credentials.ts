import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialsDisplayOptions,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	IWebhookFunctions,
	NodeParameterValue,
} from 'n8n-workflow';

/**
 * The verification secret of a delivery (Qase secret, Openlayer signing secret, Currents manual
 * secret), at hand without asking n8n for the credential on every request.
 *
 * On n8n 2.x `getCredentials` loads the credential from the database, checks the workflow's access to
 * it and decrypts it: more CPU per delivery than everything else the trigger does. n8n's
 * own triggers that verify deliveries either keep a secret they generated in static data (Stripe,
 * GitHub, n8n's Currents Trigger) or read the credential per request (the Webhook node's header and
 * basic auth); n8n exposes no update time or version of a credential to a node (only its id and
 * name), so a cache cannot tell by itself that a credential changed.
 *
 * So a decrypted credential is kept in process memory for CREDENTIAL_CACHE_SECONDS per workflow,
 * credential type and credential id, and a delivery the cached secret refuses is decided again with
 * the credential read afresh. What a secret rotation costs:
 * - the new secret works at once (0 s): its first delivery is refused by the cached secret, which
 *   triggers the fresh read;
 * - a secret removed from the credential is still accepted for at most CREDENTIAL_CACHE_SECONDS
 *   (10 s) by a process that read it before the change.
 * A refused delivery costs one credential read.
 */
export const CREDENTIAL_CACHE_SECONDS = 10;

interface Cached {
	data: ICredentialDataDecryptedObject;
	expires: number;
}

const cache = new Map<string, Cached>();

function cacheKey(ctx: IWebhookFunctions, type: string): string | undefined {
	const id = ctx.getNode().credentials?.[type]?.id;
	if (!id) return undefined;
	return `${ctx.getWorkflow().id ?? ''}\u0000${type}\u0000${id}`;
}

async function readFresh(
	ctx: IWebhookFunctions,
	type: string,
	key: string | undefined,
	failClosed: boolean,
): Promise<ICredentialDataDecryptedObject | undefined> {
	if (key) cache.delete(key);
	const read = ctx.getCredentials<ICredentialDataDecryptedObject>(type);
	// Without failClosed the read's error reaches n8n unchanged.
	const data = failClosed ? await read.catch(() => undefined) : await read;
	if (key && data) cache.set(key, { data, expires: Date.now() + CREDENTIAL_CACHE_SECONDS * 1000 });
	return data;
}

/**
 * Decides a delivery with the credential `type`: with the cached copy when there is a fresh one, and
 * once more with a fresh read when the cached copy's decision is `refused` (the secret may have
 * changed since). With `failClosed`, a credential n8n cannot read is decided as `undefined` (the
 * caller refuses); otherwise the read's error propagates.
 */
export async function decideWithCredential<T>(
	ctx: IWebhookFunctions,
	type: string,
	decide: (credential: ICredentialDataDecryptedObject | undefined) => T,
	refused: (decision: T) => boolean,
	options: { failClosed?: boolean } = {},
): Promise<T> {
	const key = cacheKey(ctx, type);
	const hit = key === undefined ? undefined : cache.get(key);
	if (hit && hit.expires > Date.now()) {
		const decision = decide(hit.data);
		if (!refused(decision)) return decision;
	}
	return decide(await readFresh(ctx, type, key, options.failClosed === true));
}

/**
 * `displayOptions` of a node credential, written so that n8n's editor (1.123 and 2.x) shows each
 * credential type in its own selector next to the node's parameters:
 * - conditions on node parameters are `hide` rules: the editor takes a parameter named in a
 *   credential's `show` rule for the node's authentication selector and removes it (and the
 *   parameters it depends on) from the panel (getMainAuthField / isAuthRelatedParameter);
 * - a `show` rule on the node version (listing every version of the node) marks the credential as optional to
 *   the editor; without one it treats the credential as the node's main one and its "Create new
 *   credential" opens the node's first credential type whichever selector it was clicked in.
 * n8n's backend evaluates both rules as written, so the credential is required exactly when shown.
 */
export function credentialDisplay(
	hide?: Record<string, NodeParameterValue[]>,
	versions: number[] = [1],
): ICredentialsDisplayOptions {
	return { show: { '@version': versions }, ...(hide ? { hide } : {}) };
}

/**
 * A trigger's credential test for a verification secret that no vendor API can check: the check
 * every delivery is decided with (`problemOf`), so a credential it refuses, which would refuse every
 * delivery, fails its test too.
 */
export function secretCheck(
	problemOf: (data: ICredentialDataDecryptedObject | undefined) => string | undefined,
	usable: string,
) {
	return async function (
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const problem = problemOf(credential.data);
		if (problem) return { status: 'Error', message: problem };
		return { status: 'OK', message: usable };
	};
}
