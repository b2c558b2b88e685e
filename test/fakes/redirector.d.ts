export interface ReceivedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
}

export interface Redirector {
	redirected: ReceivedRequest[];
	received: ReceivedRequest[];
	setStatus(status: number): void;
	/** Starts both servers; resolves to the redirecting server's URL. */
	listen(): Promise<string>;
	close(): Promise<unknown>;
}

export declare function createRedirector(opts?: { status?: number }): Redirector;
