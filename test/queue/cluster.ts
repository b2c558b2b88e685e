import { sleep } from 'n8n-workflow';

import { env } from '../e2e/host';

/**
 * Typed entry to the queue-mode harness in scripts/lib/n8n-queue.js: PostgreSQL, Redis, one n8n
 * main, `n8n webhook` processes and `n8n worker`s sharing one user folder with this package.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const queue = require('../../scripts/lib/n8n-queue');

export interface QueueExecution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	error?: string;
	nodes: Record<
		string,
		{
			items: Array<Record<string, unknown> & { data?: { test?: { id?: unknown } } }>;
			error?: string;
		}
	>;
	raw: string;
}

export interface QueueProcess {
	role: 'webhook' | 'worker';
	name: string;
	port: number;
	baseUrl: string;
	logPath: string;
	start(): Promise<QueueProcess>;
	stop(): Promise<void>;
	log(): string;
	webhookUrl(webhookId: string, nodePath?: string): string;
	finishedExecutions(): string[];
}

export interface MainProcess {
	port: number;
	baseUrl: string;
	logPath: string;
	install: { dir: string; nodeBin: string; version: string };
	log(): string;
	webhookUrl(webhookId: string, nodePath?: string): string;
	publicApi(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; json: unknown; text: string }>;
}

export interface QueueCluster {
	line: 1 | 2;
	dir: string;
	main: MainProcess;
	webhooks: QueueProcess[];
	workers: QueueProcess[];
	timings: Record<string, number>;
	prepare(options: {
		workflows?: object[];
		credentials?: object[];
		activate?: string[];
	}): Promise<QueueCluster>;
	start(): Promise<QueueCluster>;
	restart(): Promise<void>;
	stop(): Promise<void>;
	cleanup(): void;
	sql<T = Record<string, unknown>>(query: string): T[];
	executionCounts(workflowId: string): Record<string, number>;
	executions(workflowId?: string): QueueExecution[];
	staticData(workflowId: string): Record<string, Record<string, unknown>> | null;
}

export const n8nLine = (): 1 | 2 => (env('N8N_LINE') === '2' ? 2 : 1);

export function createCluster(
	options: { webhookProcesses?: number; workers?: number; env?: Record<string, string> } = {},
): QueueCluster {
	return new queue.QueueCluster({ line: n8nLine(), ...options });
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const unfinished = (counts: Record<string, number>) =>
	(counts.new ?? 0) + (counts.running ?? 0) + (counts.waiting ?? 0);

/**
 * Waits until at least `expected` executions of the workflow exist and none is unfinished, then
 * until the count has stayed the same for `quietMs`, so that a late extra execution is still seen.
 */
export async function drain(
	cluster: QueueCluster,
	workflowId: string,
	expected: number,
	{ timeoutMs = 300000, quietMs = 3000 } = {},
): Promise<Record<string, number>> {
	const deadline = Date.now() + timeoutMs;
	let counts = cluster.executionCounts(workflowId);
	let last = -1;
	let stableSince = Date.now();
	while (Date.now() < deadline) {
		counts = cluster.executionCounts(workflowId);
		const n = total(counts);
		if (n !== last) {
			last = n;
			stableSince = Date.now();
		}
		if (n >= expected && unfinished(counts) === 0 && Date.now() - stableSince >= quietMs)
			return counts;
		await sleep(500);
	}
	return counts;
}
