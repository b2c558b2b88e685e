import type {
	IExecuteFunctions,
	INode,
	INodeProperties,
	INodePropertyOptions,
	IWebhookDescription,
	IWebhookFunctions,
} from 'n8n-workflow';

/**
 * Versions of the three triggers. n8n's editor chooses a node's output preview only by the
 * parameters named `resource` and `operation` (GET /schemas/<type>/<x.y.z>/<resource>/<operation>.json,
 * editor-ui api/schemaPreview.ts), so in 1.1 the Output choice is named `operation` and the preview
 * follows it. Version 1 keeps `output`: saved workflows run as they did.
 *
 * Declared as a list (with defaultVersion 1.1, never equal to it): n8n adds "Custom API Call" to
 * the `resource`/`operation` options only of a node whose defaultVersion equals its version.
 */
export const TRIGGER_VERSIONS = [1, 1.1];
export const TRIGGER_DEFAULT_VERSION = 1.1;

/**
 * The one webhook of every trigger: POST, answered on receipt. An accepted delivery gets an empty
 * 200 (without `noData` n8n answers with the literal text "firstEntryJson"); the vendors only look at
 * the status.
 */
export const triggerWebhooks = (): IWebhookDescription[] => [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: 'noData',
		path: 'webhook',
	},
];

/** The name of the Output parameter in a node of this version. */
export function outputParameterName(node: Pick<INode, 'typeVersion'>): 'output' | 'operation' {
	return node.typeVersion >= 1.1 ? 'operation' : 'output';
}

/** The Output choice of this node (version 1: `output`, 1.1: `operation`), else `fallback`. */
export function readOutputMode(
	ctx: IWebhookFunctions | IExecuteFunctions,
	fallback: string,
): string {
	const name = outputParameterName(ctx.getNode());
	// The two contexts take the item index in different places; only the webhook one has a request.
	const value =
		'getRequestObject' in ctx
			? ctx.getNodeParameter(name, fallback)
			: ctx.getNodeParameter(name, 0, fallback);
	return typeof value === 'string' ? value : fallback;
}

/**
 * The Output parameter once, under both names: `output` shown for version 1, `operation` for 1.1.
 * Only the 1.1 one refuses expressions: the editor puts its value into the preview's path.
 *
 * n8n names a node it adds after its `resource` and `operation` ("Payload delivery",
 * NodeHelpers.makeNodeName, 1.x and 2.x), unless the chosen option of an `operation` parameter shown
 * for that resource value has an `action`. With `naming`, the 1.1 parameter is shown for the given
 * resource values and each option's action is the node's default name, so the trigger keeps its name
 * ("Currents Trigger") whatever Output is chosen, as workflows' expressions (`$('Currents Trigger')`)
 * expect.
 */
function outputParameters(
	options: INodePropertyOptions[],
	defaultValue: string,
	naming?: { nodeName: string; resourceValues: string[] },
): INodeProperties[] {
	const output = {
		displayName: 'Output',
		type: 'options' as const,
		default: defaultValue,
	};
	return [
		{ ...output, options, name: 'output', displayOptions: { show: { '@version': [1] } } },
		{
			...output,
			options: naming ? options.map((o) => ({ ...o, action: naming.nodeName })) : options,
			name: 'operation',
			noDataExpression: true,
			displayOptions: {
				show: {
					'@version': [1.1],
					...(naming ? { resource: naming.resourceValues } : {}),
				},
			},
		},
	];
}

/**
 * A copy of the Output choice that is never shown, for a trigger whose `resource` is a real choice
 * (Qase's Entity). Its only reader is n8n's node naming (NodeHelpers.makeNodeName, 1.x and 2.x),
 * which takes the `action` of the chosen option from the first `operation` parameter listing the
 * node's `resource` value, whatever that parameter's display rules: so a new Qase Trigger is named
 * "Qase Trigger", never "Payload all".
 *
 * The shown Output cannot carry that itself: n8n's nodes panel (useActionsGeneration,
 * resourceCategories, 1.123 and 2.40) lists, for every value of a parameter named `resource`, the
 * options of an `operation` shown for it as "Actions", which would be every entity × output. The
 * panel skips an `operation` whose `@version` rule matches none of the node's versions (1.x: no
 * number in it, 2.x: the rule evaluated for defaultVersion); `lt 0` matches no version anywhere.
 * getNodeParameters and the panel ignore a parameter that is never displayed, so it holds no value.
 */
function nodeNameCarrier(
	options: INodePropertyOptions[],
	defaultValue: string,
	naming: { nodeName: string; resourceValues: string[] },
): INodeProperties {
	return {
		displayName: 'Output',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: defaultValue,
		options: options.map((o) => ({ ...o, action: naming.nodeName })),
		displayOptions: {
			show: { '@version': [{ _cnd: { lt: 0 } }], resource: naming.resourceValues },
		},
	};
}

/** The value of the hidden `resource` below: Currents and Openlayer previews in v1.1.0/delivery/. */
export const PREVIEW_RESOURCE = 'delivery';

/**
 * A fixed, hidden `resource` for a trigger that has no entity choice of its own. Without a parameter
 * named `resource`, n8n's nodes panel lists the options of a parameter named `operation` as the
 * node's "Actions" (useActionsGeneration, operationsCategory); a hidden one has no options, so the
 * panel lists nothing for it, and the preview path becomes `delivery/<operation>.json`.
 */
const previewResourceParameter: INodeProperties = {
	displayName: 'Delivery Kind',
	name: 'resource',
	type: 'hidden',
	noDataExpression: true,
	default: PREVIEW_RESOURCE,
	displayOptions: { show: { '@version': [1.1] } },
};

/** "Include Headers", the same option on every trigger (redaction: nodes/shared/headers.ts). */
export const includeHeadersOption: INodeProperties = {
	displayName: 'Include Headers',
	name: 'includeHeaders',
	type: 'boolean',
	default: false,
	description:
		"Whether to add the delivery's request headers to the item as headers. Only values of headers known to be harmless (content-type, user-agent, x-forwarded-for...) and those named in Headers to Show are shown; every other value reads [redacted].",
};

/** The names whose values "Include Headers" shows besides the harmless ones. */
export const headersToShowOption: INodeProperties = {
	displayName: 'Headers to Show',
	name: 'headersToShow',
	type: 'string',
	default: '',
	placeholder: 'e.g. x-ci-job, x-github-event',
	description:
		'With Include Headers on: more header names, separated by commas, whose values are shown rather than redacted. Secrets, signatures and names that look like them stay redacted.',
};

/**
 * Output for a trigger without an entity choice (Currents, Openlayer): the fixed hidden `resource`,
 * and the Output under both names, its 1.1 options naming the node.
 */
export function deliveryOutputParameters(
	options: INodePropertyOptions[],
	defaultValue: string,
	nodeName: string,
): INodeProperties[] {
	return [
		previewResourceParameter,
		...outputParameters(options, defaultValue, { nodeName, resourceValues: [PREVIEW_RESOURCE] }),
	];
}

/**
 * Output for a trigger whose `resource` is a real choice (Qase's Entity): the Output under both
 * names, and the never-shown copy that names the node for each of `resourceValues`.
 */
export function entityOutputParameters(
	options: INodePropertyOptions[],
	defaultValue: string,
	naming: { nodeName: string; resourceValues: string[] },
): INodeProperties[] {
	return [
		...outputParameters(options, defaultValue),
		nodeNameCarrier(options, defaultValue, naming),
	];
}
