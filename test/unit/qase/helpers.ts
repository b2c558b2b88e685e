import type { IDataObject, INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';

import { QaseTestOpsApi } from '../../../credentials/QaseTestOpsApi.credentials';
import { QaseWebhookSecretApi } from '../../../credentials/QaseWebhookSecretApi.credentials';
import { QaseTrigger } from '../../../nodes/QaseTrigger/QaseTrigger.node';
import { makeContext, registerCredentialType, type Recorded } from '../../helpers/context';

registerCredentialType(new QaseTestOpsApi());
registerCredentialType(new QaseWebhookSecretApi());

export const node = new QaseTrigger();

export interface Delivery {
	body?: unknown;
	/** Sent verbatim instead of JSON.stringify(body). */
	raw?: string;
	headers?: Record<string, string | string[] | undefined>;
	params?: Record<string, unknown>;
	credentials?: Record<string, IDataObject>;
}

export interface Delivered {
	result: IWebhookResponseData;
	recorded: Recorded;
	/** The items of the execution n8n would start, or undefined when none starts. */
	items?: IDataObject[];
}

/** Runs the node's webhook() on one delivery, as n8n would hand it over. */
export async function deliver(d: Delivery): Promise<Delivered> {
	const rawBody =
		d.raw !== undefined ? d.raw : d.body === undefined ? undefined : JSON.stringify(d.body);
	const ctx = makeContext({
		params: {
			resource: 'all',
			events: ['*'],
			output: 'payload',
			resolveRecord: false,
			...(d.params ?? {}),
		},
		credentials: d.credentials,
		headers: { 'content-type': 'application/json', ...(d.headers ?? {}) },
		rawBody,
	});
	const result = await node.webhook.call(ctx.webhook);
	const items = result.workflowData?.[0]?.map((i) => i.json);
	return { result, recorded: ctx.recorded, items };
}

/** Runs the node's execute() on the webhook's items, as n8n does in the workflow execution. */
export async function execute(
	items: IDataObject[],
	params: Record<string, unknown>,
	credentials?: Record<string, IDataObject>,
): Promise<{ out: INodeExecutionData[]; recorded: Recorded }> {
	const ctx = makeContext({
		params: { resource: 'all', events: ['*'], output: 'payload', resolveRecord: false, ...params },
		credentials,
		items: items.map((json) => ({ json })),
	});
	const [out] = await node.execute.call(ctx.execute);
	return { out, recorded: ctx.recorded };
}

export const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
