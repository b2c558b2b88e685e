import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	ENTITY_DISPLAY_NAMES,
	eventsOfEntity,
	QASE_ENTITIES,
	qaseEvents,
	type QaseEventSpec,
} from '../Qase/catalog';
import { resolveRecords } from '../Qase/enrich';
import {
	ALL_ENTITIES,
	ALL_EVENTS,
	payloadWithContext,
	qaseSecretProblem,
	receiveQase,
	type QaseOutputMode,
} from '../Qase/receive';
import { isQaseSummaryEvent, qaseSummary } from '../Qase/summary';
import { byOptionName, eventOptions, eventsSubtitle } from '../shared/catalog';
import { credentialDisplay, decideWithCredential } from '../shared/credentials';
import { answer, rawBodyOf, REJECT_UNAUTHORIZED } from '../shared/delivery';
import { attachMeta, metaOf, withHeaders } from '../shared/deliveryMeta';
import { deliveryHeaders } from '../shared/headers';
import { SUMMARY_OUTPUT } from '../shared/summary';
import {
	entityOutputParameters,
	headersToShowOption,
	includeHeadersOption,
	readOutputMode,
	TRIGGER_DEFAULT_VERSION,
	TRIGGER_VERSIONS,
} from '../shared/triggerParameters';

const SECRET_CREDENTIAL = 'qaseWebhookSecretApi';

const byName = byOptionName;

const entityOptions: INodePropertyOptions[] = [
	{ name: 'All Entities', value: ALL_ENTITIES, description: 'Events of every entity' },
	...QASE_ENTITIES.map((entity) => ({
		name: ENTITY_DISPLAY_NAMES[entity],
		value: entity,
		description: `${ENTITY_DISPLAY_NAMES[entity]} events`,
	})),
].sort(byName);

/**
 * One Events picker per entity (all named `events`, shown for their `resource` value), so a list of
 * forty events stays usable; "all events" is one choice in each.
 */
function eventsProperty(
	resource: string,
	events: readonly QaseEventSpec[],
	allLabel: string,
): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		displayOptions: { show: { resource: [resource] } },
		options: [
			{
				name: allLabel,
				value: ALL_EVENTS,
				description: 'Every event listed here, including ones added later',
			},
			...eventOptions(events),
		].sort(byName),
		default: [ALL_EVENTS],
		description:
			'Events that start the workflow. Tick the same ones on the webhook in Qase; others are acknowledged (200) and ignored.',
	};
}

const eventsProperties: INodeProperties[] = [
	eventsProperty(ALL_ENTITIES, qaseEvents, 'All Events'),
	...QASE_ENTITIES.map((entity) =>
		eventsProperty(entity, eventsOfEntity(entity), `All ${ENTITY_DISPLAY_NAMES[entity]} Events`),
	),
];

/** The Output choices (entityOutputParameters lists them twice: shown, and naming the node). */
const outputOptions: INodePropertyOptions[] = [
	{
		name: 'Payload with Context',
		value: 'payload',
		description:
			"The event's payload fields, with event, project_code, team_member_id and occurred_at (ISO 8601) beside them",
	},
	{
		name: 'Whole Envelope',
		value: 'envelope',
		description:
			'The delivery as Qase sent it: event_name, timestamp, payload, team_member_id, project_code',
	},
	{
		name: 'Test Run Summary',
		value: SUMMARY_OUTPUT,
		description:
			'For run started, completed and aborted: one shape shared with the Currents and Openlayer triggers (source, event, status, counts, duration, project, run ID and URL, the delivery as raw). Other events come as Payload with Context.',
	},
];

/**
 * What webhook() hands to execute(). "Test Run Summary" needs the whole envelope (it becomes `raw`);
 * execute() turns it into a summary, or back into the default payload for events that are not runs.
 */
function webhookOutputMode(ctx: IWebhookFunctions): QaseOutputMode {
	const output = readOutputMode(ctx, 'payload');
	return output === 'envelope' || output === SUMMARY_OUTPUT ? 'envelope' : 'payload';
}

/**
 * Nothing is registered on activation, but a secret every delivery would be refused with (401) is
 * said there, where the user sees it, rather than discovered in Qase's delivery log.
 */
async function refuseUnusableSecret(ctx: IHookFunctions): Promise<void> {
	if (!ctx.getNode().credentials?.[SECRET_CREDENTIAL]) return;
	const credential = await ctx.getCredentials(SECRET_CREDENTIAL);
	const problem = qaseSecretProblem(credential?.secret);
	if (!problem) return;
	const message = `The Qase Webhook Secret credential cannot be used, so every delivery would be refused (401): ${problem}`;
	throw new NodeOperationError(ctx.getNode(), message, { description: message });
}

export class QaseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qase Trigger',
		name: 'qaseTrigger',
		icon: { light: 'file:../Qase/qase.svg', dark: 'file:../Qase/qase.dark.svg' },
		group: ['trigger'],
		// n8n adds a "Custom API Call" choice to the `resource` list of the latest version of any node
		// whose credential has `authenticate` (here the Qase API token for Resolve Full Record). A
		// trigger cannot make API calls; n8n only treats a node as latest when defaultVersion equals
		// version, so the versions declared as a list keep the Entity list to Qase's entities.
		version: TRIGGER_VERSIONS,
		// New nodes get 1.1, whose Output is named `operation`, so the editor's preview follows Entity
		// and Output (v1.1.0/<entity>/<output>.json); entityOutputParameters keeps their name "Qase Trigger".
		defaultVersion: TRIGGER_DEFAULT_VERSION,
		subtitle: eventsSubtitle(eventOptions(qaseEvents), {
			value: ALL_EVENTS,
			labelByResource: Object.fromEntries([
				[ALL_ENTITIES, 'All Events'],
				...QASE_ENTITIES.map((entity) => [entity, `All ${ENTITY_DISPLAY_NAMES[entity]} Events`]),
			]),
		}),
		description:
			'Starts the workflow when Qase sends a webhook: test cases, suites, plans, shared steps, milestones, custom fields, test runs, defects or reviews change',
		defaults: { name: 'Qase Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'qaseWebhookSecretApi',
				required: false,
				testedBy: 'checkQaseWebhookSecret',
				displayOptions: credentialDisplay(undefined, TRIGGER_VERSIONS),
			},
			{
				name: 'qaseTestOpsApi',
				required: true,
				displayOptions: credentialDisplay({ resolveRecord: [false] }, TRIGGER_VERSIONS),
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// An accepted delivery gets an empty 200 (n8n would otherwise answer "firstEntryJson").
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Qase has no API for webhooks, so add this one in Qase yourself: open the project, then Project Settings > Webhooks > Create new webhook. Paste the Production URL shown under "Webhook URLs" above as Endpoint, enter a Secret, and under Events tick the events selected below. Put the same secret in a "Qase Webhook Secret" credential here: without that credential, deliveries are accepted unauthenticated.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Entity',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: entityOptions,
				default: ALL_ENTITIES,
				description: 'Which Qase entity the events are about',
			},
			...eventsProperties,
			...entityOutputParameters(outputOptions, 'payload', {
				nodeName: 'Qase Trigger',
				resourceValues: entityOptions.map((o) => o.value as string),
			}),
			{
				displayName: 'Resolve Full Record',
				name: 'resolveRecord',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the full record (test case, suite, plan, shared step, milestone, custom field, run or defect) from the Qase API and attach it as "record". Needs a Qase Webhook Secret credential: the API token is never used for a delivery that was not authenticated (record_error says so instead). The lookup runs in the workflow execution after Qase has had its answer; a failure (404 when deleted since, 429 when rate limited) arrives as "record_error". Deleted events and test reviews are never looked up.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [includeHeadersOption, headersToShowOption],
			},
		],
	};

	methods = {
		credentialTest: {
			async checkQaseWebhookSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				// There is no Qase API to check a webhook secret against; check that it can work at all
				// (the same check refuses every delivery while the saved secret fails it).
				const problem = qaseSecretProblem(credential.data?.secret);
				if (problem) return { status: 'Error', message: problem };
				return { status: 'OK', message: 'Secret is usable' };
			},
		},
	};

	/**
	 * Qase has no API to create or delete webhooks (they are configured in the Qase UI only), so there
	 * is nothing to register on activation or remove on deactivation: the setup notice tells the user
	 * what to enter in Qase instead.
	 */
	webhookMethods = {
		default: {
			// n8n calls create only when checkExists says false: both refuse an unusable secret.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await refuseUnusableSecret(this);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await refuseUnusableSecret(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/** Verifies and shapes the delivery, nothing slow: Qase disables endpoints that take over 15 s. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const headers = this.getHeaderData();
		const rawBody = rawBodyOf(this);
		const parsedBody = this.getBodyData();
		const resource = this.getNodeParameter('resource', ALL_ENTITIES) as string;
		const events = this.getNodeParameter('events', [ALL_EVENTS]) as string[];
		const output = webhookOutputMode(this);
		const decide = (secret: string | undefined) =>
			receiveQase(headers, rawBody, { secret, resource, events, output, parsedBody });
		const verdict = this.getNode().credentials?.[SECRET_CREDENTIAL]
			? await decideWithCredential(
					this,
					SECRET_CREDENTIAL,
					(credential) => decide(typeof credential?.secret === 'string' ? credential.secret : ''),
					(v) => v === REJECT_UNAUTHORIZED,
				)
			: decide(undefined);
		const response = answer(this, verdict);
		if (verdict.kind !== 'accept') return response;
		const options = this.getNodeParameter('options', {}) as {
			includeHeaders?: boolean;
			headersToShow?: string;
		};
		return attachMeta(response, {
			receivedAt: new Date().toISOString(),
			headers: deliveryHeaders(headers, options),
		});
	}

	/**
	 * n8n runs this in the workflow execution with the webhook's items as input (a webhook node that
	 * also has `execute` is executed like a regular node once the response has been sent), so the
	 * optional record lookup never delays Qase's answer.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const input = this.getInputData();
		const output = readOutputMode(this, 'payload');
		// Summary mode receives envelopes: run events become summaries, the rest the default payload.
		const items =
			output === SUMMARY_OUTPUT
				? input.map((item) =>
						isQaseSummaryEvent(item.json.event_name)
							? item
							: { ...item, json: payloadWithContext(item.json as Record<string, unknown>) },
					)
				: input;
		// webhook() verifies every delivery against the secret credential when the node has one, and
		// refuses it otherwise: its presence is what makes a delivery authenticated.
		const lookup = {
			authenticated: Boolean(this.getNode().credentials?.[SECRET_CREDENTIAL]),
		};
		let out: INodeExecutionData[];
		if (!this.getNodeParameter('resolveRecord', 0, false)) {
			out = items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }));
		} else if (output === SUMMARY_OUTPUT) {
			// Run events are summarised (no record); the others are resolved as payloads.
			const resolved = await resolveRecords(this, items, 'payload', lookup);
			out = resolved.map((item, index) =>
				isQaseSummaryEvent(items[index].json.event_name)
					? { json: items[index].json, pairedItem: { item: index } }
					: item,
			);
		} else {
			out = await resolveRecords(
				this,
				items,
				output === 'envelope' ? 'envelope' : 'payload',
				lookup,
			);
		}
		return [
			out.map((item, index) => {
				const meta = metaOf(input[index]);
				const json =
					output === SUMMARY_OUTPUT && isQaseSummaryEvent(items[index].json.event_name)
						? qaseSummary(items[index].json, meta.receivedAt)
						: item.json;
				return { json: withHeaders(json, meta), pairedItem: { item: index } };
			}),
		];
	}
}
