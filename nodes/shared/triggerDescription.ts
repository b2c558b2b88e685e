import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	headersToShowOption,
	includeHeadersOption,
	TRIGGER_DEFAULT_VERSION,
	TRIGGER_VERSIONS,
} from './triggerParameters';

/**
 * What the descriptions of the three triggers share, spread into each in n8n's order of keys.
 *
 * The versions are declared as a list, with defaultVersion 1.1 never equal to it (TRIGGER_VERSIONS):
 * n8n adds a "Custom API Call" choice to the `resource` list of the latest version of any node whose
 * credential has `authenticate` (the Qase API token of Resolve Full Record, the API keys), and a
 * trigger cannot make API calls. New nodes get 1.1, whose Output is named `operation`, so the
 * editor's preview follows it.
 */
export const TRIGGER_KIND = {
	group: ['trigger'],
	version: TRIGGER_VERSIONS,
	defaultVersion: TRIGGER_DEFAULT_VERSION,
} satisfies Partial<INodeTypeDescription>;

/** A trigger starts a workflow: no inputs, one output. */
export const TRIGGER_CONNECTIONS = {
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
} satisfies Partial<INodeTypeDescription>;

/** A trigger's Options collection: its own options, then Include Headers and Headers to Show. */
export const triggerOptions = (own: INodeProperties[] = []): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...own, includeHeadersOption, headersToShowOption],
});
