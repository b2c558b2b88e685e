import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { redactError, redactHook } from '../../../Currents/redact';
import { checkHookId, checkProjectId } from '../../../Currents/validation';
import { apiError, forItem, statusOf } from '../../../shared/errors';

/**
 * What the operations of the Webhook resource share. Every field is checked before any request
 * (FieldError names the field); API failures propagate as ApiFailure.
 */

export type HeaderPairs = { header?: Array<{ name?: string; value?: string }> };

/** One operation for one input item; `sent` collects the secrets it sends (header values, URL parts). */
export type HookOperation = (
	ctx: IExecuteFunctions,
	i: number,
	sent: string[],
) => Promise<IDataObject[]>;

/**
 * The operation as the node's execute() calls it. Header values in the output read as redacted
 * unless Reveal Header Values is on, and an API error that quotes back a header value sent (`sent`)
 * never shows it.
 */
export const webhookExecute = (operation: HookOperation) =>
	async function (this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
		const reveal = this.getNodeParameter('revealHeaderValues', i, false) === true;
		const sent: string[] = [];
		try {
			const hooks = await operation(this, i, sent);
			return reveal ? hooks : hooks.map((hook) => redactHook(hook));
		} catch (error) {
			throw redactError(this, error, sent, i);
		}
	};

export const projectIdOf = (ctx: IExecuteFunctions, i: number) =>
	checkProjectId(ctx.getNodeParameter('project', i, '', { extractValue: true }));

export const hookIdOf = (ctx: IExecuteFunctions, i: number) =>
	checkHookId(ctx.getNodeParameter('hookId', i));

/** Get, Update and Delete say plainly that the hook is missing rather than "resource not found". */
export function notFoundOr(
	ctx: IExecuteFunctions,
	error: unknown,
	hookId: string,
	i: number,
): Error {
	if (statusOf(error) !== 404) return forItem(ctx, error, i);
	return apiError(
		ctx,
		{ status: 404, message: `Webhook ${hookId} does not exist` },
		`Webhook ${hookId} does not exist`,
		i,
	);
}
