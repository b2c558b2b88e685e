import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { currentsEvents } from '../Currents/catalog';
import { searchProjects, projectLocator } from '../Currents/projectLocator';
import { manualSecretProblem } from '../Currents/receive';
import { currentsHookMethods, currentsTrigger } from '../Currents/trigger';
import { eventOptions, eventsSubtitle } from '../shared/catalog';
import { credentialDisplay, secretCheck } from '../shared/credentials';
import { SUMMARY_OUTPUT } from '../shared/summary';
import * as pipeline from '../shared/trigger';
import { TRIGGER_CONNECTIONS, TRIGGER_KIND, triggerOptions } from '../shared/triggerDescription';
import {
	deliveryOutputParameters,
	TRIGGER_VERSIONS,
	triggerWebhooks,
} from '../shared/triggerParameters';
import { DEFAULT_TOLERANCE_SECONDS, MIN_TOLERANCE_SECONDS } from '../shared/verify';

export class CurrentsTrigger implements INodeType {
	description: INodeTypeDescription = {
		// n8n 2.x ships its own "Currents Trigger": the TestOps name tells them apart in the nodes panel
		// (the type name, which saved workflows refer to, is unchanged).
		displayName: 'Currents TestOps Trigger',
		name: 'currentsTrigger',
		icon: { light: 'file:../Currents/currents.svg', dark: 'file:../Currents/currents.dark.svg' },
		...TRIGGER_KIND,
		subtitle: eventsSubtitle(eventOptions(currentsEvents)),
		description:
			'Starts the workflow when a Currents (Cypress/Playwright) test run starts, finishes, times out or is canceled. Registers its own webhook (n8n-nodes-testops).',
		defaults: { name: 'Currents Trigger' },
		...TRIGGER_CONNECTIONS,
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
		webhooks: triggerWebhooks(),
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
			triggerOptions([
				{
					displayName: 'Timestamp Tolerance (Seconds)',
					name: 'toleranceSeconds',
					type: 'number',
					typeOptions: { minValue: MIN_TOLERANCE_SECONDS },
					default: DEFAULT_TOLERANCE_SECONDS,
					description:
						'Refuse deliveries whose x-timestamp header is further than this from now, in either direction. The header is not signed: this stops late resends of a delivery, not replays by someone who has the secret.',
				},
			]),
		],
	};

	methods = {
		listSearch: { searchProjects },
		credentialTest: { checkSharedSecret: secretCheck(manualSecretProblem, 'Secret is usable') },
	};

	webhookMethods = { default: currentsHookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await pipeline.webhook(this, currentsTrigger);
	}

	/**
	 * Runs inside the execution with the webhook's items (n8n prefers a trigger's execute() over
	 * passing webhook data through), so the failed-tests lookup never delays Currents' answer.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await pipeline.execute(this, currentsTrigger);
	}
}
