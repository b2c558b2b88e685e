/**
 * Helpers shared by the reliability suites (load, attack, lifecycle): direct reads of n8n's SQLite
 * database, a bounded pool of HTTP clients, activation that waits for n8n 2.x's asynchronous
 * publication and the secret scan. Figures and the wait for executions to finish come from host.js,
 * which the queue-mode suite shares.
 */
import { sleep } from 'n8n-workflow';

import type { N8nInstance } from './harness';
import { requireFromN8n, sqlite } from './host';

export { drain, figure } from './host';

/** One read-only query on the instance's SQLite database (see host.js). */
export const sql = <T = Record<string, unknown>>(
	n8n: N8nInstance,
	query: string,
	params: unknown[] = [],
): T[] => sqlite<T>(n8n, query, params);

/** The workflow's static data as n8n stored it (workflow_entity.staticData). */
/** A node's slice of the workflow's static data (key `node:<name>`): what the trigger keeps between calls. */
export interface NodeStaticData {
	production?: Record<string, unknown>;
	acceptedDeliveries?: Array<{ id: string }>;
	[key: string]: unknown;
}

export function storedStaticData(
	n8n: N8nInstance,
	workflowId: string,
): Record<string, NodeStaticData> | null {
	const [row] = sql<{ staticData: string | null }>(
		n8n,
		'SELECT staticData FROM workflow_entity WHERE id = ?',
		[workflowId],
	);
	return row?.staticData ? JSON.parse(String(row.staticData)) : null;
}

export interface Timed {
	status: number;
	ms: number;
	text: string;
}

/** Runs `count` requests through `concurrency` clients (a bounded promise pool over fetch). */
export async function runPool(
	count: number,
	concurrency: number,
	send: (i: number) => Promise<Response>,
): Promise<Timed[]> {
	const results: Timed[] = new Array(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const t0 = performance.now();
			try {
				const res = await send(i);
				const text = await res.text();
				results[i] = { status: res.status, ms: performance.now() - t0, text };
			} catch (error) {
				results[i] = { status: 0, ms: performance.now() - t0, text: (error as Error).message };
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return results;
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Counts per status class, e.g. {'2xx': 1000}. */
export function statusClasses(results: Timed[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const r of results) {
		const key = r.status === 0 ? 'network error' : `${Math.floor(r.status / 100)}xx`;
		out[key] = (out[key] ?? 0) + 1;
	}
	return out;
}

/** Where each of the secrets occurs in the given texts (empty when none does). */
export function findSecrets(
	secrets: Record<string, string>,
	texts: Record<string, string>,
): string[] {
	const leaks: string[] = [];
	for (const [secretName, secret] of Object.entries(secrets)) {
		if (!secret) continue;
		for (const [where, text] of Object.entries(texts)) {
			if (text.includes(secret)) leaks.push(`${secretName} in ${where}`);
		}
	}
	return leaks;
}

/**
 * Everything a secret could leak into in one instance: n8n's log (server and CLI output), the data of
 * every execution, and the execution error messages.
 */
export function instanceTexts(n8n: N8nInstance): Record<string, string> {
	const executions = n8n.executions();
	return {
		'n8n log': n8n.log(),
		'execution data': executions.map((e) => e.raw).join('\n'),
		'execution errors': executions
			.flatMap((e) => [e.error ?? '', ...Object.values(e.nodes).map((n) => n.error ?? '')])
			.join('\n'),
	};
}

/** The stored error of an execution (its resultData.error), parsed with n8n's own flatted. */
export function executionError(n8n: N8nInstance, raw: string): Record<string, unknown> | undefined {
	const flatted = requireFromN8n<{
		parse(text: string): { resultData?: { error?: Record<string, unknown> } } | null;
	}>(n8n, 'flatted');
	return flatted.parse(raw)?.resultData?.error;
}

export interface ActivationOutcome {
	ok: boolean;
	/** What n8n reports to the user: the API's message (1.x) or the publication's error (2.x). */
	message?: string;
}

/**
 * Activates or deactivates through n8n's public API and waits for the outcome. n8n 1.x does the
 * work inside the request (a failure is a 400 with a message). n8n 2.x answers at once and
 * publishes in the background, retrying a failed trigger activation itself (up to 5 attempts); its
 * outcome is the workflow_publication_outbox record (status and errorMessage).
 */
export async function setActiveAndWait(
	n8n: N8nInstance,
	workflowId: string,
	active: boolean,
	{ timeoutMs = 150000 } = {},
): Promise<ActivationOutcome> {
	const lastOutbox = () =>
		n8n.line === 2
			? sql<{ id: number; status: string; errorMessage: string | null }>(
					n8n,
					'SELECT id, status, errorMessage FROM workflow_publication_outbox WHERE workflowId = ? ORDER BY id DESC LIMIT 1',
					[workflowId],
				)[0]
			: undefined;
	const before = lastOutbox()?.id ?? 0;
	const res = await n8n.publicApi(
		'POST',
		`/workflows/${workflowId}/${active ? 'activate' : 'deactivate'}`,
	);
	if (n8n.line === 1 || res.status !== 200) {
		return res.status === 200
			? { ok: true }
			: { ok: false, message: (res.json as { message?: string } | undefined)?.message ?? res.text };
	}
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const record = lastOutbox();
		if (
			record &&
			record.id > before &&
			['completed', 'failed', 'partial_success'].includes(record.status)
		) {
			return record.status === 'completed'
				? { ok: true, message: record.errorMessage ?? undefined }
				: { ok: false, message: record.errorMessage ?? record.status };
		}
		await sleep(250);
	}
	throw new Error(
		`publication of ${workflowId} (${active ? 'activate' : 'deactivate'}) did not finish within ${timeoutMs} ms`,
	);
}

/** Whether the workflow is active in n8n's database. */
export function isActive(n8n: N8nInstance, workflowId: string): boolean {
	const [row] = sql(n8n, 'SELECT active FROM workflow_entity WHERE id = ?', [workflowId]);
	return Boolean(row?.active);
}
