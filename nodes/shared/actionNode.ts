import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { customApiCallError, isCustomApiCall, type CustomApi } from './customApiCall';
import { itemFailure } from './errors';

/** What an action node's execute() runs for its items. */
export interface ItemOperation {
	/** One input item. */
	execute?(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]>;
	/**
	 * All input items of this operation at once, after the others (Qase Result: Create Many): the
	 * output items, each paired with the input items it came from. Failures of single items are
	 * returned, not thrown, when Continue On Fail is on.
	 */
	executeAll?(this: IExecuteFunctions, itemIndexes: number[]): Promise<INodeExecutionData[]>;
}

/**
 * The execute() of an action node: each item's operation (`operationOf` throws for one the node
 * does not have), its output paired with the item; a failed item becomes `{ error }` with Continue
 * On Fail on. n8n's own "Custom API Call" entry (no expressions allowed there) is a setting, not an
 * item failure, so it is thrown even with Continue On Fail.
 */
export async function executeOperations(
	ctx: IExecuteFunctions,
	api: CustomApi,
	operationOf: (itemIndex: number) => ItemOperation,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	const batches = new Map<ItemOperation, number[]>();
	for (let i = 0; i < items.length; i++) {
		const resource = ctx.getNodeParameter('resource', i);
		if (isCustomApiCall(resource, ctx.getNodeParameter('operation', i, '')))
			throw customApiCallError(ctx.getNode(), i, api);
		try {
			const operation = operationOf(i);
			if (operation.executeAll) {
				// Sent together after the loop: one request for all the items.
				batches.set(operation, [...(batches.get(operation) ?? []), i]);
				continue;
			}
			const results = await operation.execute!.call(ctx, i);
			for (const json of results) out.push({ json, pairedItem: { item: i } });
		} catch (error) {
			const failure = itemFailure(ctx, error, i);
			if (!ctx.continueOnFail()) throw failure;
			out.push({ json: { error: failure.message } as IDataObject, pairedItem: { item: i } });
		}
	}
	for (const [operation, indexes] of batches) {
		out.push(...(await operation.executeAll!.call(ctx, indexes)));
	}
	return [out];
}
