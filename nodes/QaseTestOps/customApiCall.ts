import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * n8n appends a "Custom API Call" entry (value `__CUSTOM_API_CALL__`) to Resource and Operation of an
 * action node whose credential has `authenticate`; the call itself is made by the HTTP Request node
 * with this node's credential.
 */
export const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

export function isCustomApiCall(resource: unknown, operation: unknown): boolean {
	return resource === CUSTOM_API_CALL || operation === CUSTOM_API_CALL;
}

export function customApiCallError(node: INode, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		node,
		'Custom API calls to Qase are made with the HTTP Request node',
		{
			itemIndex,
			description:
				'Add an HTTP Request node, set Authentication to "Predefined Credential Type" and Credential Type to "Qase TestOps API", then pick your credential: it sends your API token with the request, to any Qase API v1 endpoint (https://api.qase.io/v1/...).',
		},
	);
}
