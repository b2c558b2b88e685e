import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, forItem, statusOf } from '../shared/errors';

import {
	createWebhook,
	deleteWebhook,
	getWebhook,
	listWebhooks,
	updateWebhook,
	type WebhookFields,
} from './api';
import { headerValuesOf, redactError, redactHook, urlSecretsOf } from './redact';
import {
	checkEvents,
	checkHookId,
	checkLabel,
	checkProjectId,
	checkUrl,
	encodeHeaders,
	FieldError,
} from './validation';

type HeaderPairs = { header?: Array<{ name?: string; value?: string }> };

/** Get, Update and Delete say plainly that the hook is missing rather than "resource not found". */
function notFoundOr(ctx: IExecuteFunctions, error: unknown, hookId: string, i: number): Error {
	if (statusOf(error) !== 404) return forItem(ctx, error, i);
	return apiError(
		ctx,
		{ status: 404, message: `Webhook ${hookId} does not exist` },
		`Webhook ${hookId} does not exist`,
		i,
	);
}

export type HookOperation = (
	ctx: IExecuteFunctions,
	i: number,
	sent: string[],
) => Promise<IDataObject[]>;

/**
 * Runs one operation for one input item. Header values in the output read as redacted unless
 * Reveal Header Values is on, and an API error that quotes back a header value sent (`sent`) never
 * shows it.
 */
export async function runWebhookOperation(
	ctx: IExecuteFunctions,
	i: number,
	operation: HookOperation,
): Promise<IDataObject[]> {
	const reveal = ctx.getNodeParameter('revealHeaderValues', i, false) === true;
	const sent: string[] = [];
	try {
		const hooks = await operation(ctx, i, sent);
		return reveal ? hooks : hooks.map((hook) => redactHook(hook));
	} catch (error) {
		throw redactError(ctx, error, sent, i);
	}
}

/**
 * The Currents Webhooks operations, one function per operation for one input item (the node's
 * resources/webhook/*.ts call them). Every field is checked before any request (FieldError names
 * the field); API failures propagate as ApiFailure.
 */
const projectIdOf = (ctx: IExecuteFunctions, i: number) =>
	checkProjectId(ctx.getNodeParameter('project', i, '', { extractValue: true }));

export async function listHooks(ctx: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return (await listWebhooks(ctx, projectIdOf(ctx, i))) as IDataObject[];
}

export async function createHook(
	ctx: IExecuteFunctions,
	i: number,
	sent: string[],
): Promise<IDataObject[]> {
	const projectId = projectIdOf(ctx, i);
	const extra = ctx.getNodeParameter('additionalFields', i, {}) as {
		label?: string;
		headers?: HeaderPairs;
	};
	const fields: WebhookFields & { url: string } = {
		url: checkUrl(ctx.getNodeParameter('url', i)),
		hookEvents: checkEvents(ctx.getNodeParameter('hookEvents', i)),
	};
	if (extra.label !== undefined) fields.label = checkLabel(extra.label);
	if (extra.headers?.header?.length) fields.headers = encodeHeaders(extra.headers.header);
	sent.push(...headerValuesOf(fields.headers), ...urlSecretsOf(fields.url));
	// createWebhook sends the POST once and, after an ambiguous failure, finds the hook it made.
	return [(await createWebhook(ctx, projectId, fields)) as IDataObject];
}

export async function getHook(ctx: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const hookId = checkHookId(ctx.getNodeParameter('hookId', i));
	try {
		return [(await getWebhook(ctx, hookId)) as IDataObject];
	} catch (error) {
		throw notFoundOr(ctx, error, hookId, i);
	}
}

export async function updateHook(
	ctx: IExecuteFunctions,
	i: number,
	sent: string[],
): Promise<IDataObject[]> {
	const hookId = checkHookId(ctx.getNodeParameter('hookId', i));
	const upd = ctx.getNodeParameter('updateFields', i, {}) as {
		url?: string;
		label?: string;
		hookEvents?: string[];
		headers?: HeaderPairs;
		clearHeaders?: boolean;
	};
	const fields: WebhookFields = {};
	if (upd.url !== undefined) fields.url = checkUrl(upd.url);
	if (upd.label !== undefined) fields.label = checkLabel(upd.label);
	if (upd.hookEvents !== undefined && upd.hookEvents.length > 0)
		fields.hookEvents = checkEvents(upd.hookEvents);
	if (upd.clearHeaders) fields.headers = null;
	else if (upd.headers?.header?.length) fields.headers = encodeHeaders(upd.headers.header);
	sent.push(...headerValuesOf(fields.headers), ...urlSecretsOf(fields.url));
	if (Object.keys(fields).length === 0) {
		throw new FieldError('Update Fields', 'Update Fields: add at least one field to change');
	}
	try {
		return [(await updateWebhook(ctx, hookId, fields)) as IDataObject];
	} catch (error) {
		throw notFoundOr(ctx, error, hookId, i);
	}
}

export async function deleteHook(ctx: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const hookId = checkHookId(ctx.getNodeParameter('hookId', i));
	if (!(await deleteWebhook(ctx, hookId))) throw notFoundOr(ctx, { httpCode: '404' }, hookId, i);
	return [{ deleted: true, hookId }];
}
