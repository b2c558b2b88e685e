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
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CURRENTS_EVENT_NAMES, currentsEvents } from '../Currents/catalog';
import { hookExists, hookState, registerHook, removeHook, SECRET_HEADER, storedSecret, type HookTarget } from '../Currents/hookLifecycle';
import { searchProjects, projectLocator } from '../Currents/projectLocator';
import { receiveCurrents } from '../Currents/receive';
import { checkProjectId } from '../Currents/validation';
import { eventOptions, eventsSubtitle } from '../shared/catalog';
import { credentialDisplay, decideWithCredential } from '../shared/credentials';
import { answer, rawBodyOf, REJECT_UNAUTHORIZED } from '../shared/delivery';

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
		// n8n 2.x ships its own "Currents Trigger": the TestOps name tells them apart in the nodes panel
		// (the type name, which saved workflows refer to, is unchanged).
		displayName: 'Currents TestOps Trigger',
		name: 'currentsTrigger',
		icon: { light: 'file:../Currents/currents.svg', dark: 'file:../Currents/currents.dark.svg' },
		group: ['trigger'],
		version: 1,
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
				displayOptions: credentialDisplay({ setupMode: ['manual'] }),
			},
			{
				name: 'currentsWebhookSecretApi',
				required: false,
				testedBy: 'checkSharedSecret',
				displayOptions: credentialDisplay({ setupMode: ['automatic'] }),
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
				if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
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
				const target = hookTarget(this);
				try {
					checkProjectId(target.projectId);
				} catch (error) {
					throw new NodeOperationError(this.getNode(), (error as Error).message, { description: 'Check the "Project" field' });
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
		const options = this.getNodeParameter('options', {}) as { toleranceSeconds?: number };
		const toleranceSeconds = options.toleranceSeconds ?? 300;
		const events = this.getNodeParameter('events', CURRENTS_EVENT_NAMES) as string[];
		const decide = (secret: { header: string; value: string } | undefined) =>
			receiveCurrents(headers, rawBody, {
				secret,
				secretRequired: automatic || secret !== undefined,
				toleranceSeconds,
				events,
			});
		let verdict;
		if (automatic) {
			const value = storedSecret(this);
			verdict = decide(value ? { header: SECRET_HEADER, value } : undefined);
		} else if (this.getNode().credentials?.[MANUAL_SECRET_CREDENTIAL]) {
			verdict = await decideWithCredential(
				this,
				MANUAL_SECRET_CREDENTIAL,
				(cred) => decide({ header: String(cred?.headerName), value: String(cred?.secret) }),
				(v) => v === REJECT_UNAUTHORIZED,
			);
		} else {
			verdict = decide(undefined);
		}
		return answer(this, verdict);
	}
}
