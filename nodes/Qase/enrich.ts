import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { itemError } from '../shared/errors';
import {
	getRecord,
	isRecordEntity,
	pathProblem,
	qaseBaseUrl,
	RECORD_KEY,
	type RecordEntity,
} from './api';
import { findQaseEvent } from './catalog';
import type { QaseOutputMode } from './receive';

/**
 * "Resolve Full Record": many Qase events carry only an ID or hash (case.updated, suite.updated,
 * defect.resolved...). In the workflow execution, after Qase has had its answer, the trigger's
 * `execute()` fetches the record and attaches it to the item. Failures are reported in the item
 * (`record_error`), never thrown: a record deleted since the event (404) or a rate limit (429) is
 * something the workflow can branch on, not a crash.
 */

/**
 * Events whose record can be fetched: every event of an entity with a single-record endpoint,
 * except deletions (the record is gone by definition). Test reviews have no such endpoint.
 */
export function isResolvable(eventName: string): boolean {
	const event = findQaseEvent(eventName);
	if (!event || event.name.endsWith('.deleted')) return false;
	return isRecordEntity(event.group);
}

export type LookupPlan =
	| { kind: 'none' }
	| { kind: 'invalid'; message: string }
	| { kind: 'lookup'; entity: RecordEntity; projectCode: string; key: string | number };

const isObject = (v: unknown): v is IDataObject =>
	v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads event, project and record key from an item in either output mode. */
export function planLookup(json: IDataObject, output: QaseOutputMode): LookupPlan {
	const eventName = output === 'envelope' ? json.event_name : json.event;
	const fields = output === 'envelope' ? json.payload : json;
	if (typeof eventName !== 'string' || !isResolvable(eventName) || !isObject(fields))
		return { kind: 'none' };

	const entity = findQaseEvent(eventName)!.group as RecordEntity;
	const keyName = RECORD_KEY[entity];
	const raw = fields[keyName];
	let key: string | number | undefined;
	if (keyName === 'id') {
		if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) key = raw;
		else if (typeof raw === 'string' && /^[1-9]\d{0,15}$/.test(raw)) key = Number(raw);
	} else if (typeof raw === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(raw)) {
		key = raw;
	}
	if (key === undefined)
		return {
			kind: 'invalid',
			message: `The ${eventName} event carries no usable ${keyName} to look up`,
		};

	const projectCode = json.project_code;
	if (entity !== 'custom_field' && (typeof projectCode !== 'string' || projectCode.trim() === '')) {
		return {
			kind: 'invalid',
			message: `The ${eventName} event carries no project_code to look up`,
		};
	}
	const code = String(projectCode ?? '');
	// Checked here, before any request: these fields come from the delivery, which may be forged.
	const problem = pathProblem(entity, code, key);
	if (problem)
		return { kind: 'invalid', message: `The ${eventName} event cannot be looked up: ${problem}` };
	return { kind: 'lookup', entity, projectCode: code, key };
}

/**
 * Why a delivery's record is not looked up when the trigger has no webhook secret: anyone who knows
 * the URL could otherwise choose which project and record the user's token reads into the workflow.
 */
export const UNAUTHENTICATED_LOOKUP =
	'Not looked up: the delivery was not authenticated. Resolve Full Record uses the Qase API token only for deliveries checked against a Qase Webhook Secret credential; add one to the trigger';

/**
 * Attaches `record` (or `record_error`) to every item of a resolvable event; others pass unchanged.
 * Unless `authenticated`, no request is made: every resolvable item gets the reason instead.
 */
export async function resolveRecords(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	output: QaseOutputMode,
	options: { authenticated: boolean },
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	let baseUrl: string | undefined;
	for (let index = 0; index < items.length; index++) {
		const item = items[index];
		const plan = planLookup(item.json, output);
		let json = item.json;
		if (plan.kind !== 'none' && !options.authenticated) {
			json = {
				...item.json,
				record: null,
				record_error: { status: null, message: UNAUTHENTICATED_LOOKUP },
			};
		} else if (plan.kind === 'invalid') {
			json = { ...item.json, record: null, record_error: { status: null, message: plan.message } };
		} else if (plan.kind === 'lookup') {
			try {
				baseUrl ??= await qaseBaseUrl(ctx);
				const record = await getRecord(ctx, plan.entity, plan.projectCode, plan.key, baseUrl);
				json = { ...item.json, record };
			} catch (error) {
				json = { ...item.json, record: null, record_error: { ...itemError(error) } };
			}
		}
		out.push({ ...item, json, pairedItem: { item: index } });
	}
	return out;
}
