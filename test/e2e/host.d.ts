import type { N8nInstance } from './harness';

export declare function env(name: string): string | undefined;
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
