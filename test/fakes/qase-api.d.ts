import type { FakeServer } from './currents-api';

export type QaseRecordEntity =
	| 'case'
	| 'suite'
	| 'plan'
	| 'shared_step'
	| 'milestone'
	| 'custom_field'
	| 'run'
	| 'defect';

export interface QaseFake extends FakeServer {
	/** Adds or replaces one record; `code` is ignored for custom fields (they belong to the workspace). */
	setRecord(
		entity: QaseRecordEntity,
		code: string | null,
		key: string | number,
		record: Record<string, unknown>,
	): void;
	/** Removes one record, as if deleted in Qase; returns whether it existed. */
	deleteRecord(entity: QaseRecordEntity, code: string | null, key: string | number): boolean;
	getRecord(
		entity: QaseRecordEntity,
		code: string | null,
		key: string | number,
	): Record<string, unknown> | undefined;
	/** Results recorded in a run by POST /result (single and bulk), oldest first. */
	resultsOf(code: string, runId: number): Array<Record<string, unknown>>;
	/** The records of one entity in a project, by ascending id. */
	list(entity: QaseRecordEntity, code: string): Array<Record<string, unknown>>;
	/** The next `times` requests (matching the regex `path`) answer Qase's 429 with Retry-After. */
	rateLimit(times?: number, retryAfterSeconds?: number, path?: string): void;
	reset(): void;
}

export declare const QASE_RECORD_ENTITIES: QaseRecordEntity[];
export declare function createQaseFake(options?: {
	tokens?: string[];
	projects?: Array<{ code: string; title: string }>;
}): QaseFake;
