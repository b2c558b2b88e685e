import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret set on a webhook in Qase (Project Settings > Webhooks > Secret). Qase sends it verbatim
 * in the `X-Qase-Secret` header of every delivery; the Qase Trigger refuses deliveries without it.
 * There is no API to check it against, so the node tests it for plausibility (testedBy).
 */
export class QaseWebhookSecretApi implements ICredentialType {
	name = 'qaseWebhookSecretApi';

	displayName = 'Qase Webhook Secret API';

	icon: Icon = { light: 'file:../nodes/Qase/qase.svg', dark: 'file:../nodes/Qase/qase.dark.svg' };

	documentationUrl = 'https://docs.qase.io/general/webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The exact text entered as Secret on the webhook in Qase; use a long random string',
		},
	];
}
