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
	reset(): void;
}

export declare const QASE_RECORD_ENTITIES: QaseRecordEntity[];
export declare function createQaseFake(options?: {
	tokens?: string[];
	projects?: Array<{ code: string; title: string }>;
}): QaseFake;
