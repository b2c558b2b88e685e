export interface Fault {
	method?: string;
	/** Regular expression matched against the request path. */
	path?: string;
	status?: number;
	body?: unknown;
	/** Sent verbatim instead of a JSON body (e.g. malformed JSON). */
	raw?: string;
	headers?: Record<string, string>;
	delayMs?: number;
	/** Perform the request first, then answer with `status` (e.g. a 504 after the hook was created). */
	perform?: boolean;
	/** How many requests it applies to; unlimited when absent. */
	times?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** The parsed JSON body (undefined when there is none). */
	body: unknown;
}

/** A node:http request listener, as the fakes' servers run it. */
export type FakeRequestHandler = (
	req: {
		method?: string;
		url?: string;
		on(event: 'data' | 'end', listener: (chunk: Buffer) => void): void;
	},
	res: {
		writeHead(status: number, headers?: Record<string, string>): void;
		end(body?: string): void;
	},
) => void;

export interface FakeServer {
	/** The underlying node:http server. */
	server: {
		close(): void;
		address(): unknown;
		listeners(event: 'request'): FakeRequestHandler[];
		removeAllListeners(event: 'request'): void;
		on(event: 'request', handler: FakeRequestHandler): void;
	};
	requests: RecordedRequest[];
	addFault(fault: Fault): void;
	clearFaults(): void;
	listen(port?: number): Promise<string>;
	close(): Promise<void>;
}

export interface CurrentsHook {
	hookId: string;
	projectId: string;
	url: string;
	headers: string | null;
	hookEvents: string[];
	label: string | null;
}

export interface FakeRunInput {
	runId: string;
	projectId?: string;
	groupId?: string;
	specs: Array<{
		spec: string;
		groupId?: string;
		tests: Array<{
			title: string[];
			state: 'passed' | 'failed' | 'pending' | 'skipped';
			error?: string;
			attempts?: number;
		}>;
	}>;
}

export interface CurrentsFake extends FakeServer {
	readonly hooks: CurrentsHook[];
	addRun(run: FakeRunInput): unknown;
	addProject(project: { projectId: string; name: string }): void;
	reset(): void;
}

export declare const HOOK_EVENTS: string[];
export declare function createCurrentsFake(options?: {
	apiKeys?: string[];
	projects?: Array<{ projectId: string; name: string }>;
	deleteStatus?: 200 | 204;
}): CurrentsFake;
