import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	authenticatedRequest,
	credentialBaseUrl,
	type ApiContext,
	type RetryPolicy,
} from '../shared/http';
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

/**
 * The documented shapes of what goes into a record's path. A webhook may be unauthenticated, so its
 * fields are attacker-controlled: `encodeURIComponent` leaves `.` and `..` as they are, and
 * `project_code: ".."` turned `/shared_step/../project` into `GET /v1/project` with the user's token.
 * - project code: 2 to 10 Latin letters or digits, starting with a letter (Qase API, Project.code);
 * - record id: a positive integer;
 * - shared step hash: hexadecimal (Qase sends a 40-character SHA-1).
 */
export const PROJECT_CODE = /^[A-Za-z][A-Za-z0-9]{1,9}$/;
export const RECORD_ID = /^[1-9]\d{0,15}$/;
export const SHARED_STEP_HASH = /^[0-9a-fA-F]{6,64}$/;

/** Why an identifier cannot go into a path, or undefined when it may. */
export function pathProblem(
	entity: RecordEntity,
	projectCode: string,
	key: string | number,
): string | undefined {
	const keyName = RECORD_KEY[entity];
	const keyText = String(key);
	if (keyName === 'id' && !(RECORD_ID.test(keyText) && Number.isSafeInteger(Number(keyText)))) {
		return `"${keyText.slice(0, 64)}" is not a Qase record id (a positive integer)`;
	}
	if (keyName === 'hash' && !SHARED_STEP_HASH.test(keyText)) {
		return `"${keyText.slice(0, 64)}" is not a Qase shared step hash (hexadecimal)`;
	}
	if (entity !== 'custom_field' && !PROJECT_CODE.test(projectCode)) {
		return `"${projectCode.slice(0, 64)}" is not a Qase project code (2 to 10 letters or digits)`;
	}
	return undefined;
}

/** Path of one record: `/case/{code}/{id}`, `/shared_step/{code}/{hash}`, `/custom_field/{id}`... */
export function recordPath(
	entity: RecordEntity,
	projectCode: string,
	key: string | number,
): string {
	const problem = pathProblem(entity, projectCode, key);
	if (problem) throw new Error(`Refusing to look up a Qase record: ${problem}`);
	// Custom fields belong to the workspace, not to a project.
	if (entity === 'custom_field') return `/custom_field/${key}`;
	return `/${entity}/${projectCode}/${key}`;
}

export const qaseBaseUrl = (ctx: ApiContext) =>
	credentialBaseUrl(ctx, QASE_CREDENTIAL, QASE_DEFAULT_BASE_URL);

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
	const problem = pathProblem(entity, projectCode, key);
	if (problem)
		throw new NodeOperationError(ctx.getNode(), `Refusing to look up a Qase record: ${problem}`);
	const url = `${baseUrl ?? (await qaseBaseUrl(ctx))}${recordPath(entity, projectCode, key)}`;
	const response = (await authenticatedRequest(
		ctx,
		QASE_CREDENTIAL,
		{ method: 'GET', url },
		'Qase',
		LOOKUP_RETRY,
	)) as QaseResponse | undefined;
	const result = response?.result;
	if (
		response?.status !== true ||
		result === null ||
		typeof result !== 'object' ||
		Array.isArray(result)
	) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Qase answered ${url.replace(/^https?:\/\/[^/]+/, '')} without a record`,
		);
	}
	return result as IDataObject;
}
