import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { decideWithCredential } from '../shared/credentials';
import { REJECT_UNAUTHORIZED } from '../shared/delivery';
import type { TriggerVendor } from '../shared/trigger';
import { nowInSeconds, signingSecretProblem, DEFAULT_TOLERANCE_SECONDS } from '../shared/verify';
import { attachFailedTests } from './failedTests';
import { ALL_EVENTS, receiveOpenlayer } from './receive';
import { retryMemory, RETRY_WINDOW_SECONDS } from './retryMemory';
import { isOpenlayerSummaryEvent, openlayerFailureDetails, openlayerSummary } from './summary';

export const SIGNING_CREDENTIAL = 'openlayerSigningSecretApi';

/**
 * Carries the verified webhook-id from `webhook()` to `execute()` on the item itself (outside
 * `json`); `execute()` never copies it to its output.
 */
const WEBHOOK_ID_ITEM_KEY = 'openlayerWebhookId';
/** `webhook` beside it when webhook() stored the id (n8n saves that before it answers). */
const STORED_BY_ITEM_KEY = 'openlayerStoredBy';

/** Current and previous signing secret; none when the credential cannot be read (fails closed). */
function signingSecrets(credential: ICredentialDataDecryptedObject | undefined): string[] {
	if (!credential) return [];
	return [credential.secret, credential.previousSecret].filter(
		(s): s is string => typeof s === 'string' && s.trim() !== '',
	);
}

/**
 * The largest Timestamp Tolerance: half the retry memory's window. A delivery is accepted while its
 * signed timestamp lies within the tolerance of now in either direction, so one stamped T ahead of
 * its first arrival stays valid until 2T after it; with 2T at most the window, the memory still
 * holds its id for as long as the signature would pass, and a captured delivery never runs twice.
 */
export const MAX_TOLERANCE_SECONDS = RETRY_WINDOW_SECONDS / 2;

/**
 * The tolerance to check with: the option, capped (an expression may hold more); a stricter value
 * is kept as it is.
 */
export function toleranceOf(value: unknown): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
		return DEFAULT_TOLERANCE_SECONDS;
	return Math.min(MAX_TOLERANCE_SECONDS, value);
}

/** One retry memory per trigger node in this process. */
const scopeOf = (ctx: IWebhookFunctions | IExecuteFunctions) =>
	`${ctx.getWorkflow().id ?? ''}:${ctx.getNode().name}`;

/**
 * Triggers (scopes) whose deliveries this process has also executed: one n8n process (regular
 * mode), where the execution stores the webhook-id right after the answer. Until then, and always
 * in a queue-mode webhook process (its executions run on workers), webhook() stores the id itself
 * and n8n saves it before it answers, so that the other webhook processes see it (retryMemory.ts).
 */
const executesHere = new Set<string>();

/**
 * n8n 2.x forgets that webhook() changed the static data before it saves it: `WorkflowRunner.run`
 * builds a second Workflow over the same object (`establishContextForPersistence`), whose
 * `ObservableObject.create` resets the change mark, and `LiveWebhooks.executeWebhook` saves only a
 * marked change, after the execution is enqueued. Writing the same values again once webhook() has
 * returned (a timer; enqueueing takes several database round trips) marks it again, so 2.x saves it
 * before the answer as 1.x does. Harmless on 1.x, which reads the mark before the timer fires.
 */
function markChangedAgain(state: IDataObject): void {
	void sleep(0).then(() => Object.assign(state, { ...state }));
}

function checkSecret(label: string, value: string): string | undefined {
	const problem = signingSecretProblem(value);
	if (problem === 'invalid')
		return `${label} is not a valid signing secret: expected whsec_ followed by base64`;
	if (problem === 'too-short') return `${label} is too short to be an Openlayer signing secret`;
	return undefined;
}

/** Why the saved signing secrets cannot be used, or undefined (the credential test). */
export function signingCredentialProblem(data: ICredentialDataDecryptedObject | undefined) {
	const secret = String(data?.secret ?? '');
	const previous = String(data?.previousSecret ?? '');
	return (
		checkSecret('Signing Secret', secret) ??
		(previous.trim() !== '' ? checkSecret('Previous Signing Secret', previous) : undefined)
	);
}

/**
 * n8n's webhook lifecycle of the Openlayer Trigger. Openlayer's subscription API is not published:
 * the webhook is created in the Openlayer dashboard, so there is nothing to check, register or
 * remove here.
 */
export const openlayerHookMethods = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async create(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	// The memory of accepted webhook-ids is kept: it expires by itself after an hour, and a quick
	// deactivate/activate must not let Openlayer's retries start executions again.
	async delete(this: IHookFunctions): Promise<boolean> {
		return true;
	},
};

/**
 * The Openlayer Trigger's parts of the trigger pipeline: webhook() verifies the Standard Webhooks
 * signature and asks the retry memory; execute() stores the retry memory and fetches the failing
 * tests after Openlayer has had its answer.
 */
export const openlayerTrigger: TriggerVendor = {
	defaultOutput: 'envelope',

	async receive(ctx, { headers, rawBody, parsedBody }, options) {
		const now = nowInSeconds();
		const scope = scopeOf(ctx);
		const state = options.ignoreRetries !== false ? ctx.getWorkflowStaticData('node') : undefined;
		const memory = state ? retryMemory({ scope, state, now }) : undefined;
		let stored = false;
		const toleranceSeconds = toleranceOf(options.toleranceSeconds);
		const events = ctx.getNodeParameter('events', [ALL_EVENTS]) as string[];
		const decision = await decideWithCredential(
			ctx,
			SIGNING_CREDENTIAL,
			(credential) => {
				const decided = receiveOpenlayer(headers, rawBody, {
					secrets: signingSecrets(credential),
					toleranceSeconds,
					events,
					isDuplicate: memory?.seen,
					now,
					parsedBody,
				});
				// Remembered in the same synchronous step as the check: two copies arriving together
				// must not both pass `seen` while the first is still on its way back through an await.
				if (memory && decided.verdict.kind === 'accept' && decided.webhookId) {
					memory.remember(decided.webhookId);
					if (!executesHere.has(scope)) {
						memory.persist(decided.webhookId);
						stored = true;
					}
				}
				return decided;
			},
			(d) => d.verdict === REJECT_UNAUTHORIZED,
			{ failClosed: true },
		);
		if (stored && state) markChangedAgain(state);
		if (!decision.webhookId) return { verdict: decision.verdict };
		const itemFields: Record<string, string> = { [WEBHOOK_ID_ITEM_KEY]: decision.webhookId };
		if (stored) itemFields[STORED_BY_ITEM_KEY] = 'webhook';
		return { verdict: decision.verdict, itemFields };
	},

	executing(ctx, items) {
		const options = ctx.getNodeParameter('options', 0, {}) as { ignoreRetries?: boolean };
		if (options.ignoreRetries === false) return;
		// A manual run (the editor's test URL) says nothing about where production deliveries run.
		if (ctx.getMode() !== 'manual' && items.some((item) => WEBHOOK_ID_ITEM_KEY in item))
			executesHere.add(scopeOf(ctx));
		// Written here for the ids webhook() did not store (this process runs its deliveries): n8n
		// saves static data changed here when the execution ends, after the answer. Never for the
		// others: a queue worker of n8n 2.x runs without the workflow's static data (the execution's
		// workflow snapshot leaves it out), so its write would replace the stored copy.
		const ids = items
			.filter((item) => item[STORED_BY_ITEM_KEY] !== 'webhook')
			.map((item) => item[WEBHOOK_ID_ITEM_KEY])
			.filter((id): id is string => typeof id === 'string' && id !== '');
		if (ids.length === 0) return;
		const memory = retryMemory({
			scope: scopeOf(ctx),
			state: ctx.getWorkflowStaticData('node'),
			now: nowInSeconds(),
		});
		for (const id of ids) memory.persist(id);
	},

	isSummaryEvent: (json) => isOpenlayerSummaryEvent(json.type),

	async enrich(ctx, deliveries) {
		const bodies = deliveries.map((d) => d.body);
		if (!ctx.getNodeParameter('attachFailingTests', 0, false)) return bodies;
		const out = await attachFailedTests(
			ctx,
			bodies.map((json) => ({ json })),
		);
		return out.map((item) => item.json);
	},

	summarise: ({ json, meta }, enriched) =>
		openlayerSummary(json, meta.receivedAt, openlayerFailureDetails(enriched)),
};
