import { n8nLine } from '../e2e/host';

export { drain, n8nLine } from '../e2e/host';

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

export function createCluster(
	options: { webhookProcesses?: number; workers?: number; env?: Record<string, string> } = {},
): QueueCluster {
	return new queue.QueueCluster({ line: n8nLine(), ...options });
}
