import type { IDataObject } from 'n8n-workflow';

import { findQaseEvent, qaseEvents } from '../../../nodes/Qase/catalog';
import { isResolvable, planLookup, UNAUTHENTICATED_LOOKUP } from '../../../nodes/Qase/enrich';
import { createQaseFake } from '../../fakes/qase-api';
import { useFake } from '../../helpers/fakeApi';
import { deliver, execute } from './helpers';
import type { QaseDelivery } from '../../helpers/json';

const TOKEN = 'test-qase-token';
const { fake, baseUrl } = useFake(() => createQaseFake({ tokens: [TOKEN] }), { path: '/v1' });
let creds: Record<string, IDataObject>;

beforeAll(() => {
	// Lookups are made for authenticated deliveries only (a webhook secret on the trigger).
	creds = {
		qaseTestOpsApi: { apiToken: TOKEN, baseUrl: baseUrl() },
		qaseWebhookSecretApi: { secret: 'resolve-test-webhook-secret' },
	};
});

const sample = (name: string) => structuredClone(findQaseEvent(name)!.sample) as QaseDelivery;

/** The webhook's item for an envelope, as n8n hands it to execute(). */
async function itemOf(
	envelope: unknown,
	output: 'payload' | 'envelope' = 'payload',
): Promise<IDataObject> {
	const { items } = await deliver({ body: envelope, params: { output } });
	return items![0];
}

const resolvable = qaseEvents.filter((e) => isResolvable(e.name));
const notResolvable = qaseEvents.filter((e) => !isResolvable(e.name));

/** Where the record of each resolvable documented example lives. */
function expectedPath(name: string): string {
	const s = sample(name);
	const entity = name.split('.')[0];
	if (entity === 'custom_field') return `/v1/custom_field/${s.payload.id}`;
	if (entity === 'shared_step') return `/v1/shared_step/ID/${s.payload.hash}`;
	return `/v1/${entity}/ID/${s.payload.id}`;
}

describe('which events are looked up', () => {
	it('every non-deleted event of the eight entities with a record endpoint; never deletions or reviews', () => {
		for (const e of qaseEvents) {
			const expected = !e.name.endsWith('.deleted') && e.group !== 'review';
			expect([e.name, isResolvable(e.name)]).toEqual([e.name, expected]);
		}
		expect(resolvable.map((e) => e.name)).toEqual(
			expect.arrayContaining([
				'case.updated',
				'suite.updated',
				'run.completed',
				'defect.resolved',
				'shared_step.updated',
				'custom_field.updated',
			]),
		);
		expect(resolvable).toHaveLength(22);
	});
});

describe('Resolve Full Record via execute()', () => {
	describe.each(resolvable.map((e) => [e.name] as const))('%s', (name) => {
		it.each([['payload'], ['envelope']] as const)(
			'attaches the record (%s output)',
			async (output) => {
				const item = await itemOf(sample(name), output);
				const { out } = await execute([item], { resolveRecord: true, output }, creds);
				const path = expectedPath(name);
				expect(fake().requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${path}`]);
				expect(fake().requests[0].headers.token).toBe(TOKEN);
				const [entity] = name.split('.');
				const key = (
					entity === 'shared_step' ? sample(name).payload.hash : sample(name).payload.id
				)!;
				const record = fake().getRecord(entity as never, 'ID', key);
				expect(record).toBeDefined();
				expect(out).toEqual([{ json: { ...item, record }, pairedItem: { item: 0 } }]);
			},
		);
	});

	it.each(notResolvable.map((e) => [e.name] as const))('never looks up %s', async (name) => {
		const item = await itemOf(sample(name));
		const { out } = await execute([item], { resolveRecord: true }, creds);
		expect(fake().requests).toHaveLength(0);
		expect(out).toEqual([{ json: item, pairedItem: { item: 0 } }]);
	});

	it('reports a record deleted since the event as 404 in the item', async () => {
		expect(fake().deleteRecord('case', 'ID', 1610)).toBe(true);
		const item = await itemOf(sample('case.updated'));
		const { out } = await execute([item], { resolveRecord: true }, creds);
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json).toEqual({
			...item,
			record: null,
			record_error: { status: 404, message: 'Qase API error (HTTP 404): Test case not found' },
		});
	});

	it('reports a persistent 429 in the item after one retry', async () => {
		fake().addFault({
			path: '^/v1/defect/',
			status: 429,
			headers: { 'Retry-After': '0' },
			body: { status: false, errorMessage: 'Too Many Requests' },
		});
		const item = await itemOf(sample('defect.resolved'));
		const { out } = await execute([item], { resolveRecord: true }, creds);
		expect(fake().requests).toHaveLength(2);
		expect(out[0].json.record).toBeNull();
		expect(out[0].json.record_error).toEqual({
			status: 429,
			message: 'Qase API error (HTTP 429): Too Many Requests',
		});
	});

	it('does not wait out a long Retry-After: reports the 429 at once', async () => {
		fake().addFault({ path: '^/v1/run/', status: 429, headers: { 'Retry-After': '60' } });
		const started = Date.now();
		const { out } = await execute(
			[await itemOf(sample('run.completed'))],
			{ resolveRecord: true },
			creds,
		);
		expect(Date.now() - started).toBeLessThan(900);
		expect(fake().requests).toHaveLength(1);
		expect(out[0].json.record_error).toMatchObject({ status: 429 });
	});

	it('honours a short Retry-After before its one retry', async () => {
		fake().addFault({ path: '^/v1/case/', status: 429, headers: { 'Retry-After': '2' }, times: 1 });
		const started = Date.now();
		const { out } = await execute(
			[await itemOf(sample('case.updated'))],
			{ resolveRecord: true },
			creds,
		);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(fake().requests).toHaveLength(2);
		expect(out[0].json.record).toMatchObject({ id: 1610 });
	});

	it('gets the record after one short rate limit', async () => {
		fake().addFault({
			path: '^/v1/suite/',
			status: 429,
			headers: { 'Retry-After': '0' },
			times: 1,
		});
		const { out } = await execute(
			[await itemOf(sample('suite.updated'))],
			{ resolveRecord: true },
			creds,
		);
		expect(fake().requests).toHaveLength(2);
		expect(out[0].json.record).toEqual(fake().getRecord('suite', 'ID', 11));
		expect(out[0].json.record_error).toBeUndefined();
	});

	it.each([
		['a server error', { status: 500 }, 500],
		['an answer without a record', { raw: '{"status":true}' }, null],
		['a malformed answer', { raw: '<html>' }, null],
	])('reports %s in the item', async (_label, fault, status) => {
		fake().addFault({ path: '^/v1/milestone/', ...fault });
		const { out } = await execute(
			[await itemOf(sample('milestone.updated'))],
			{ resolveRecord: true },
			creds,
		);
		expect(out[0].json.record).toBeNull();
		expect((out[0].json.record_error as IDataObject).status).toBe(status);
		expect(typeof (out[0].json.record_error as IDataObject).message).toBe('string');
	});

	it('reports a rejected token as 401 in the item', async () => {
		const { out } = await execute(
			[await itemOf(sample('case.updated'))],
			{ resolveRecord: true },
			{ ...creds, qaseTestOpsApi: { apiToken: 'revoked', baseUrl: baseUrl() } },
		);
		expect(out[0].json.record_error).toEqual({
			status: 401,
			message: 'Qase API error (HTTP 401): Unauthenticated.',
		});
	});

	it('reports an unknown project as 404', async () => {
		const s = sample('plan.updated');
		s.project_code = 'NOPE';
		const { out } = await execute([await itemOf(s)], { resolveRecord: true }, creds);
		expect(fake().requests[0].path).toBe('/v1/plan/NOPE/2');
		expect(out[0].json.record_error).toEqual({
			status: 404,
			message: 'Qase API error (HTTP 404): Project not found',
		});
	});

	it('does not call the API for an item without a usable id, and says so', async () => {
		const s = sample('case.updated');
		s.payload = { id: 'abc' };
		const { out } = await execute([await itemOf(s)], { resolveRecord: true }, creds);
		expect(fake().requests).toHaveLength(0);
		expect(out[0].json.record_error).toEqual({
			status: null,
			message: 'The case.updated event carries no usable id to look up',
		});
	});

	it('passes items through unchanged, with pairedItem, when the option is off', async () => {
		const items = [await itemOf(sample('case.updated')), await itemOf(sample('run.completed'))];
		const { out } = await execute(items, { resolveRecord: false }, creds);
		expect(fake().requests).toHaveLength(0);
		expect(out).toEqual([
			{ json: items[0], pairedItem: { item: 0 } },
			{ json: items[1], pairedItem: { item: 1 } },
		]);
	});

	it('keeps pairing across several items, whatever each lookup gives', async () => {
		fake().deleteRecord('run', 'ID', 2);
		const items = [
			await itemOf(sample('case.updated')),
			await itemOf(sample('case.deleted')),
			await itemOf(sample('run.completed')),
		];
		const { out } = await execute(items, { resolveRecord: true }, creds);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.record).toMatchObject({ id: 1610 });
		expect(out[1].json).not.toHaveProperty('record');
		expect(out[2].json.record_error).toMatchObject({ status: 404 });
		expect(fake().requests.map((r) => r.path)).toEqual(['/v1/case/ID/1610', '/v1/run/ID/2']);
	});

	it('accepts a base URL with a trailing slash', async () => {
		const { out } = await execute(
			[await itemOf(sample('defect.updated'))],
			{ resolveRecord: true },
			{ ...creds, qaseTestOpsApi: { apiToken: TOKEN, baseUrl: `${baseUrl()}/` } },
		);
		expect(fake().requests[0].path).toBe('/v1/defect/ID/1');
		expect(out[0].json.record).toMatchObject({ id: 1, title: 'Example defect' });
	});

	it('reports a missing API credential in the item instead of crashing', async () => {
		const { out } = await execute(
			[await itemOf(sample('defect.updated'))],
			{ resolveRecord: true },
			{ qaseWebhookSecretApi: creds.qaseWebhookSecretApi },
		);
		expect(out[0].json.record).toBeNull();
		expect((out[0].json.record_error as IDataObject).message).toMatch(/credentials/);
	});
});

describe('no lookup for a delivery that was not authenticated (issue 22 item 1)', () => {
	it.each([['payload'], ['envelope']] as const)(
		'a forged case.updated without a webhook secret: record null, the reason, zero requests (%s)',
		async (output) => {
			const forged = sample('case.updated');
			forged.project_code = 'DEMO';
			forged.payload.id = 77;
			const item = await itemOf(forged, output);
			const { out } = await execute(
				[item],
				{ resolveRecord: true, output },
				{ qaseTestOpsApi: creds.qaseTestOpsApi },
			);
			expect(fake().requests).toHaveLength(0);
			expect(out).toEqual([
				{
					json: {
						...item,
						record: null,
						record_error: { status: null, message: UNAUTHENTICATED_LOOKUP },
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(UNAUTHENTICATED_LOOKUP).toMatch(/not authenticated.*Qase Webhook Secret/);
		},
	);

	it('events that are never looked up pass unchanged, without the error', async () => {
		const item = await itemOf(sample('case.deleted'));
		const { out } = await execute(
			[item],
			{ resolveRecord: true },
			{ qaseTestOpsApi: creds.qaseTestOpsApi },
		);
		expect(out).toEqual([{ json: item, pairedItem: { item: 0 } }]);
		expect(fake().requests).toHaveLength(0);
	});
});

describe('planLookup', () => {
	it('reads envelope items and payload items alike', () => {
		const env = sample('shared_step.updated');
		expect(planLookup(env as IDataObject, 'envelope')).toEqual({
			kind: 'lookup',
			entity: 'shared_step',
			projectCode: 'ID',
			key: env.payload.hash,
		});
		expect(
			planLookup({ event: 'custom_field.updated', project_code: 'ID', id: 208 }, 'payload'),
		).toEqual({
			kind: 'lookup',
			entity: 'custom_field',
			projectCode: 'ID',
			key: 208,
		});
	});

	it('refuses hashes and codes that could escape the path', () => {
		expect(
			planLookup(
				{ event: 'shared_step.updated', project_code: 'ID', hash: '../../project' },
				'payload',
			).kind,
		).toBe('invalid');
		expect(planLookup({ event: 'case.updated', project_code: '', id: 1 }, 'payload').kind).toBe(
			'invalid',
		);
		expect(planLookup({ event: 'case.updated', project_code: 'ID', id: -1 }, 'payload').kind).toBe(
			'invalid',
		);
	});
});

describe('identifiers from a forged delivery never steer a request (issue 10 item 1)', () => {
	// Qase Trigger with Resolve Full Record on and no secret: anyone who knows the URL can send these.
	it.each([
		['shared_step.updated', { project_code: '..', hash: 'project' }, '/v1/project'],
		['shared_step.updated', { project_code: '..', hash: 'author' }, '/v1/author'],
		['shared_step.updated', { project_code: 'ID', hash: '..' }, '/v1/shared_step'],
		['case.updated', { project_code: '..', id: 1 }, '/v1/1'],
		['case.updated', { project_code: '.', id: 1 }, '/v1/case/1'],
		['case.updated', { project_code: 'ID/../x', id: 1 }, '/v1/case/x/1'],
		['case.updated', { project_code: 'a', id: 1 }, ''],
		['run.updated', { project_code: 'ID%2F..', id: 2 }, ''],
		['custom_field.updated', { project_code: 'ID', id: '..' }, '/v1/'],
	])(
		'%s with %j: record null, a clear error, no request (the old code asked %s)',
		async (event, fields, reachedBefore) => {
			const envelope = sample(event);
			const { project_code, ...payloadFields } = fields as Record<string, unknown>;
			envelope.project_code = project_code;
			envelope.payload = { ...envelope.payload, ...payloadFields };
			const { out } = await execute([await itemOf(envelope)], { resolveRecord: true }, creds);
			expect(out[0].json.record).toBeNull();
			expect(out[0].json.record_error).toEqual({
				status: null,
				message: expect.stringMatching(
					/cannot be looked up: .* is not a Qase (project code|record id|shared step hash)|carries no usable/,
				),
			});
			expect(fake().requests).toHaveLength(0);
			expect(fake().requests.map((r) => r.path)).not.toContain(reachedBefore);
		},
	);

	it('the documented shapes still resolve (40-hex hash, letter codes, numeric ids)', async () => {
		const { out } = await execute(
			[await itemOf(sample('shared_step.updated')), await itemOf(sample('case.updated'))],
			{ resolveRecord: true },
			creds,
		);
		expect(out.map((o) => o.json.record_error)).toEqual([undefined, undefined]);
		expect(fake().requests).toHaveLength(2);
	});
});

describe('one error path: the same 404 reads the same for every vendor (issue 10)', () => {
	it('Qase record_error and Openlayer failingTestsError are both built by itemError', async () => {
		fake().deleteRecord('case', 'ID', 1610);
		const { out } = await execute(
			[await itemOf(sample('case.updated'))],
			{ resolveRecord: true },
			creds,
		);
		expect(out[0].json.record_error).toEqual({
			status: 404,
			message: expect.stringMatching(/^Qase API error \(HTTP 404\): /),
		});
	});
});
