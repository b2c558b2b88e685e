import type { INodeProperties } from 'n8n-workflow';

import { currentsEvents } from '../../../Currents/catalog';
import { eventOptions } from '../../../shared/catalog';

/** displayOptions for the Webhook resource's given operations. */
export const show = (...operation: string[]) => ({ show: { resource: ['webhook'], operation } });

/** Fields more than one operation uses. */
export const hookIdField: INodeProperties = {
	displayName: 'Webhook ID',
	name: 'hookId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
	description: 'The webhook UUID (globally unique, so no project is needed)',
};

export const headerPairs: INodeProperties = {
	displayName: 'Headers',
	name: 'headers',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Header',
	default: {},
	description:
		'Custom headers Currents sends with every delivery (sent to the API as a JSON string, at most 4096 characters)',
	options: [
		{
			displayName: 'Header',
			name: 'header',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

export const hookEvents: INodeProperties = {
	displayName: 'Events',
	name: 'hookEvents',
	type: 'multiOptions',
	options: eventOptions(currentsEvents),
	default: ['RUN_FINISH'],
	description: 'Run events the webhook is sent for',
};

export const labelField: INodeProperties = {
	displayName: 'Label',
	name: 'label',
	type: 'string',
	default: '',
	description: 'Human-readable label (1 to 255 characters)',
};

export const urlDescription =
	'Where Currents POSTs run events (http or https, at most 2048 characters)';

/** Header values are usually secrets (the Currents Trigger's x-webhook-secret); output keeps them out unless asked. */
export const revealHeaderValuesField: INodeProperties = {
	displayName: 'Reveal Header Values',
	name: 'revealHeaderValues',
	type: 'boolean',
	default: false,
	description:
		"Whether to output the values of the webhook's custom headers and the secret parts of its URL (user:password, query values, fragment). Off, each reads [redacted]: they are usually secrets (the Currents Trigger's x-webhook-secret, a token in the URL), and output is stored with every execution and may reach an AI model.",
};
