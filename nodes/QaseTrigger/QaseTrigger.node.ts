import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { qaseEvents } from '../Qase/catalog';
import { ALL_ENTITIES, ALL_EVENTS, qaseSecretProblem } from '../Qase/receive';
import { qaseTrigger, refuseUnusableSecret } from '../Qase/trigger';
import { eventOptions, eventsSubtitle } from '../shared/catalog';
import { credentialDisplay, secretCheck } from '../shared/credentials';
import * as pipeline from '../shared/trigger';
import { TRIGGER_CONNECTIONS, TRIGGER_KIND, triggerOptions } from '../shared/triggerDescription';
import {
	entityOutputParameters,
	TRIGGER_VERSIONS,
	triggerWebhooks,
} from '../shared/triggerParameters';
import { allEventsLabels, entityOptions, eventsProperties, outputOptions } from './properties';

export class QaseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qase Trigger',
		name: 'qaseTrigger',
		icon: { light: 'file:../Qase/qase.svg', dark: 'file:../Qase/qase.dark.svg' },
		...TRIGGER_KIND,
		subtitle: eventsSubtitle(eventOptions(qaseEvents), {
			value: ALL_EVENTS,
			labelByResource: allEventsLabels,
		}),
		description:
			'Starts the workflow when Qase sends a webhook: test cases, suites, plans, shared steps, milestones, custom fields, test runs, defects or reviews change',
		defaults: { name: 'Qase Trigger' },
		...TRIGGER_CONNECTIONS,
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
		webhooks: triggerWebhooks(),
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
			triggerOptions(),
		],
	};

	methods = {
		credentialTest: {
			checkQaseWebhookSecret: secretCheck(
				(data) => qaseSecretProblem(data?.secret),
				'Secret is usable',
			),
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

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await pipeline.webhook(this, qaseTrigger);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await pipeline.execute(this, qaseTrigger);
	}
}
