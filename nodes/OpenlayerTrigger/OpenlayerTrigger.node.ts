import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { openlayerEvents } from '../Openlayer/catalog';
import { retryMemory, RETRY_WINDOW_SECONDS } from '../Openlayer/retryMemory';
import { attachFailingTests } from '../Openlayer/failingTests';
import { ALL_EVENTS, receiveOpenlayer } from '../Openlayer/receive';
import {
	isOpenlayerSummaryEvent,
	openlayerFailureDetails,
	openlayerSummary,
} from '../Openlayer/summary';
import { eventOptions, eventsSubtitle } from '../shared/catalog';
import { credentialDisplay, decideWithCredential } from '../shared/credentials';
import { answer, rawBodyOf, REJECT_UNAUTHORIZED } from '../shared/delivery';
import { attachMeta, metaOf, withHeaders } from '../shared/deliveryMeta';
import { deliveryHeaders } from '../shared/headers';
import { SUMMARY_OUTPUT } from '../shared/summary';
import {
	deliveryOutputParameters,
	headersToShowOption,
	includeHeadersOption,
	readOutputMode,
	TRIGGER_DEFAULT_VERSION,
	TRIGGER_VERSIONS,
} from '../shared/triggerParameters';
import {
	nowInSeconds,
	signingSecretProblem,
	STANDARD_WEBHOOKS_TOLERANCE_SECONDS,
} from '../shared/verify';

const SIGNING_CREDENTIAL = 'openlayerSigningSecretApi';

/**
 * Carries the verified webhook-id from `webhook()` to `execute()` on the item itself (outside
 * `json`); `execute()` never copies it to its output.
 */
const WEBHOOK_ID_ITEM_KEY = 'openlayerWebhookId';

interface TriggerOptions {
	ignoreRetries?: boolean;
	toleranceSeconds?: number;
	includeHeaders?: boolean;
	headersToShow?: string;
}

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
const MIN_TOLERANCE_SECONDS = 30;

/**
 * The tolerance to check with: the option, capped (a workflow saved before the cap, or an expression,
 * may hold more); a stricter value is kept as it is.
 */
export function toleranceOf(value: unknown): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
		return STANDARD_WEBHOOKS_TOLERANCE_SECONDS;
	return Math.min(MAX_TOLERANCE_SECONDS, value);
}

/** One retry memory per trigger node in this process. */
const scopeOf = (ctx: IWebhookFunctions | IExecuteFunctions) =>
	`${ctx.getWorkflow().id ?? ''}:${ctx.getNode().name}`;

function checkSecret(label: string, value: string): string | undefined {
	const problem = signingSecretProblem(value);
	if (problem === 'invalid')
		return `${label} is not a valid signing secret: expected whsec_ followed by base64`;
	if (problem === 'too-short') return `${label} is too short to be an Openlayer signing secret`;
	return undefined;
}

export class OpenlayerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Openlayer Trigger',
		name: 'openlayerTrigger',
		icon: {
			light: 'file:../Openlayer/openlayer.svg',
			dark: 'file:../Openlayer/openlayer.dark.svg',
		},
		group: ['trigger'],
		// 1.1 names the Output choice `operation`, which the editor's preview follows (see TRIGGER_VERSIONS).
		version: TRIGGER_VERSIONS,
		defaultVersion: TRIGGER_DEFAULT_VERSION,
		subtitle: eventsSubtitle([
			{ name: 'All Events', value: ALL_EVENTS },
			...eventOptions(openlayerEvents),
		]),
		description:
			'Starts the workflow when Openlayer tests are created, updated or deleted, or a test suite run finishes',
		defaults: { name: 'Openlayer Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'openlayerSigningSecretApi',
				required: true,
				testedBy: 'checkSigningSecret',
				displayOptions: credentialDisplay(undefined, TRIGGER_VERSIONS),
			},
			{
				name: 'openlayerTestOpsApi',
				required: true,
				displayOptions: credentialDisplay({ attachFailingTests: [false] }, TRIGGER_VERSIONS),
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Answer accepted deliveries with an empty 200 (n8n would otherwise send the literal
				// text "firstEntryJson"); Openlayer only looks at the status.
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'In Openlayer open Workspace Settings > Webhooks (workspace admins only) and create a webhook with the Production URL shown above (Webhook URLs) and the event types selected below. Openlayer shows the signing secret (whsec_...) once: copy it into an "Openlayer Signing Secret" credential here. Every delivery is checked against it; unsigned, altered or replayed deliveries are refused.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'All Events',
						value: ALL_EVENTS,
						description: 'Every event Openlayer sends to this URL',
					},
					...eventOptions(openlayerEvents),
				],
				default: ['tests.result.updated'],
				description: 'Events that start the workflow; others are acknowledged and ignored',
			},
			...deliveryOutputParameters(
				[
					{
						name: 'Delivery',
						value: 'envelope',
						description: 'The envelope as Openlayer sends it, with the computed data.tests.status',
					},
					{
						name: 'Test Run Summary',
						value: SUMMARY_OUTPUT,
						description:
							'For Test Results Updated: one shape shared with the Qase and Currents triggers (source, event, status, counts, project, run ID, failures, the delivery as raw). Other events keep the delivery.',
					},
				],
				'envelope',
				'Openlayer Trigger',
			),
			{
				displayName: 'Attach Failing Tests',
				name: 'attachFailingTests',
				type: 'boolean',
				default: false,
				displayOptions: { show: { events: [ALL_EVENTS, 'tests.result.updated'] } },
				description:
					'Whether to fetch the failing test results of a run with failures from the Openlayer API (needs an API key) and add them as failingTests. Happens after Openlayer has been answered, so it never delays the delivery.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Ignore Retried Deliveries',
						name: 'ignoreRetries',
						type: 'boolean',
						default: true,
						description:
							'Whether to acknowledge a delivery whose message ID (webhook ID header) already started an execution in the last hour without starting another; Openlayer retries a delivery with the same ID',
					},
					{
						displayName: 'Timestamp Tolerance (Seconds)',
						name: 'toleranceSeconds',
						type: 'number',
						typeOptions: { minValue: MIN_TOLERANCE_SECONDS, maxValue: MAX_TOLERANCE_SECONDS },
						default: STANDARD_WEBHOOKS_TOLERANCE_SECONDS,
						description:
							'Refuse deliveries whose signed webhook-timestamp is further than this from now, in either direction (replay protection). At most 1800: half the hour for which retried message IDs are remembered, so a delivery never passes both checks twice.',
					},
					includeHeadersOption,
					headersToShowOption,
				],
			},
		],
	};

	methods = {
		credentialTest: {
			async checkSigningSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const secret = String(credential.data?.secret ?? '');
				const previous = String(credential.data?.previousSecret ?? '');
				const problem =
					checkSecret('Signing Secret', secret) ??
					(previous.trim() !== '' ? checkSecret('Previous Signing Secret', previous) : undefined);
				if (problem) return { status: 'Error', message: problem };
				return { status: 'OK', message: 'Signing secret is usable' };
			},
		},
	};

	webhookMethods = {
		default: {
			// Openlayer's subscription API is not published: the webhook is created in the Openlayer
			// dashboard, so there is nothing to check, register or remove here.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			// The memory of accepted webhook-ids is kept: it expires by itself after an hour, and a
			// quick deactivate/activate must not let Openlayer's retries start executions again.
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/**
	 * Verifies and shapes one delivery and answers Openlayer at once. Everything slow (the failing
	 * tests) happens in `execute()`, which n8n runs inside the execution after the response.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const now = nowInSeconds();
		const log =
			options.ignoreRetries !== false
				? retryMemory({ scope: scopeOf(this), state: this.getWorkflowStaticData('node'), now })
				: undefined;
		const headers = this.getHeaderData();
		const rawBody = rawBodyOf(this);
		const parsedBody = this.getBodyData();
		const toleranceSeconds = toleranceOf(options.toleranceSeconds);
		const events = this.getNodeParameter('events', [ALL_EVENTS]) as string[];
		const decision = await decideWithCredential(
			this,
			SIGNING_CREDENTIAL,
			(credential) => {
				const decided = receiveOpenlayer(headers, rawBody, {
					secrets: signingSecrets(credential),
					toleranceSeconds,
					events,
					isDuplicate: log?.seen,
					now,
					parsedBody,
				});
				// Remembered in the same synchronous step as the check: two copies arriving together
				// must not both pass `seen` while the first is still on its way back through an await.
				if (log && decided.verdict.kind === 'accept' && decided.webhookId) {
					log.remember(decided.webhookId);
				}
				return decided;
			},
			(d) => d.verdict === REJECT_UNAUTHORIZED,
			{ failClosed: true },
		);
		const response = answer(this, decision.verdict);
		if (decision.webhookId) {
			for (const item of response.workflowData?.[0] ?? [])
				item[WEBHOOK_ID_ITEM_KEY] = decision.webhookId;
		}
		if (decision.verdict.kind !== 'accept') return response;
		return attachMeta(response, {
			receivedAt: new Date().toISOString(),
			headers: deliveryHeaders(headers, options),
		});
	}

	/**
	 * Runs inside the execution with the webhook's items as input (n8n-core's WorkflowExecute.runNode
	 * prefers a node type's `execute()` over passing webhook data through).
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const options = this.getNodeParameter('options', 0, {}) as TriggerOptions;
		if (options.ignoreRetries !== false) {
			// The stored retry memory is written here, not in webhook(): n8n saves static data changed
			// here when the execution ends, after the answer (n8n 1.x saves webhook()'s change before).
			const ids = items
				.map((item) => item[WEBHOOK_ID_ITEM_KEY])
				.filter((id): id is string => typeof id === 'string' && id !== '');
			if (ids.length > 0) {
				const log = retryMemory({
					scope: scopeOf(this),
					state: this.getWorkflowStaticData('node'),
					now: nowInSeconds(),
				});
				for (const id of ids) log.persist(id);
			}
		}
		const attach = this.getNodeParameter('attachFailingTests', 0, false) as boolean;
		const out = attach
			? await attachFailingTests(this, items)
			: items.map((item, i) => ({ json: item.json, pairedItem: { item: i } }));
		return [shapeOutput(this, items, out)];
	}
}

/** "Test Run Summary" for run results, and the request headers when "Include Headers" is on. */
function shapeOutput(
	ctx: IExecuteFunctions,
	input: INodeExecutionData[],
	out: INodeExecutionData[],
): INodeExecutionData[] {
	const summary = readOutputMode(ctx, 'envelope') === SUMMARY_OUTPUT;
	return out.map((item, i) => {
		const meta = metaOf(input[i]);
		const delivery = input[i].json;
		const json =
			summary && isOpenlayerSummaryEvent(delivery.type)
				? openlayerSummary(delivery, meta.receivedAt, openlayerFailureDetails(item.json))
				: item.json;
		return { json: withHeaders(json, meta), pairedItem: { item: i } };
	});
}
