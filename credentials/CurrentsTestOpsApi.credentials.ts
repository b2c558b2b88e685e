import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Named apart from n8n 2.x's built-in `currentsApi` so both can live in one instance.
 */
export class CurrentsTestOpsApi implements ICredentialType {
	name = 'currentsTestOpsApi';

	displayName = 'Currents TestOps API';

	icon: Icon = {
		light: 'file:../nodes/Currents/currents.svg',
		dark: 'file:../nodes/Currents/currents.dark.svg',
	};

	documentationUrl = 'https://docs.currents.dev/api/api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Create one in Currents under Organization Settings > API Keys',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.currents.dev/v1',
			placeholder: 'e.g. https://api.currents.dev/v1',
			description:
				'Change only for the staging API (https://api-staging.currents.dev/v1) or a local fake of the API',
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
			qs: { limit: 1 },
		},
	};
}
