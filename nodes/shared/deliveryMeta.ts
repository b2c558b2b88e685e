import type { IDataObject, INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';

/**
 * What webhook() knows about a delivery and execute() needs (request headers, arrival time, the
 * hook's project), carried on the item beside `json` so that the vendor's payload stays untouched;
 * execute() never copies the key itself to its output.
 */
export const DELIVERY_META_KEY = 'testopsDelivery';

export interface DeliveryMeta {
	/** ISO 8601: when the delivery says it was sent, else when it arrived. */
	receivedAt: string;
	/** Redacted request headers, present only with "Include Headers" on. */
	headers?: IDataObject;
	/** Currents: the project of the hook (automatic setup). */
	project?: string | null;
}

/** Every field of DeliveryMeta (the Record makes the compiler ask for a new one here). */
const META_FIELDS = Object.keys({
	receivedAt: true,
	headers: true,
	project: true,
} satisfies Record<keyof DeliveryMeta, true>) as Array<keyof DeliveryMeta>;

export function attachMeta(
	response: IWebhookResponseData,
	meta: DeliveryMeta,
): IWebhookResponseData {
	// Absent fields are left out rather than stored as undefined.
	const stored: IDataObject = {};
	for (const field of META_FIELDS) if (meta[field] !== undefined) stored[field] = meta[field];
	for (const item of response.workflowData?.[0] ?? []) item[DELIVERY_META_KEY] = stored;
	return response;
}

export function metaOf(item: INodeExecutionData): DeliveryMeta {
	const meta = (item as unknown as Record<string, unknown>)[DELIVERY_META_KEY] as
		| DeliveryMeta
		| undefined;
	return meta && typeof meta.receivedAt === 'string'
		? meta
		: { receivedAt: new Date().toISOString() };
}

/** The output json: the item's json plus `headers` when they were captured. */
export function withHeaders(json: IDataObject, meta: DeliveryMeta): IDataObject {
	return meta.headers ? { ...json, headers: meta.headers } : json;
}
