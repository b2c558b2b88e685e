import { authenticatedRequest, credentialBaseUrl, type ApiContext } from '../shared/http';
import type { OpenlayerTestResult } from './catalog';

export const OPENLAYER_CREDENTIAL = 'openlayerTestOpsApi';
export const OPENLAYER_DEFAULT_BASE_URL = 'https://api.openlayer.com/v1';

export interface PageMeta {
	page: number;
	perPage: number;
	totalItems: number;
	totalPages: number;
}

export interface ResultsPage {
	_meta: PageMeta;
	items: OpenlayerTestResult[];
}

/** Where a test suite run's results live: a commit (project version) or a monitoring pipeline. */
export type ResultsSource =
	| { kind: 'projectVersion'; id: string }
	| { kind: 'inferencePipeline'; id: string };

const baseUrl = (ctx: ApiContext) =>
	credentialBaseUrl(ctx, OPENLAYER_CREDENTIAL, OPENLAYER_DEFAULT_BASE_URL);

/** Openlayer ids (project versions, inference pipelines) are UUIDs. */
export const OPENLAYER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Only an id of the documented shape goes into a path: the id comes from a delivery, and
 * `projectVersionId: ".."` made `/versions/../results` reach `GET /v1/results`.
 */
export function resultsPath(source: ResultsSource): string {
	if (!OPENLAYER_ID.test(source.id))
		throw new Error(`"${source.id.slice(0, 64)}" is not an Openlayer id (a UUID)`);
	const id = source.id;
	return source.kind === 'projectVersion'
		? `/versions/${id}/results`
		: `/inference-pipelines/${id}/results`;
}

/**
 * One page of a run's test results with the given status:
 * `GET /versions/{projectVersionId}/results` or `GET /inference-pipelines/{id}/results`.
 */
export async function listResultsPage(
	ctx: ApiContext,
	source: ResultsSource,
	options: {
		status: 'failing' | 'passing' | 'running' | 'skipped' | 'error';
		page: number;
		perPage: number;
	},
): Promise<ResultsPage> {
	const response = (await authenticatedRequest(
		ctx,
		OPENLAYER_CREDENTIAL,
		{
			method: 'GET',
			url: `${await baseUrl(ctx)}${resultsPath(source)}`,
			qs: { status: options.status, page: options.page, perPage: options.perPage },
		},
		'Openlayer',
	)) as Partial<ResultsPage> | undefined;
	const items = Array.isArray(response?.items) ? response.items : [];
	const meta = response?._meta;
	return {
		items,
		_meta: {
			page: Number(meta?.page ?? options.page),
			perPage: Number(meta?.perPage ?? options.perPage),
			totalItems: Number(meta?.totalItems ?? items.length),
			totalPages: Number(meta?.totalPages ?? options.page),
		},
	};
}
