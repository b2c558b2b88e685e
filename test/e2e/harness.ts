/**
 * Typed entry to the real-n8n harness in scripts/lib/n8n-harness.js (shared with `npm start` and
 * the benchmarks). `N8N_LINE=1|2` picks n8n 1.123 on Node 20 or n8n 2.41 on Node 24.
 */
import { sleep } from 'n8n-workflow';

import { n8nLine, postFresh } from './host';

export { n8nLine, until } from './host';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require('../../scripts/lib/n8n-harness');

export interface ExecutionRecord {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	lastNode?: string;
	error?: string;
	nodes: Record<string, { items: Array<Record<string, unknown>>; error?: string }>;
	/** The stored execution data, as n8n saved it (for secret scans). */
	raw: string;
}

export interface N8nInstance {
	line: 1 | 2;
	port: number;
	baseUrl: string;
	userFolder: string;
	logPath: string;
	env: Record<string, string>;
	install: { dir: string; nodeBin: string; version: string };
	cli(args: string[], options?: { timeoutMs?: number }): Promise<string>;
	importCredentials(credentials: object[]): Promise<void>;
	importWorkflows(workflows: object[]): Promise<void>;
	activate(ids: string[]): Promise<void>;
	deactivate(ids: string[]): Promise<void>;
	start(options?: { timeoutMs?: number }): Promise<N8nInstance>;
	stop(): Promise<void>;
	restart(): Promise<void>;
	log(): string;
	logTail(lines?: number): string;
	webhookUrl(webhookId: string, nodePath?: string): string;
	executions(workflowId?: string): ExecutionRecord[];
	/** Executions of the workflow by status, e.g. { success: 3 }, straight from execution_entity. */
	executionCounts(workflowId: string): Record<string, number>;
	sqliteRows<T = Record<string, unknown>>(query: string, params?: unknown[]): T[];
	waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs?: number,
	): Promise<ExecutionRecord[]>;
	cleanup(): void;
	publicApi(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; json: unknown; text: string }>;
	setActive(workflowId: string, active: boolean): Promise<unknown>;
}

export async function prepareN8n(options: {
	line?: 1 | 2;
	workflows?: object[];
	credentials?: object[];
	activate?: string[];
	env?: Record<string, string>;
}): Promise<N8nInstance> {
	return harness.prepareN8n({ line: n8nLine(), ...options });
}

/** A workflow holding one trigger node with a fixed webhookId, so its URL is known in advance. */
export function triggerWorkflow(opts: {
	id: string;
	name: string;
	nodeType: string;
	nodeName: string;
	webhookId: string;
	/** The trigger's typeVersion: 1 (the version saved workflows of 0.1 have) unless given. */
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	extraNodes?: object[];
	connections?: object;
}) {
	return {
		id: opts.id,
		name: opts.name,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: opts.connections ?? {},
		nodes: [
			{
				id: `${opts.webhookId}-node`,
				name: opts.nodeName,
				type: opts.nodeType,
				typeVersion: opts.typeVersion ?? 1,
				position: [0, 0],
				webhookId: opts.webhookId,
				parameters: opts.parameters,
				credentials: opts.credentials ?? {},
			},
			...(opts.extraNodes ?? []),
		],
	};
}

/**
 * A Currents TestOps Trigger in Automatic setup: it registers its own hook for `events` (RUN_FINISH
 * unless given) in `project` (proj_alpha, the fakes' first project) with the Currents API credential.
 */
export function currentsAutoWorkflow(opts: {
	id: string;
	name: string;
	webhookId: string;
	credential: { id: string; name: string };
	/** Another package's node type (test/e2e/packages.e2e.ts); this package's by default. */
	nodeType?: string;
	nodeName?: string;
	project?: string;
	events?: string[];
}) {
	return triggerWorkflow({
		id: opts.id,
		name: opts.name,
		nodeType: opts.nodeType ?? 'n8n-nodes-testops.currentsTrigger',
		nodeName: opts.nodeName ?? 'Currents Trigger',
		webhookId: opts.webhookId,
		parameters: {
			setupMode: 'automatic',
			project: { __rl: true, mode: 'id', value: opts.project ?? 'proj_alpha' },
			events: opts.events ?? ['RUN_FINISH'],
		},
		credentials: { currentsTestOpsApi: opts.credential },
	});
}

export async function post(
	url: string,
	body: string | Buffer,
	headers: Record<string, string> = {},
) {
	// A fresh connection per delivery: see postFresh in host.js.
	return await postFresh(url, body, headers);
}

/** Gives n8n a moment to record anything a rejected request might (wrongly) have started. */
export const settle = (ms = 1500) => sleep(ms);
