import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { decideWithCredential } from '../shared/credentials';
import { REJECT_UNAUTHORIZED } from '../shared/delivery';
import { SUMMARY_OUTPUT } from '../shared/summary';
import type { TriggerVendor } from '../shared/trigger';
import { readOutputMode } from '../shared/triggerParameters';
import { resolveRecords } from './enrich';
import {
	ALL_ENTITIES,
	ALL_EVENTS,
	payloadWithContext,
	qaseSecretProblem,
	receiveQase,
} from './receive';
import { isQaseSummaryEvent, qaseSummary } from './summary';

export const QASE_SECRET_CREDENTIAL = 'qaseWebhookSecretApi';

/**
 * Nothing is registered on activation, but a secret every delivery would be refused with (401) is
 * said there, where the user sees it, rather than discovered in Qase's delivery log.
 */
export async function refuseUnusableSecret(ctx: IHookFunctions): Promise<void> {
	if (!ctx.getNode().credentials?.[QASE_SECRET_CREDENTIAL]) return;
	const credential = await ctx.getCredentials(QASE_SECRET_CREDENTIAL);
	const problem = qaseSecretProblem(credential?.secret);
	if (!problem) return;
	const message = `The Qase Webhook Secret credential cannot be used, so every delivery would be refused (401): ${problem}`;
	throw new NodeOperationError(ctx.getNode(), message, { description: message });
}

/**
 * The Qase Trigger's parts of the trigger pipeline. "Test Run Summary" needs the whole envelope (it
 * becomes `raw`), so webhook() keeps envelopes for it; a delivery that is not a run becomes the
 * default payload in execute(). Nothing slow in webhook(): Qase disables endpoints that take over
 * 15 s; the optional record lookup runs in execute(), after Qase has had its answer.
 */
export const qaseTrigger: TriggerVendor = {
	defaultOutput: 'payload',

	async receive(ctx, { headers, rawBody, parsedBody }) {
		const resource = ctx.getNodeParameter('resource', ALL_ENTITIES) as string;
		const events = ctx.getNodeParameter('events', [ALL_EVENTS]) as string[];
		const mode = readOutputMode(ctx, 'payload');
		const output = mode === 'envelope' || mode === SUMMARY_OUTPUT ? 'envelope' : 'payload';
		const decide = (secret: string | undefined) =>
			receiveQase(headers, rawBody, { secret, resource, events, output, parsedBody });
		const verdict = ctx.getNode().credentials?.[QASE_SECRET_CREDENTIAL]
			? await decideWithCredential(
					ctx,
					QASE_SECRET_CREDENTIAL,
					(credential) => decide(typeof credential?.secret === 'string' ? credential.secret : ''),
					(v) => v === REJECT_UNAUTHORIZED,
				)
			: decide(undefined);
		return { verdict };
	},

	isSummaryEvent: (json) => isQaseSummaryEvent(json.event_name),

	body: (json, output) => (output === SUMMARY_OUTPUT ? payloadWithContext(json) : json),

	async enrich(ctx, deliveries, output) {
		const bodies = deliveries.map((d) => d.body);
		if (!ctx.getNodeParameter('resolveRecord', 0, false)) return bodies;
		// webhook() verifies every delivery against the secret credential when the node has one, and
		// refuses it otherwise: its presence is what makes a delivery authenticated. A summary's
		// envelope names no `event` for a payload lookup, so runs are never looked up.
		const resolved = await resolveRecords(
			ctx,
			bodies.map((json) => ({ json })),
			output === 'envelope' ? 'envelope' : 'payload',
			{ authenticated: Boolean(ctx.getNode().credentials?.[QASE_SECRET_CREDENTIAL]) },
		);
		return resolved.map((item): IDataObject => item.json);
	},

	summarise: ({ json, meta }) => qaseSummary(json, meta.receivedAt),
};
