import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { QASE_CREDENTIAL, qaseBaseUrl } from '../Qase/api';
import { apiError } from '../shared/errors';
import { authenticatedRequest, rewrap, type ApiContext } from '../shared/http';

/**
 * Qase REST API v1 (github.com/qase-tms/specs, testops-api/v1): `Token` header (the credential's
 * `authenticate`), answers `{status: true, result}`, failures `{status: false, errorMessage}`.
 * Lists answer `{total, filtered, count, entities}` and page with `limit` (1 to 100) and `offset`.
 */
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export async function qaseRequest(
	ctx: ApiContext,
	method: Method,
	path: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<unknown> {
	const response = (await authenticatedRequest(
		ctx,
		QASE_CREDENTIAL,
		{ method, url: `${await qaseBaseUrl(ctx)}${path}`, ...options },
		'Qase',
	)) as { status?: unknown; result?: unknown } | undefined;
	if (response === null || typeof response !== 'object' || response.status !== true) {
		throw apiError(
			ctx,
			{ message: 'The response is not a Qase API answer' },
			`Qase API returned an unreadable response to ${method} ${path}`,
		);
	}
	return response.result;
}

/** A result that must be one record (an object). */
export async function qaseRecord(
	ctx: ApiContext,
	method: Method,
	path: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<IDataObject> {
	const result = await qaseRequest(ctx, method, path, options);
	if (result === null || typeof result !== 'object' || Array.isArray(result)) {
		throw apiError(
			ctx,
			{ message: 'The response holds no record' },
			`Qase API returned an unreadable response to ${method} ${path}`,
		);
	}
	return result as IDataObject;
}

interface ListPage {
	total?: number;
	filtered?: number;
	count?: number;
	entities?: IDataObject[];
}

/** The documented page size bounds of `limit`. */
export const PAGE_MAX = 100;

/** One page of a list endpoint. */
export async function listPage(
	ctx: ApiContext,
	path: string,
	qs: IDataObject,
	limit: number,
	offset: number,
): Promise<{ entities: IDataObject[]; filtered: number | undefined }> {
	const page = (await qaseRecord(ctx, 'GET', path, {
		qs: { ...qs, limit, offset },
	})) as ListPage;
	const entities = Array.isArray(page.entities) ? page.entities : [];
	const filtered = typeof page.filtered === 'number' ? page.filtered : page.total;
	return { entities, filtered };
}

/**
 * Every entity of a list (`max` undefined) or the first `max`, reading pages of up to 100 until a
 * short page or the `filtered` count says there are no more.
 */
export async function listAll(
	ctx: ApiContext,
	path: string,
	qs: IDataObject,
	max?: number,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (;;) {
		const want = max === undefined ? PAGE_MAX : Math.min(PAGE_MAX, max - out.length);
		if (want <= 0) break;
		const { entities, filtered } = await listPage(ctx, path, qs, want, out.length);
		out.push(...entities);
		if (entities.length < want) break;
		if (filtered !== undefined && out.length >= filtered) break;
	}
	return out;
}

/** Project picker: `/project` pages by offset; the filter matches code or title within the page. */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = paginationToken && /^\d+$/.test(paginationToken) ? Number(paginationToken) : 0;
	try {
		const { entities, filtered } = await listPage(this, '/project', {}, PAGE_MAX, offset);
		const needle = filter?.toLowerCase() ?? '';
		const results = entities
			.map((p) => ({ code: String(p.code ?? ''), title: String(p.title ?? '') }))
			.filter(
				(p) =>
					p.code !== '' &&
					(!needle ||
						p.code.toLowerCase().includes(needle) ||
						p.title.toLowerCase().includes(needle)),
			)
			.map((p) => ({ name: p.title ? `${p.title} (${p.code})` : p.code, value: p.code }));
		const next = offset + entities.length;
		const more = entities.length === PAGE_MAX && (filtered === undefined || next < filtered);
		return { results, paginationToken: more ? String(next) : undefined };
	} catch (error) {
		throw rewrap(this, error, 'Could not list Qase projects');
	}
}

/**
 * Defect severities as the workspace defines them: the options of the `severity` system field
 * (`GET /system_field`), so the ids sent are the workspace's own.
 */
export async function getSeverities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	try {
		const fields = await qaseRequest(this, 'GET', '/system_field');
		const severity = (Array.isArray(fields) ? (fields as IDataObject[]) : []).find(
			(f) => f.slug === 'severity',
		);
		const options = Array.isArray(severity?.options) ? (severity.options as IDataObject[]) : [];
		return options
			.filter((o) => typeof o.id === 'number')
			.map((o) => ({ name: String(o.title ?? o.slug ?? o.id), value: o.id as number }));
	} catch (error) {
		throw rewrap(this, error, 'Could not list Qase severities');
	}
}

/** The project code a node parameter holds (resource locator value). */
export function projectParam(ctx: IExecuteFunctions, i: number): unknown {
	return ctx.getNodeParameter('project', i, '', { extractValue: true });
}
