import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The value of the "Custom API Call" entry n8n appends to the Resource and Operation lists of an
 * action node whose credential has `authenticate` (n8n's CUSTOM_API_CALL_KEY). n8n offers it so that
 * users reach any endpoint of the API; the call itself is made by the HTTP Request node, which can use
 * this node's credential. Kept (not suppressed) because users of n8n's other API nodes expect it.
 */
export const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** Whether the node's settings picked n8n's "Custom API Call" entry as resource or operation. */
export function isCustomApiCall(resource: unknown, operation: unknown): boolean {
	return resource === CUSTOM_API_CALL || operation === CUSTOM_API_CALL;
}

/** The API a node's Custom API Call reaches, as its error names it. */
export interface CustomApi {
	vendor: string;
	/** The credential type's display name. */
	credential: string;
	/** What the credential sends ("API key"). */
	secret: string;
	/** The API and where it lives ("Currents REST API", "https://api.currents.dev/v1/..."). */
	api: string;
	url: string;
}

/** The error a "Custom API Call" run ends with: where to make that call instead. */
export function customApiCallError(
	node: INode,
	itemIndex: number,
	api: CustomApi,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`Custom API calls to ${api.vendor} are made with the HTTP Request node`,
		{
			itemIndex,
			description: `Add an HTTP Request node, set Authentication to "Predefined Credential Type" and Credential Type to "${api.credential}", then pick your credential: it sends your ${api.secret} with the request, to any ${api.api} endpoint (${api.url}).`,
		},
	);
}
