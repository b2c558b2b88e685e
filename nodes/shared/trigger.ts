import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { answer, rawBodyOf, type Verdict } from './delivery';
import { attachMeta, metaOf, withHeaders, type DeliveryMeta } from './deliveryMeta';
import { deliveryHeaders } from './headers';
import { SUMMARY_OUTPUT } from './summary';
import { readOutputMode } from './triggerParameters';
import type { HeaderBag } from './verify';

/**
 * The one path of every trigger: webhook() reads the request, lets the vendor decide it (verify,
 * parse, find the event), answers the sender and puts what execute() needs beside each item;
 * execute() runs the vendor's slow lookups after the answer and shapes each item once.
 */

/** The Options collection every trigger has; vendors read their own options from it too. */
export interface TriggerOptions {
	includeHeaders?: boolean;
	headersToShow?: string;
	[option: string]: unknown;
}

/** One request as webhook() reads it. */
export interface Request {
	headers: HeaderBag;
	/** The exact bytes the sender signed (undefined when n8n kept none: callers fail closed). */
	rawBody: Buffer | undefined;
	/** n8n's parse of rawBody, taken instead of a second parse when it is one. */
	parsedBody: unknown;
}

/** The vendor's decision about one request, with what the accepted items carry. */
export interface Received {
	verdict: Verdict;
	/** ISO 8601 time the delivery says it was sent; else the time it arrived is used. */
	sentAt?: () => string;
	/** Currents: the project of the hook (read only for an accepted delivery). */
	project?: () => string | null;
	/** Headers configured as secrets for this delivery: redacted whatever Headers to Show says. */
	secretHeaders?: string[];
	/** Set on each accepted item beside `json` (outside the output): what execute() needs of it. */
	itemFields?: Record<string, string>;
}

/** One input item of execute(), classified once. */
export interface Delivery {
	/** The item's json as webhook() accepted it. */
	json: IDataObject;
	meta: DeliveryMeta;
	/** Whether this item comes out as a Test Run Summary. */
	summary: boolean;
	/** What the item is before enrichment: `json`, or the vendor's `body` of it when not a summary. */
	body: IDataObject;
}

export interface TriggerVendor {
	/** The default of the Output parameter. */
	defaultOutput: string;
	/** webhook(): verify, parse and find the event; nothing slow, the sender waits for the answer. */
	receive(ctx: IWebhookFunctions, request: Request, options: TriggerOptions): Promise<Received>;
	/** execute(), first: what must be done with the raw input items (Openlayer stores retry ids). */
	executing?(ctx: IExecuteFunctions, items: INodeExecutionData[]): void;
	/** Whether a delivery of this event can be a Test Run Summary. */
	isSummaryEvent(json: IDataObject): boolean;
	/** The item of a delivery that is not a summary, when it differs from what webhook() kept. */
	body?(json: IDataObject, output: string): IDataObject;
	/** Lookups after the answer (failed tests, records): one json per delivery, never throws. */
	enrich?(ctx: IExecuteFunctions, deliveries: Delivery[], output: string): Promise<IDataObject[]>;
	/** The Test Run Summary of a delivery, with its enriched json. */
	summarise(delivery: Delivery, enriched: IDataObject): IDataObject;
}

export async function webhook(
	ctx: IWebhookFunctions,
	vendor: TriggerVendor,
): Promise<IWebhookResponseData> {
	const request: Request = {
		headers: ctx.getHeaderData(),
		rawBody: rawBodyOf(ctx),
		parsedBody: ctx.getBodyData(),
	};
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const received = await vendor.receive(ctx, request, options);
	const response = answer(ctx, received.verdict);
	if (received.verdict.kind !== 'accept') return response;
	for (const item of response.workflowData?.[0] ?? []) Object.assign(item, received.itemFields);
	return attachMeta(response, {
		receivedAt: received.sentAt ? received.sentAt() : new Date().toISOString(),
		project: received.project?.(),
		headers: deliveryHeaders(request.headers, options, received.secretHeaders),
	});
}

export async function execute(
	ctx: IExecuteFunctions,
	vendor: TriggerVendor,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output = readOutputMode(ctx, vendor.defaultOutput);
	vendor.executing?.(ctx, items);
	const deliveries = items.map((item): Delivery => {
		const summary = output === SUMMARY_OUTPUT && vendor.isSummaryEvent(item.json);
		const body = summary || !vendor.body ? item.json : vendor.body(item.json, output);
		return { json: item.json, meta: metaOf(item), summary, body };
	});
	const enriched = vendor.enrich
		? await vendor.enrich(ctx, deliveries, output)
		: deliveries.map((d) => d.body);
	return [
		deliveries.map((delivery, i) => {
			const json = delivery.summary ? vendor.summarise(delivery, enriched[i]) : enriched[i];
			return { json: withHeaders(json, delivery.meta), pairedItem: { item: i } };
		}),
	];
}
