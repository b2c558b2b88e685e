import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Openlayer REST API key, used by Openlayer Trigger to attach a run's failing tests. */
export class OpenlayerTestOpsApi implements ICredentialType {
	name = 'openlayerTestOpsApi';

	displayName = 'Openlayer TestOps API';

	icon: Icon = {
		light: 'file:../nodes/Openlayer/openlayer.svg',
		dark: 'file:../nodes/Openlayer/openlayer.dark.svg',
	};

	documentationUrl = 'https://docs.openlayer.com/api-reference/rest/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Create one in Openlayer under Workspace Settings > API Keys',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.openlayer.com/v1',
			placeholder: 'e.g. https://api.openlayer.com/v1',
			description: 'Change only for a self-hosted Openlayer or a local fake of the API',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/projects',
			qs: { perPage: 1 },
		},
	};
}
