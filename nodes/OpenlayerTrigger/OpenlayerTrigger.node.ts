import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { openlayerEvents } from '../Openlayer/catalog';
import { ALL_EVENTS } from '../Openlayer/receive';
import {
	MAX_TOLERANCE_SECONDS,
	openlayerHookMethods,
	openlayerTrigger,
	signingCredentialProblem,
} from '../Openlayer/trigger';
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

export class OpenlayerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Openlayer Trigger',
		name: 'openlayerTrigger',
		icon: {
			light: 'file:../Openlayer/openlayer.svg',
			dark: 'file:../Openlayer/openlayer.dark.svg',
		},
		...TRIGGER_KIND,
		subtitle: eventsSubtitle([
			{ name: 'All Events', value: ALL_EVENTS },
			...eventOptions(openlayerEvents),
		]),
		description:
			'Starts the workflow when Openlayer tests are created, updated or deleted, or a test suite run finishes',
		defaults: { name: 'Openlayer Trigger' },
		...TRIGGER_CONNECTIONS,
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
		webhooks: triggerWebhooks(),
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
			triggerOptions([
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
					default: DEFAULT_TOLERANCE_SECONDS,
					description:
						'Refuse deliveries whose signed webhook-timestamp is further than this from now, in either direction (replay protection). At most 1800: half the hour for which retried message IDs are remembered, so a delivery never passes both checks twice.',
				},
			]),
		],
	};

	methods = {
		credentialTest: {
			checkSigningSecret: secretCheck(signingCredentialProblem, 'Signing secret is usable'),
		},
	};

	webhookMethods = { default: openlayerHookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await pipeline.webhook(this, openlayerTrigger);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await pipeline.execute(this, openlayerTrigger);
	}
}
