/** The shapes tests read out of catalog samples and API answers, instead of `any`. */
export type JsonRecord = Record<string, unknown>;

/** An Openlayer `tests.result.updated` delivery (or trigger output): the counts live in data.tests. */
export interface TestsResultEvent extends JsonRecord {
	data: { tests: JsonRecord };
}

/** An Openlayer API page. */
export interface Page<T = JsonRecord> {
	_meta: { page: number; perPage: number; totalItems: number; totalPages: number };
	items: T[];
}

/** A Qase delivery sample: the entity's fields live in payload. */
export interface QaseDelivery extends JsonRecord {
	event_name: string;
	timestamp: number;
	payload: JsonRecord & { id?: string | number; hash?: string; data?: JsonRecord };
}
