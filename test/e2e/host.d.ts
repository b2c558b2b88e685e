import type { N8nInstance } from './harness';

export declare function env(name: string): string | undefined;
/** The n8n line N8N_LINE picks: 2, or 1 for anything else. */
export declare function n8nLine(): 1 | 2;
export declare function waitFor<T>(
	check: () => T | Promise<T>,
	options?: { timeoutMs?: number; intervalMs?: number },
): Promise<T>;
export declare function until(
	check: () => boolean | Promise<boolean>,
	timeoutMs?: number,
): Promise<void>;
export declare function figure(
	suite: string,
	n8n: { install: { version: string } } | undefined,
	text: string,
): string;
/** Anything that counts a workflow's executions by status: an N8nInstance or a QueueCluster. */
export interface ExecutionCounter {
	executionCounts(workflowId: string): Record<string, number>;
}
export declare function drain(
	source: ExecutionCounter,
	workflowId: string,
	expected: number,
	options?: { timeoutMs?: number; quietMs?: number },
): Promise<Record<string, number>>;
export declare function stderr(text: string): void;
export declare function sqlite<T = Record<string, unknown>>(
	n8n: N8nInstance,
	query: string,
	params?: unknown[],
): T[];
export declare function requireFromN8n<T>(n8n: N8nInstance, name: string): T;
export declare function publishedTypes(
	n8n: N8nInstance,
	kind: 'nodes' | 'credentials',
): Array<{ name: string }>;
export declare function readRepoJson<T = unknown>(...segments: string[]): T;
export declare function postFresh(
	url: string,
	body: string | Buffer,
	headers?: Record<string, string>,
): Promise<{ status: number; text: string }>;
export declare function machineLock(
	name: string,
	options?: { timeoutMs?: number },
): Promise<() => void>;
