import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CURRENTS_EVENT_NAMES, currentsEvents } from '../Currents/catalog';
import {
	hookExists,
	hookState,
	registerHook,
	removeHook,
	SECRET_HEADER,
	storedSecret,
	type HookTarget,
} from '../Currents/hookLifecycle';
import { searchProjects, projectLocator } from '../Currents/projectLocator';
import { manualSecretProblem, receiveCurrents } from '../Currents/receive';
import { attachFailedTests, currentsFailure, type FailedTest } from '../Currents/failedTests';
import { currentsSummary, isCurrentsSummaryEvent } from '../Currents/summary';
import { checkProjectId } from '../Currents/validation';
import { eventOptions, eventsSubtitle } from '../shared/catalog';
import { credentialDisplay, decideWithCredential } from '../shared/credentials';
import { answer, rawBodyOf, REJECT_UNAUTHORIZED } from '../shared/delivery';
import { attachMeta, metaOf, withHeaders } from '../shared/deliveryMeta';
import { deliveryHeaders } from '../shared/headers';
import { SUMMARY_OUTPUT, type FailureDetails, type ItemError } from '../shared/summary';
import {
	deliveryOutputParameters,
	headersToShowOption,
	includeHeadersOption,
	readOutputMode,
	TRIGGER_DEFAULT_VERSION,
	TRIGGER_VERSIONS,
} from '../shared/triggerParameters';
import { readHeader } from '../shared/verify';

const MANUAL_SECRET_CREDENTIAL = 'currentsWebhookSecretApi';

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

const isAutomatic = (ctx: IHookFunctions | IWebhookFunctions) =>
	ctx.getNodeParameter('setupMode', 'automatic') === 'automatic';

interface TriggerOptions {
	toleranceSeconds?: number;
	includeHeaders?: boolean;
	headersToShow?: string;
}

/** The delivery's x-timestamp (ms or s since the epoch) as ISO 8601, else now. */
function sentAt(ctx: IWebhookFunctions): string {
	const raw = readHeader(ctx.getHeaderData(), 'x-timestamp');
	const n = raw === undefined ? NaN : Number(raw);
	if (!Number.isFinite(n) || n <= 0) return new Date().toISOString();
	return new Date(n > 1e11 ? n : n * 1000).toISOString();
}

/** Failed tests put on the item by "Attach Failed Tests", as the summary's failure details. */
function failureDetails(json: IDataObject): FailureDetails | undefined {
	if (Array.isArray(json.failedTests)) {
		return {
			failures: (json.failedTests as unknown as FailedTest[]).map(currentsFailure),
			truncated: json.failedTestsTruncated === true,
			error: null,
		};
	}
	if (json.failedTestsError)
		return {
			failures: null,
			truncated: false,
			error: json.failedTestsError as unknown as ItemError,
		};
	return undefined;
}

/** Manual setup registers nothing, but a secret every delivery would be refused with is said on activation. */
async function refuseUnusableManualSecret(ctx: IHookFunctions): Promise<void> {
	if (!ctx.getNode().credentials?.[MANUAL_SECRET_CREDENTIAL]) return;
	const problem = manualSecretProblem(await ctx.getCredentials(MANUAL_SECRET_CREDENTIAL));
	if (!problem) return;
	const message = `The Currents Webhook Secret credential cannot be used, so every delivery would be refused (401): ${problem}`;
	throw new NodeOperationError(ctx.getNode(), message, { description: message });
}

export class CurrentsTrigger implements INodeType {
	description: INodeTypeDescription = {
		// n8n 2.x ships its own "Currents Trigger": the TestOps name tells them apart in the nodes panel
		// (the type name, which saved workflows refer to, is unchanged).
		displayName: 'Currents TestOps Trigger',
		name: 'currentsTrigger',
		icon: { light: 'file:../Currents/currents.svg', dark: 'file:../Currents/currents.dark.svg' },
		group: ['trigger'],
		// 1.1 names the Output choice `operation`, which the editor's preview follows (see TRIGGER_VERSIONS).
		version: TRIGGER_VERSIONS,
		defaultVersion: TRIGGER_DEFAULT_VERSION,
		subtitle: eventsSubtitle(eventOptions(currentsEvents)),
		description:
			'Starts the workflow when a Currents (Cypress/Playwright) test run starts, finishes, times out or is canceled. Registers its own webhook (n8n-nodes-testops).',
		defaults: { name: 'Currents Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'currentsTestOpsApi',
				required: true,
				displayOptions: credentialDisplay({ setupMode: ['manual'] }, TRIGGER_VERSIONS),
			},
			{
				name: 'currentsWebhookSecretApi',
				required: false,
				testedBy: 'checkSharedSecret',
				displayOptions: credentialDisplay({ setupMode: ['automatic'] }, TRIGGER_VERSIONS),
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Without this n8n answers accepted deliveries with the literal text "firstEntryJson".
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Setup',
				name: 'setupMode',
				type: 'options',
				options: [
					{
						name: 'Automatic (Use API Key)',
						value: 'automatic',
						description:
							'Registers the webhook in Currents when the workflow is activated and removes it when deactivated',
					},
					{
						name: 'Manual (Paste URL in Currents)',
						value: 'manual',
						description: 'You add the webhook in the Currents dashboard yourself',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'When the workflow is activated, and while "Listen for test event" waits, this node creates (or reuses) a webhook in the chosen Currents project pointing at the matching URL, with a freshly generated secret header, and removes it again afterwards. Deliveries without that secret are refused.',
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setupMode: ['automatic'] } },
			},
			{
				displayName:
					'In Currents open Project Settings > Integrations > HTTP Webhooks, add a webhook with the Production URL shown above (Webhook URLs) and the events selected below. To authenticate deliveries, add a custom header there and put the same header name and value into a "Currents Webhook Secret" credential here.',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { setupMode: ['manual'] } },
			},
			{ ...projectLocator, displayOptions: { show: { setupMode: ['automatic'] } } },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: eventOptions(currentsEvents),
				default: ['RUN_FINISH'],
				description: 'Run events that start the workflow; others are acknowledged and ignored',
			},
			...deliveryOutputParameters(
				[
					{
						name: 'Delivery',
						value: 'payload',
						description: 'The payload exactly as Currents sends it',
					},
					{
						name: 'Test Run Summary',
						value: SUMMARY_OUTPUT,
						description:
							'One shape shared with the Qase and Openlayer triggers: source, event, status, counts, project, run ID and URL, branch, commit, failures, and the delivery as raw',
					},
				],
				'payload',
				'Currents Trigger',
			),
			{
				displayName: 'Attach Failed Tests',
				name: 'attachFailedTests',
				type: 'boolean',
				default: false,
				displayOptions: {
					show: { setupMode: ['automatic'], events: ['RUN_FINISH', 'RUN_TIMEOUT'] },
				},
				description:
					'Whether to fetch the failed tests of a finished or timed-out run with failures from the Currents API and add them as failedTests (spec, title, error message, attempts, link). Happens after Currents has been answered, so it never delays the delivery.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Timestamp Tolerance (Seconds)',
						name: 'toleranceSeconds',
						type: 'number',
						typeOptions: { minValue: 30 },
						default: 300,
						description:
							'Refuse deliveries whose x-timestamp header is further than this from now, in either direction. The header is not signed: this stops late resends of a delivery, not replays by someone who has the secret.',
					},
					includeHeadersOption,
					headersToShowOption,
				],
			},
		],
	};

	methods = {
		listSearch: { searchProjects },
		credentialTest: {
			async checkSharedSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				// The same check refuses every delivery while the saved credential fails it.
				const problem = manualSecretProblem(credential.data);
				if (problem) return { status: 'Error', message: problem };
				return { status: 'OK', message: 'Secret is usable' };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Manual setup has nothing to register: the hook lives in the Currents dashboard. n8n
				// calls create only when this says false, so an unusable secret is refused here too.
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
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const automatic = isAutomatic(this);
		const headers = this.getHeaderData();
		const rawBody = rawBodyOf(this);
		const parsedBody = this.getBodyData();
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const toleranceSeconds = options.toleranceSeconds ?? 300;
		const events = this.getNodeParameter('events', CURRENTS_EVENT_NAMES) as string[];
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
			const value = storedSecret(this);
			verdict = decide(value ? { header: SECRET_HEADER, value } : undefined);
		} else if (this.getNode().credentials?.[MANUAL_SECRET_CREDENTIAL]) {
			verdict = await decideWithCredential(
				this,
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
		const response = answer(this, verdict);
		if (verdict.kind !== 'accept') return response;
		return attachMeta(response, {
			receivedAt: sentAt(this),
			project: automatic
				? (this.getNodeParameter('project', '', { extractValue: true }) as string) || null
				: null,
			headers: deliveryHeaders(headers, options, secretHeader ? [secretHeader] : []),
		});
	}

	/**
	 * Runs inside the execution with the webhook's items (n8n prefers a trigger's execute() over
	 * passing webhook data through), so the failed-tests lookup never delays Currents' answer.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const summary = readOutputMode(this, 'payload') === SUMMARY_OUTPUT;
		const attach =
			this.getNodeParameter('setupMode', 0, 'automatic') === 'automatic' &&
			(this.getNodeParameter('attachFailedTests', 0, false) as boolean);
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const meta = metaOf(items[i]);
			const body = items[i].json;
			let json = attach ? await attachFailedTests(this, body) : body;
			if (summary && isCurrentsSummaryEvent(body.event)) {
				json = currentsSummary(
					body,
					{ project: meta.project ?? null, occurredAt: meta.receivedAt },
					failureDetails(json),
				);
			}
			out.push({ json: withHeaders(json, meta), pairedItem: { item: i } });
		}
		return [out];
	}
}
