import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { decideWithCredential } from '../shared/credentials';
import { REJECT_UNAUTHORIZED } from '../shared/delivery';
import { epochMs } from '../shared/epoch';
import type { Request, TriggerVendor } from '../shared/trigger';
import { DEFAULT_TOLERANCE_SECONDS, readHeader } from '../shared/verify';
import { CURRENTS_EVENT_NAMES } from './catalog';
import { attachFailedTests } from './failedTests';
import {
	hookExists,
	hookState,
	registerHook,
	removeHook,
	SECRET_HEADER,
	storedSecret,
	type HookTarget,
} from './hookLifecycle';
import { manualSecretProblem, receiveCurrents } from './receive';
import { currentsFailureDetails, currentsSummary, isCurrentsSummaryEvent } from './summary';
import { checkProjectId } from './validation';

export const MANUAL_SECRET_CREDENTIAL = 'currentsWebhookSecretApi';

const isAutomatic = (ctx: IHookFunctions | IWebhookFunctions) =>
	ctx.getNodeParameter('setupMode', 'automatic') === 'automatic';

function hookTarget(ctx: IHookFunctions): HookTarget {
	const projectId = ctx.getNodeParameter('project', '', { extractValue: true }) as string;
	const events = ctx.getNodeParameter('events', []) as string[];
	const workflowName = ctx.getWorkflow().name ?? 'workflow';
	return {
		projectId,
		url: ctx.getNodeWebhookUrl('default') as string,
		events,
		label: `n8n: ${workflowName}`.slice(0, 255),
	};
}

/** The delivery's x-timestamp (ms or s since the epoch) as ISO 8601, else now. */
function sentAt(headers: Request['headers']): string {
	const raw = readHeader(headers, 'x-timestamp');
	const n = raw === undefined ? NaN : Number(raw);
	if (!Number.isFinite(n) || n <= 0) return new Date().toISOString();
	return new Date(epochMs(n)).toISOString();
}

/** Manual setup registers nothing, but a secret every delivery would be refused with is said on activation. */
async function refuseUnusableManualSecret(ctx: IHookFunctions): Promise<void> {
	if (!ctx.getNode().credentials?.[MANUAL_SECRET_CREDENTIAL]) return;
	const problem = manualSecretProblem(await ctx.getCredentials(MANUAL_SECRET_CREDENTIAL));
	if (!problem) return;
	const message = `The Currents Webhook Secret credential cannot be used, so every delivery would be refused (401): ${problem}`;
	throw new NodeOperationError(ctx.getNode(), message, { description: message });
}

/**
 * n8n's webhook lifecycle of the Currents Trigger. Manual setup has nothing to register: the hook
 * lives in the Currents dashboard. n8n calls create only when checkExists says false, so an unusable
 * manual secret is refused in both.
 */
export const currentsHookMethods = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		if (!isAutomatic(this)) {
			await refuseUnusableManualSecret(this);
			return true;
		}
		return await hookExists(this, hookState(this), hookTarget(this));
	},
	async create(this: IHookFunctions): Promise<boolean> {
		if (!isAutomatic(this)) {
			await refuseUnusableManualSecret(this);
			return true;
		}
		const target = hookTarget(this);
		try {
			checkProjectId(target.projectId);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, {
				description: 'Check the "Project" field',
			});
		}
		await registerHook(this, hookState(this), target);
		return true;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		if (!isAutomatic(this)) return true;
		await removeHook(this, hookState(this), hookTarget(this));
		return true;
	},
};

/**
 * The Currents Trigger's parts of the trigger pipeline: webhook() checks the secret header (the
 * generated one in automatic setup, the credential's in manual setup) and the x-timestamp window;
 * execute() fetches the failed tests after Currents has had its answer.
 */
export const currentsTrigger: TriggerVendor = {
	defaultOutput: 'payload',

	async receive(ctx, { headers, rawBody, parsedBody }, options) {
		const automatic = isAutomatic(ctx);
		const toleranceSeconds =
			(options.toleranceSeconds as number | undefined) ?? DEFAULT_TOLERANCE_SECONDS;
		const events = ctx.getNodeParameter('events', CURRENTS_EVENT_NAMES) as string[];
		let secretHeader: string | undefined;
		const decide = (secret: { header: string; value: string } | undefined) => {
			secretHeader = secret?.header;
			return receiveCurrents(headers, rawBody, {
				secret,
				secretRequired: automatic || secret !== undefined,
				timestampRequired: automatic,
				toleranceSeconds,
				events,
				parsedBody,
			});
		};
		let verdict;
		if (automatic) {
			const value = storedSecret(ctx);
			verdict = decide(value ? { header: SECRET_HEADER, value } : undefined);
		} else if (ctx.getNode().credentials?.[MANUAL_SECRET_CREDENTIAL]) {
			verdict = await decideWithCredential(
				ctx,
				MANUAL_SECRET_CREDENTIAL,
				// A credential the check refuses (odd data, a short secret) authenticates nothing.
				(cred) =>
					manualSecretProblem(cred) === undefined
						? decide({ header: cred!.headerName as string, value: cred!.secret as string })
						: REJECT_UNAUTHORIZED,
				(v) => v === REJECT_UNAUTHORIZED,
			);
		} else {
			verdict = decide(undefined);
		}
		return {
			verdict,
			sentAt: () => sentAt(headers),
			project: () =>
				automatic
					? (ctx.getNodeParameter('project', '', { extractValue: true }) as string) || null
					: null,
			secretHeaders: secretHeader ? [secretHeader] : [],
		};
	},

	isSummaryEvent: (json) => isCurrentsSummaryEvent(json.event),

	async enrich(ctx, deliveries) {
		const attach =
			ctx.getNodeParameter('setupMode', 0, 'automatic') === 'automatic' &&
			(ctx.getNodeParameter('attachFailedTests', 0, false) as boolean);
		const out: IDataObject[] = [];
		for (const { body } of deliveries) out.push(attach ? await attachFailedTests(ctx, body) : body);
		return out;
	},

	summarise: ({ json, meta }, enriched) =>
		currentsSummary(
			json,
			{ project: meta.project ?? null, occurredAt: meta.receivedAt },
			currentsFailureDetails(enriched),
		),
};
