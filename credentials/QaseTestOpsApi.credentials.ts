import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A Qase API token, for the Qase Trigger's "Resolve Full Record" option. Qase authenticates with a
 * `Token` header (not Bearer). Named apart from any built-in `qaseApi` so both can live in one instance.
 */
export class QaseTestOpsApi implements ICredentialType {
	name = 'qaseTestOpsApi';

	displayName = 'Qase TestOps API';

	icon: Icon = { light: 'file:../nodes/Qase/qase.svg', dark: 'file:../nodes/Qase/qase.dark.svg' };

	documentationUrl = 'https://docs.qase.io/general/qase-api/api-tokens';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Create one in Qase: your user picture > API Tokens > Create a new API token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.qase.io/v1',
			placeholder: 'e.g. https://api.qase.io/v1',
			description: 'Change only for a dedicated Qase host or a local fake of the API',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Token: '={{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/project',
			qs: { limit: 1 },
		},
	};
}
