import type { FakeServer } from './currents-api';

export interface OpenlayerTestResult {
	id: string;
	status: 'running' | 'passing' | 'failing' | 'skipped' | 'error';
	statusMessage: string | null;
	projectVersionId: string | null;
	inferencePipelineId: string | null;
	goal: {
		id: string;
		name: string;
		number: number;
		type: string;
		subtype: string;
		[k: string]: unknown;
	};
	[k: string]: unknown;
}

export interface OpenlayerRun {
	projectVersionId?: string;
	inferencePipelineId?: string;
	failing?: number;
	passing?: number;
	skipped?: number;
}

export interface OpenlayerFake extends FakeServer {
	/** Stores the results of one run (commit or monitoring pipeline) and returns them. */
	addRun(run: OpenlayerRun): OpenlayerTestResult[];
	reset(): void;
}

export declare const MAX_PER_PAGE: number;
export declare const DEFAULT_PER_PAGE: number;
export declare function createOpenlayerFake(options?: {
	apiKeys?: string[];
	projects?: Array<{ id: string; name: string }>;
}): OpenlayerFake;
