import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A shared secret for Currents Trigger's manual setup: the same header name and value are set on
 * the webhook in the Currents dashboard, and every delivery without them is refused.
 */
export class CurrentsWebhookSecretApi implements ICredentialType {
	name = 'currentsWebhookSecretApi';

	displayName = 'Currents Webhook Secret API';

	icon: Icon = {
		light: 'file:../nodes/Currents/currents.svg',
		dark: 'file:../nodes/Currents/currents.dark.svg',
	};

	documentationUrl = 'https://docs.currents.dev/resources/integrations/http-webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'x-webhook-secret',
			required: true,
			description: 'The custom header you add to the webhook in Currents',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The header value; use a long random string (at least 16 characters)',
		},
	];
}
