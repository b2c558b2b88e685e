import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { itemFailure } from '../../../shared/errors';
import { operationOption } from '../../../shared/operations';
import { qaseRequest } from '../../api';
import { bulkResultSchema } from '../../schemas';
import { resultFields, resultOf } from './fields';

/** Result.CreateBulk's maxItems: a larger batch is sent in several requests. */
export const BULK_MAX = 2000;

export const option = operationOption(
	'createMany',
	'Record one result per input item, all in one bulk request per run (the way CI results arrive)',
	'Create many results',
);

export const description: INodeProperties[] = resultFields('createMany');

/** One item per run written to, paired with the input items it recorded. */
export const output = bulkResultSchema;

/**
 * Every item is checked first; then the results of each run go in one `POST /result/{code}/{id}/bulk`
 * (up to 2000 per request). Without Continue On Fail one bad item fails the node before anything
 * is sent; with it, the bad item becomes an error item and the others are sent.
 */
export async function executeAll(
	this: IExecuteFunctions,
	indexes: number[],
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	const runs = new Map<
		string,
		{ project: string; runId: number; items: number[]; bodies: IDataObject[] }
	>();
	for (const i of indexes) {
		try {
			const { project, runId, body } = resultOf(this, i);
			const key = `${project}/${runId}`;
			const run = runs.get(key) ?? { project, runId, items: [], bodies: [] };
			run.items.push(i);
			run.bodies.push(body);
			runs.set(key, run);
		} catch (error) {
			const failure = itemFailure(this, error, i);
			if (!this.continueOnFail()) throw failure;
			out.push({ json: { error: failure.message }, pairedItem: { item: i } });
		}
	}
	for (const { project, runId, items, bodies } of runs.values()) {
		for (let start = 0; start < bodies.length; start += BULK_MAX) {
			const chunk = items.slice(start, start + BULK_MAX);
			const pairedItem = chunk.map((item) => ({ item }));
			try {
				await qaseRequest(this, 'POST', `/result/${project}/${runId}/bulk`, {
					body: { results: bodies.slice(start, start + BULK_MAX) },
				});
				out.push({ json: { project, run_id: runId, results: chunk.length }, pairedItem });
			} catch (error) {
				const failure = itemFailure(this, error, chunk[0]);
				if (!this.continueOnFail()) throw failure;
				out.push({ json: { error: failure.message }, pairedItem });
			}
		}
	}
	return out;
}
