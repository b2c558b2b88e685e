import { randomBytes } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import { QaseTestOpsApi } from '../../../credentials/QaseTestOpsApi.credentials';
import { QaseTestOps } from '../../../nodes/QaseTestOps/QaseTestOps.node';
import { createQaseFake, type QaseFake } from '../../fakes/qase-api';
import { makeContext, registerCredentialType } from '../../helpers/context';
import { useFake as useFakeApi, type UsedFake } from '../../helpers/fakeApi';

registerCredentialType(new QaseTestOpsApi());

export const TOKEN = `unit-qase-${randomBytes(8).toString('hex')}`;
export const node = new QaseTestOps();
export const project = (code = 'DEMO') => ({ __rl: true, mode: 'list', value: code });

/** A fake Qase API on 127.0.0.1 for one test file, reset before each test. */
export function useFake(): UsedFake<QaseFake> {
	return useFakeApi(() => createQaseFake({ tokens: [TOKEN] }));
}

export interface RunOptions {
	/** Parameters per input item (one item per entry); or one set for `items` items. */
	perItem?: Array<Record<string, unknown>>;
	items?: number;
	continueOnFail?: boolean;
}

/**
 * Runs the node's execute() with mocked IExecuteFunctions (test/helpers/context.ts) whose HTTP goes
 * to the fake for real. Per-item parameters are served by item index, as n8n resolves expressions.
 */
export async function execute(
	baseUrl: string,
	params: Record<string, unknown>,
	options: RunOptions = {},
): Promise<INodeExecutionData[]> {
	const count = options.perItem?.length ?? options.items ?? 1;
	const c = makeContext({
		params,
		credentials: { qaseTestOpsApi: { apiToken: TOKEN, baseUrl } },
		items: Array.from({ length: count }, (_, i) => ({ json: { i } })),
		continueOnFail: options.continueOnFail,
	});
	if (options.perItem) {
		const base = c.execute.getNodeParameter;
		(c.execute as unknown as { getNodeParameter: unknown }).getNodeParameter = (
			name: string,
			i: number,
			...rest: unknown[]
		) => {
			const own = options.perItem![i];
			if (typeof i === 'number' && own && name in own) {
				const value = own[name];
				const opts = rest[1] as { extractValue?: boolean } | undefined;
				if (opts?.extractValue && value && typeof value === 'object' && '__rl' in value)
					return (value as unknown as { value: unknown }).value;
				return value;
			}
			return (base as (...a: unknown[]) => unknown)(name, i, ...rest);
		};
	}
	return (await node.execute.call(c.execute))[0];
}

export function loadOptionsContext(baseUrl: string) {
	return makeContext({ credentials: { qaseTestOpsApi: { apiToken: TOKEN, baseUrl } } }).loadOptions;
}
