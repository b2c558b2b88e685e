import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { itemError } from '../shared/errors';
import { listResultsPage, OPENLAYER_ID, type ResultsSource } from './api';
import type { OpenlayerTestResult } from './catalog';

export interface FailedTestsLimits {
	/** Results requested per page. */
	perPage: number;
	/** Pages followed at most. */
	maxPages: number;
	/** Results attached at most. */
	maxResults: number;
}

/** 10 pages of 100: a suite with more than 1,000 failing tests is reported as truncated. */
export const DEFAULT_FAILED_TESTS_LIMITS: FailedTestsLimits = {
	perPage: 100,
	maxPages: 10,
	maxResults: 1000,
};

export interface FailedTests {
	results: OpenlayerTestResult[];
	truncated: boolean;
}

/** The commit's results when the run evaluated a commit, else the monitoring pipeline's. */
export function resultsSourceOf(tests: IDataObject | undefined): ResultsSource | undefined {
	if (!tests) return undefined;
	const { projectVersionId, inferencePipelineId } = tests;
	if (typeof projectVersionId === 'string' && projectVersionId !== '')
		return { kind: 'projectVersion', id: projectVersionId };
	if (typeof inferencePipelineId === 'string' && inferencePipelineId !== '') {
		return { kind: 'inferencePipeline', id: inferencePipelineId };
	}
	return undefined;
}

/** Follows the pages of `?status=failing` until the last page or a limit. */
export async function fetchFailedTests(
	ctx: IExecuteFunctions,
	source: ResultsSource,
	limits: FailedTestsLimits = DEFAULT_FAILED_TESTS_LIMITS,
): Promise<FailedTests> {
	const results: OpenlayerTestResult[] = [];
	for (let page = 1; page <= limits.maxPages; page++) {
		const res = await listResultsPage(ctx, source, {
			status: 'failing',
			page,
			perPage: limits.perPage,
		});
		results.push(...res.items);
		if (results.length >= limits.maxResults) {
			const more = results.length > limits.maxResults || page < res._meta.totalPages;
			return { results: results.slice(0, limits.maxResults), truncated: more };
		}
		if (res.items.length === 0 || page >= res._meta.totalPages)
			return { results, truncated: false };
	}
	return { results, truncated: true };
}

/**
 * The trigger's `execute()` with "Attach Failing Tests" on: every tests.result.updated item with
 * failing > 0 gets `failingTests` (and `failingTestsTruncated`), or `failingTestsError` when the
 * API could not be asked. Never throws: the delivery has been acknowledged already and the run
 * summary is still worth a workflow execution.
 */
export async function attachFailedTests(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	limits: FailedTestsLimits = DEFAULT_FAILED_TESTS_LIMITS,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const json = { ...items[i].json };
		const tests = (json.data as IDataObject | undefined)?.tests as IDataObject | undefined;
		if (
			json.type === 'tests.result.updated' &&
			typeof tests?.failing === 'number' &&
			tests.failing > 0
		) {
			const source = resultsSourceOf(tests);
			if (!source) {
				json.failingTestsError = {
					status: null,
					message: 'The event names neither a projectVersionId nor an inferencePipelineId',
				};
			} else if (!OPENLAYER_ID.test(source.id)) {
				// Checked before any request: the id comes from the delivery.
				json.failingTestsError = {
					status: null,
					message: `The event's ${source.kind === 'projectVersion' ? 'projectVersionId' : 'inferencePipelineId'} "${source.id.slice(0, 64)}" is not an Openlayer id (a UUID)`,
				};
			} else {
				try {
					const found = await fetchFailedTests(ctx, source, limits);
					json.failingTests = found.results as IDataObject[];
					json.failingTestsTruncated = found.truncated;
				} catch (error) {
					json.failingTestsError = { ...itemError(error) };
				}
			}
		}
		out.push({ json, pairedItem: { item: i } });
	}
	return out;
}
