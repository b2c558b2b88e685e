import type { ICredentialsDisplayOptions, NodeParameterValue } from 'n8n-workflow';

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
