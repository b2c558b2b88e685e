import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * Memory of the `webhook-id`s this trigger has already turned into executions, kept in the node's
 * workflow static data so that Openlayer's retries (same webhook-id, about 5 s, 5 min and 30 min
 * later) start no second execution.
 *
 * How it reaches n8n's database (read from n8n's code, proven by test/e2e/openlayer.e2e.ts):
 * - n8n 1.x: LiveWebhooks' response callback calls WorkflowStaticDataService.saveStaticData(workflow)
 *   right after `webhook()` answered, which writes the static data when its change flag is set. The
 *   flag is set by assigning a property of the object `getWorkflowStaticData('node')` returns, so
 *   the log is always replaced, never mutated in place (a nested array created in this request
 *   would not be observed).
 * - n8n 2.x defers that callback until the execution has been created, and creating the
 *   execution's Workflow from the same static data object resets the change flag, so the webhook's
 *   change is lost (except when the workflow had no static data yet). The execution itself starts
 *   from the stored static data and saves it when it ends if it changed; the trigger's `execute()`
 *   therefore records the id again when it is missing, which persists it when the execution ends.
 *
 * Either way each request or execution saves the static data it loaded when it started, whole, so
 * under concurrent deliveries the last writer wins and ids accepted meanwhile drop out of the stored
 * log (test/e2e/load.e2e.ts measures how many survive 1,000 deliveries from 20 clients). The process
 * memory below (`wasAcceptedInProcess`) recognises those retries while n8n keeps running;
 * the stored log is what survives a restart.
 */
export interface DeliveryLogState extends IDataObject {
	/** Oldest first. `at` is the acceptance time in epoch seconds. */
	acceptedDeliveries?: IDataObject[];
}

export const DEDUPE_WINDOW_SECONDS = 24 * 60 * 60;
export const DEDUPE_CAPACITY = 1000;

interface Entry {
	id: string;
	at: number;
}

/** Long ids are stored as their SHA-256 so the memory stays small whatever the sender's id format. */
function keyOf(id: string): string {
	return id.length <= 128 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

function entries(state: DeliveryLogState): Entry[] {
	const raw = Array.isArray(state.acceptedDeliveries) ? state.acceptedDeliveries : [];
	return raw.filter(
		(e): e is IDataObject & Entry => !!e && typeof e.id === 'string' && typeof e.at === 'number',
	) as Entry[];
}

/** True when `id` was accepted within the window before `now` (seconds). */
export function wasAccepted(
	state: DeliveryLogState,
	id: string,
	now: number,
	windowSeconds = DEDUPE_WINDOW_SECONDS,
): boolean {
	const key = keyOf(id);
	return entries(state).some((e) => e.id === key && now - e.at <= windowSeconds);
}

/**
 * Records an accepted delivery: drops entries older than the window and keeps at most `capacity`
 * ids, the oldest going first.
 */
export function rememberAccepted(
	state: DeliveryLogState,
	id: string,
	now: number,
	options: { windowSeconds?: number; capacity?: number } = {},
): void {
	const windowSeconds = options.windowSeconds ?? DEDUPE_WINDOW_SECONDS;
	const capacity = Math.max(1, options.capacity ?? DEDUPE_CAPACITY);
	const key = keyOf(id);
	const kept = entries(state).filter((e) => e.id !== key && now - e.at <= windowSeconds);
	kept.push({ id: key, at: now });
	state.acceptedDeliveries = kept.slice(-capacity).map((e) => ({ id: e.id, at: e.at }));
}

/**
 * Ids accepted by this n8n process, per trigger node (`scope`: workflow id and node name), with the
 * same window and capacity as the stored log. It is not lost to concurrent saves of static data, so
 * Openlayer's retries (about 5 s, 5 min and 30 min later) are recognised even when the stored log
 * lost their id; it does not survive a restart, which the stored log covers.
 */
const processLog = new Map<string, Entry[]>();

export function wasAcceptedInProcess(
	scope: string,
	id: string,
	now: number,
	windowSeconds = DEDUPE_WINDOW_SECONDS,
): boolean {
	const key = keyOf(id);
	return (processLog.get(scope) ?? []).some((e) => e.id === key && now - e.at <= windowSeconds);
}

export function rememberAcceptedInProcess(
	scope: string,
	id: string,
	now: number,
	options: { windowSeconds?: number; capacity?: number } = {},
): void {
	const windowSeconds = options.windowSeconds ?? DEDUPE_WINDOW_SECONDS;
	const capacity = Math.max(1, options.capacity ?? DEDUPE_CAPACITY);
	const key = keyOf(id);
	const kept = (processLog.get(scope) ?? []).filter((e) => e.id !== key && now - e.at <= windowSeconds);
	kept.push({ id: key, at: now });
	processLog.set(scope, kept.slice(-capacity));
}
