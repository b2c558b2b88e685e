import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { authenticatedRequest, credentialBaseUrl, type ApiContext, type RetryPolicy } from '../shared/http';
import type { QaseEntity } from './catalog';

/** Qase REST API v1 (github.com/qase-tms/specs testops-api/v1): header `Token`, `{status, result}` bodies. */
export const QASE_CREDENTIAL = 'qaseTestOpsApi';
export const QASE_DEFAULT_BASE_URL = 'https://api.qase.io/v1';

/** Entities with a single-record endpoint; test reviews have none in the documented API. */
export type RecordEntity = Exclude<QaseEntity, 'review'>;

/** Whether the record is addressed by `id` (a number) or by `hash` (shared steps). */
export const RECORD_KEY: Record<RecordEntity, 'id' | 'hash'> = {
	case: 'id',
	suite: 'id',
	plan: 'id',
	shared_step: 'hash',
	milestone: 'id',
	custom_field: 'id',
	run: 'id',
	defect: 'id',
};

export function isRecordEntity(entity: string): entity is RecordEntity {
	return Object.prototype.hasOwnProperty.call(RECORD_KEY, entity);
}

/** Path of one record: `/case/{code}/{id}`, `/shared_step/{code}/{hash}`, `/custom_field/{id}`... */
export function recordPath(entity: RecordEntity, projectCode: string, key: string | number): string {
	const k = encodeURIComponent(String(key));
	// Custom fields belong to the workspace, not to a project.
	if (entity === 'custom_field') return `/custom_field/${k}`;
	return `/${entity}/${encodeURIComponent(projectCode)}/${k}`;
}

export const qaseBaseUrl = (ctx: ApiContext) => credentialBaseUrl(ctx, QASE_CREDENTIAL, QASE_DEFAULT_BASE_URL);

/**
 * One retry for a rate limit or gateway error, after Qase's Retry-After (or a second without one). A
 * Retry-After over 5 s is not waited out: the failure is reported in the item at once.
 */
const LOOKUP_RETRY: RetryPolicy = { retries: 1, maxWaitSeconds: 5 };

interface QaseResponse {
	status?: unknown;
	result?: unknown;
}

/**
 * Fetches one record. A rate limit (429) or gateway error is retried once; every other failure is
 * thrown as a NodeApiError carrying Qase's status and message.
 */
export async function getRecord(
	ctx: ApiContext,
	entity: RecordEntity,
	projectCode: string,
	key: string | number,
	baseUrl?: string,
): Promise<IDataObject> {
	const url = `${baseUrl ?? (await qaseBaseUrl(ctx))}${recordPath(entity, projectCode, key)}`;
	const response = (await authenticatedRequest(ctx, QASE_CREDENTIAL, { method: 'GET', url }, 'Qase', LOOKUP_RETRY)) as
		| QaseResponse
		| undefined;
	const result = response?.result;
	if (response?.status !== true || result === null || typeof result !== 'object' || Array.isArray(result)) {
		throw new NodeOperationError(ctx.getNode(), `Qase answered ${url.replace(/^https?:\/\/[^/]+/, '')} without a record`);
	}
	return result as IDataObject;
}
