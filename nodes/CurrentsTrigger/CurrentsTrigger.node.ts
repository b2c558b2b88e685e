import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CURRENTS_EVENT_NAMES, currentsEvents } from '../Currents/catalog';
import { hookExists, hookState, registerHook, removeHook, SECRET_HEADER, storedSecret, type HookTarget } from '../Currents/hookLifecycle';
import { searchProjects, projectLocator } from '../Currents/projectLocator';
import { receiveCurrents } from '../Currents/receive';
import { eventOptions } from '../shared/catalog';
import { answer, rawBodyOf } from '../shared/delivery';
import { HTTP_HEADER_NAME } from '../shared/verify';

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

export class CurrentsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Currents Trigger',
		name: 'currentsTrigger',
		icon: { light: 'file:../Currents/currents.svg', dark: 'file:../Currents/currents.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when a Currents (Cypress/Playwright) test run starts, finishes, times out or is canceled',
		defaults: { name: 'Currents Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'currentsTestOpsApi',
				required: true,
				displayOptions: { show: { setupMode: ['automatic'] } },
			},
			{
				name: 'currentsWebhookSecretApi',
				required: false,
				testedBy: 'checkSharedSecret',
				displayOptions: { show: { setupMode: ['manual'] } },
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
						description: 'Registers the webhook in Currents when the workflow is activated and removes it when deactivated',
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
					'On activation this node creates (or reuses) a webhook in the chosen Currents project, pointing at this workflow, with a freshly generated secret header. Deliveries without that secret are refused.',
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
						description: 'Refuse deliveries whose x-timestamp header is further than this from now, in either direction (replay protection)',
					},
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
				const secret = String(credential.data?.secret ?? '');
				const header = String(credential.data?.headerName ?? '');
				if (!HTTP_HEADER_NAME.test(header)) {
					return { status: 'Error', message: 'Header Name is not a valid HTTP header name' };
				}
				if (secret.length < 16) {
					return { status: 'Error', message: 'Use a secret of at least 16 characters' };
				}
				return { status: 'OK', message: 'Secret is usable' };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Manual setup has nothing to register: the hook lives in the Currents dashboard.
				if (!isAutomatic(this)) return true;
				return await hookExists(this, hookState(this), hookTarget(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				await registerHook(this, hookState(this), hookTarget(this));
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
		let secret: { header: string; value: string } | undefined;
		if (automatic) {
			const value = storedSecret(this);
			if (value) secret = { header: SECRET_HEADER, value };
		} else if (this.getNode().credentials?.[MANUAL_SECRET_CREDENTIAL]) {
			const cred = await this.getCredentials(MANUAL_SECRET_CREDENTIAL);
			secret = { header: String(cred.headerName), value: String(cred.secret) };
		}
		const options = this.getNodeParameter('options', {}) as { toleranceSeconds?: number };
		const verdict = receiveCurrents(this.getHeaderData(), rawBodyOf(this), {
			secret,
			secretRequired: automatic || secret !== undefined,
			toleranceSeconds: options.toleranceSeconds ?? 300,
			events: this.getNodeParameter('events', CURRENTS_EVENT_NAMES) as string[],
		});
		return answer(this, verdict);
	}
}
