import type { FakeServer } from './currents-api';

export declare function createFakeServer(opts: {
	name: string;
	handle: (req: {
		method: string;
		path: string;
		query: URLSearchParams;
		headers: Record<string, string | string[] | undefined>;
		body: unknown;
		rawBody: Buffer;
	}) =>
		| { status: number; body?: unknown; headers?: Record<string, string> }
		| Promise<{ status: number; body?: unknown; headers?: Record<string, string> }>;
	snapshot?: () => object;
	reset?: () => void;
}): FakeServer;
