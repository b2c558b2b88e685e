import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The Standard Webhooks signing secret of an Openlayer webhook subscription (`whsec_…`, shown once
 * when the subscription is created). Openlayer Trigger verifies every delivery with it; there is
 * no API to test it against, so the trigger's `checkSigningSecret` checks that it decodes.
 */
export class OpenlayerSigningSecretApi implements ICredentialType {
	name = 'openlayerSigningSecretApi';

	displayName = 'Openlayer Signing Secret API';

	icon: Icon = {
		light: 'file:../nodes/Openlayer/openlayer.svg',
		dark: 'file:../nodes/Openlayer/openlayer.dark.svg',
	};

	documentationUrl = 'https://docs.openlayer.com/security/webhooks/verify-signatures';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'whsec_...',
			description:
				'Shown once when you create the webhook in Openlayer (Workspace Settings > Webhooks). Starts with whsec_.',
		},
		{
			displayName: 'Previous Signing Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. While rotating secrets, deliveries signed with either secret are accepted; clear it once the rotation is done.',
		},
	];
}
