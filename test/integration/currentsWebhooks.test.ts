/**
 * Currents Webhooks operations through n8n-core's WorkflowExecute against the fake Currents API.
 */
import { createCurrentsFake } from '../fakes/currents-api';
import { useFake } from '../helpers/fakeApi';
import { runNode } from './engine';
import { shutdownN8nCore } from './shutdown';

const KEY = 'integration-currents';
const project = { __rl: true, mode: 'list', value: 'proj_alpha' };

describe('Currents Webhooks in n8n-core', () => {
	const { fake, baseUrl } = useFake(() => createCurrentsFake({ apiKeys: [KEY] }));
	afterAll(() => shutdownN8nCore());

	const credentials = (apiKey = KEY) => ({
		currentsTestOpsApi: {
			id: 'cred-currents',
			name: 'Currents',
			data: { apiKey, baseUrl: baseUrl() },
		},
	});
	const run = (
		parameters: Record<string, unknown>,
		extra: { apiKey?: string; continueOnFail?: boolean } = {},
	) =>
		runNode({
			type: 'currentsWebhooks',
			parameters: { resource: 'webhook', ...parameters },
			credentials: credentials(extra.apiKey),
			continueOnFail: extra.continueOnFail,
		});

	test('create, list, get, update, delete: each operation through the engine, paired to its input item', async () => {
		const created = await run({
			operation: 'create',
			project,
			url: 'https://example.com/hook',
			hookEvents: ['RUN_FINISH', 'RUN_TIMEOUT'],
			additionalFields: { label: 'CI', headers: { header: [{ name: 'x-team', value: 'qa' }] } },
		});
		expect(created.error).toBeUndefined();
		expect(created.run.status).toBe('success');
		expect(created.items).toHaveLength(1);
		const hook = created.items[0].json as { hookId: string };
		expect(created.items[0]).toMatchObject({
			json: {
				projectId: 'proj_alpha',
				url: 'https://example.com/hook',
				label: 'CI',
				// Sent as given, shown redacted: Reveal Header Values is off by default.
				headers: '{"x-team":"[redacted]"}',
			},
			pairedItem: { item: 0 },
		});
		expect(fake().requests[0]).toMatchObject({
			method: 'POST',
			path: '/webhooks',
			query: { projectId: 'proj_alpha' },
		});
		expect(fake().requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
		expect(JSON.parse((fake().requests[0].body as { headers: string }).headers)).toEqual({
			'x-team': 'qa',
		});

		const listed = await run({ operation: 'list', project });
		expect(listed.items.map((i) => i.json.hookId)).toEqual([hook.hookId]);

		const got = await run({ operation: 'get', hookId: hook.hookId });
		expect(got.items[0].json).toMatchObject({
			hookId: hook.hookId,
			hookEvents: ['RUN_FINISH', 'RUN_TIMEOUT'],
		});

		const updated = await run({
			operation: 'update',
			hookId: hook.hookId,
			updateFields: { label: 'CI v2', clearHeaders: true },
		});
		expect(updated.items[0].json).toMatchObject({
			hookId: hook.hookId,
			label: 'CI v2',
			headers: null,
		});

		const deleted = await run({ operation: 'delete', hookId: hook.hookId });
		expect(deleted.items).toEqual([
			{ json: { deleted: true, hookId: hook.hookId }, pairedItem: { item: 0 } },
		]);
		expect((await run({ operation: 'list', project })).items).toEqual([]);
	});

	test('a refused API key fails the execution with a NodeApiError that carries no secret', async () => {
		const {
			run: execution,
			error,
			items,
		} = await run({ operation: 'list', project }, { apiKey: 'wrong-key-value' });
		expect(execution.status).toBe('error');
		expect(items).toEqual([]);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(JSON.stringify(execution.data)).not.toContain('wrong-key-value');
	});

	test('a missing webhook says so; with continueOnFail the error becomes the item', async () => {
		const hookId = '00000000-0000-4000-8000-000000000000';
		const failed = await run({ operation: 'get', hookId });
		expect(failed.error?.message).toBe(`Webhook ${hookId} does not exist`);

		const continued = await run({ operation: 'get', hookId }, { continueOnFail: true });
		expect(continued.run.status).toBe('success');
		expect(continued.items).toEqual([
			{ json: { error: `Webhook ${hookId} does not exist` }, pairedItem: { item: 0 } },
		]);
	});

	test('a bad field fails before any request, naming the field', async () => {
		const { error } = await run({
			operation: 'create',
			project,
			url: 'ftp://example.com',
			hookEvents: ['RUN_FINISH'],
		});
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toMatch(/URL/);
		expect(fake().requests).toHaveLength(0);
	});
});
