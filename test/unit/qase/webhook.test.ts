import { randomBytes } from 'node:crypto';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	eventsOfEntity,
	findQaseEvent,
	payloadOutputSchema,
	QASE_ENTITIES,
	qaseEvents,
} from '../../../nodes/Qase/catalog';
import { isoFromUnix, receiveQase } from '../../../nodes/Qase/receive';
import { deliver, iso, node } from './helpers';
import type { QaseDelivery } from '../../helpers/json';

const SECRET = randomBytes(16).toString('hex');
const withSecret = { qaseWebhookSecretApi: { secret: SECRET } };
const sample = (name: string) => structuredClone(findQaseEvent(name)!.sample) as QaseDelivery;

describe('Qase Trigger webhook(): every documented event, both output modes', () => {
	describe.each(qaseEvents.map((e) => [e.name, e] as const))('%s', (name, event) => {
		const s = event.sample as QaseDelivery;

		it('outputs the payload with event, project_code, team_member_id and occurred_at (default)', async () => {
			const { items, recorded } = await deliver({ body: s });
			expect(recorded.status).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items![0]).toEqual({
				event: name,
				project_code: 'ID',
				team_member_id: s.team_member_id,
				occurred_at: iso(s.timestamp),
				...s.payload,
			});
			expect(payloadOutputSchema(event).safeParse(items![0]).success).toBe(true);
		});

		it('outputs the whole envelope, unchanged, when asked to', async () => {
			const { items } = await deliver({ body: s, params: { output: 'envelope' } });
			expect(items).toEqual([s]);
			expect(event.schema.safeParse(items![0]).success).toBe(true);
		});

		it('is taken when its entity is chosen with "all events", and when picked by name', async () => {
			expect(
				(await deliver({ body: s, params: { resource: event.group, events: ['*'] } })).items,
			).toHaveLength(1);
			expect(
				(await deliver({ body: s, params: { resource: event.group, events: [name] } })).items,
			).toHaveLength(1);
			expect(
				(await deliver({ body: s, params: { resource: 'all', events: [name] } })).items,
			).toHaveLength(1);
		});

		it('is acknowledged without an execution when not selected', async () => {
			const other = qaseEvents.find((e) => e.group === event.group && e.name !== name)!;
			const { result, recorded } = await deliver({
				body: s,
				params: { resource: event.group, events: [other.name] },
			});
			expect(result.workflowData).toBeUndefined();
			expect(recorded.status).toBe(200);
			expect(recorded.body).toEqual({ received: true, skipped: `event ${name} is not selected` });
		});
	});

	it('produces exactly the documented item for case.updated (hand-checked)', async () => {
		const { items } = await deliver({ body: sample('case.updated') });
		expect(items).toEqual([
			{
				event: 'case.updated',
				project_code: 'ID',
				team_member_id: 40,
				occurred_at: '2022-04-21T08:43:50.000Z',
				id: 1610,
			},
		]);
	});

	it('produces exactly the documented item for run.completed (hand-checked)', async () => {
		const { items } = await deliver({ body: sample('run.completed') });
		expect(items).toEqual([
			{
				event: 'run.completed',
				project_code: 'ID',
				team_member_id: 40,
				occurred_at: '2022-04-21T11:23:14.000Z',
				id: 2,
				cases: 14,
				passed: 0,
				failed: 0,
				blocked: 0,
				duration: 0,
			},
		]);
	});

	it('passes the documented variants through as delivered', async () => {
		const updated = sample('run.updated');
		updated.payload = { id: 1, cases_count: 14 };
		expect((await deliver({ body: updated })).items![0]).toMatchObject({
			event: 'run.updated',
			id: 1,
			cases_count: 14,
		});
		const aborted = sample('run.aborted');
		delete aborted.payload.skipped;
		aborted.payload.skiped = 3;
		aborted.payload.duration = 93000;
		expect((await deliver({ body: aborted })).items![0]).toMatchObject({
			skiped: 3,
			duration: 93000,
		});
	});

	it('keeps team_member_id 0 (an automation) and unknown fields', async () => {
		const s = sample('defect.resolved');
		s.team_member_id = 0;
		s.payload.resolved_by_bot = true;
		expect((await deliver({ body: s })).items![0]).toEqual({
			event: 'defect.resolved',
			project_code: 'ID',
			team_member_id: 0,
			occurred_at: iso(s.timestamp),
			id: 1,
			resolved_by_bot: true,
		});
	});
});

describe('selection', () => {
	it('"All Entities" with "All Events" takes every documented event', async () => {
		for (const e of qaseEvents) {
			const { items } = await deliver({
				body: e.sample,
				params: { resource: 'all', events: ['*'] },
			});
			expect(items).toHaveLength(1);
		}
	});

	it('an entity with "all events" takes its own events only', async () => {
		for (const e of qaseEvents) {
			const { items, recorded } = await deliver({
				body: e.sample,
				params: { resource: 'run', events: ['*'] },
			});
			if (e.group === 'run') expect(items).toHaveLength(1);
			else {
				expect(items).toBeUndefined();
				expect(recorded.status).toBe(200);
			}
		}
	});

	it('ignores a stale pick of another entity', async () => {
		const { items, recorded } = await deliver({
			body: sample('run.completed'),
			params: { resource: 'case', events: ['run.completed'] },
		});
		expect(items).toBeUndefined();
		expect(recorded.status).toBe(200);
	});

	it('defaults to everything when the parameters were never set', async () => {
		const verdict = receiveQase({}, Buffer.from(JSON.stringify(sample('plan.deleted'))), {
			resource: 'all',
			events: ['*'],
			output: 'payload',
		});
		expect(verdict.kind).toBe('accept');
	});
});

describe('secret (X-Qase-Secret)', () => {
	const body = sample('case.updated');

	it('accepts a delivery carrying the configured secret', async () => {
		const { items } = await deliver({
			body,
			credentials: withSecret,
			headers: { 'x-qase-secret': SECRET },
		});
		expect(items).toHaveLength(1);
	});

	it('reads the header case-insensitively', async () => {
		const { items } = await deliver({
			body,
			credentials: withSecret,
			headers: { 'X-Qase-Secret': SECRET },
		});
		expect(items).toHaveLength(1);
	});

	it.each([
		['a wrong secret', { 'x-qase-secret': 'not-the-secret' }],
		['the secret with a suffix', { 'x-qase-secret': `${SECRET}x` }],
		['a prefix of the secret', { 'x-qase-secret': SECRET.slice(0, -1) }],
		['no secret header', {}],
		['an empty secret header', { 'x-qase-secret': '' }],
		['the header twice', { 'x-qase-secret': [SECRET, SECRET] }],
	])('answers 401 and starts nothing for %s', async (_label, headers) => {
		const { result, recorded } = await deliver({ body, credentials: withSecret, headers });
		expect(result.workflowData).toBeUndefined();
		expect(result.noWebhookResponse).toBe(true);
		expect(recorded.status).toBe(401);
		expect(recorded.body).toEqual({ error: 'Unauthorized' });
	});

	it('checks the secret before looking at the body', async () => {
		const { recorded } = await deliver({
			raw: 'not json at all',
			credentials: withSecret,
			headers: { 'x-qase-secret': 'wrong' },
		});
		expect(recorded.status).toBe(401);
	});

	it('fails closed when the credential holds an empty secret', async () => {
		const { recorded } = await deliver({
			body,
			credentials: { qaseWebhookSecretApi: { secret: '  ' } },
			headers: { 'x-qase-secret': '  ' },
		});
		expect(recorded.status).toBe(401);
	});

	it('ignores whitespace around the stored secret (HTTP strips it from the header)', async () => {
		const { items } = await deliver({
			body,
			credentials: { qaseWebhookSecretApi: { secret: `${SECRET}\n` } },
			headers: { 'x-qase-secret': SECRET },
		});
		expect(items).toHaveLength(1);
	});

	it('accepts unauthenticated deliveries when no secret credential is set', async () => {
		const { items } = await deliver({ body, headers: { 'x-qase-secret': 'anything' } });
		expect(items).toHaveLength(1);
	});
});

describe('bodies that are not a Qase envelope: 400, no execution', () => {
	const envelope = sample('case.updated');
	it.each([
		['not JSON', '{"event_name": "case.updated",', 'Request body is not valid JSON'],
		['an array', JSON.stringify([envelope]), 'Request body must be a JSON object'],
		['a number', '42', 'Request body must be a JSON object'],
		['a string', '"case.updated"', 'Request body must be a JSON object'],
		['null', 'null', 'Request body must be a JSON object'],
		['empty', '', 'Request body is empty; expected a JSON object'],
		[
			'missing event_name',
			JSON.stringify({ ...envelope, event_name: undefined }),
			'Not a Qase webhook: the body has no "event_name" field',
		],
		[
			'a numeric event_name',
			JSON.stringify({ ...envelope, event_name: 7 }),
			'Not a Qase webhook: the body has no "event_name" field',
		],
		[
			'an empty event_name',
			JSON.stringify({ ...envelope, event_name: '' }),
			'Not a Qase webhook: the body has no "event_name" field',
		],
		[
			'no payload',
			JSON.stringify({ ...envelope, payload: undefined }),
			'Not a Qase webhook: "payload" must be a JSON object',
		],
		[
			'a null payload',
			JSON.stringify({ ...envelope, payload: null }),
			'Not a Qase webhook: "payload" must be a JSON object',
		],
		[
			'an array payload',
			JSON.stringify({ ...envelope, payload: [1610] }),
			'Not a Qase webhook: "payload" must be a JSON object',
		],
		[
			'a string payload',
			JSON.stringify({ ...envelope, payload: '1610' }),
			'Not a Qase webhook: "payload" must be a JSON object',
		],
	])('%s', async (_label, raw, message) => {
		const { result, recorded } = await deliver({ raw });
		expect(result.workflowData).toBeUndefined();
		expect(recorded.status).toBe(400);
		expect(recorded.body).toEqual({ error: message });
	});

	it('acknowledges an undocumented event (e.g. a test-run result event) without an execution', async () => {
		const { result, recorded } = await deliver({
			body: { ...envelope, event_name: 'result.created' },
		});
		expect(result.workflowData).toBeUndefined();
		expect(recorded.status).toBe(200);
		expect(recorded.body).toEqual({
			received: true,
			skipped: 'event result.created is not a documented Qase event',
		});
	});

	it('caps an unknown event name in the answer', async () => {
		const { recorded } = await deliver({ body: { ...envelope, event_name: 'x'.repeat(500) } });
		expect(recorded.status).toBe(200);
		expect(JSON.stringify(recorded.body).length).toBeLessThan(140);
	});

	it('answers 415 for a body declared as something other than JSON', async () => {
		const { result, recorded } = await deliver({
			body: envelope,
			headers: { 'content-type': 'text/plain' },
		});
		expect(result.workflowData).toBeUndefined();
		expect(recorded.status).toBe(415);
	});

	it('takes JSON with a charset', async () => {
		const { items } = await deliver({
			body: envelope,
			headers: { 'content-type': 'application/json; charset=utf-8' },
		});
		expect(items).toHaveLength(1);
	});
});

describe('occurred_at', () => {
	it('is ISO 8601 from unix seconds, reads milliseconds as such, and is null otherwise', () => {
		expect(isoFromUnix(1650530630)).toBe('2022-04-21T08:43:50.000Z');
		expect(isoFromUnix(1650530630123)).toBe('2022-04-21T08:43:50.123Z');
		expect(isoFromUnix('1650530630')).toBeNull();
		expect(isoFromUnix(undefined)).toBeNull();
		expect(isoFromUnix(-5)).toBeNull();
		expect(isoFromUnix(Number.MAX_VALUE)).toBeNull();
	});

	it('is null in the item when the delivery has no usable timestamp', async () => {
		const s = { ...sample('milestone.updated'), timestamp: 'yesterday' };
		expect((await deliver({ body: s })).items![0].occurred_at).toBeNull();
	});
});

describe('node description', () => {
	const props = node.description.properties;
	const resource = props.find((p) => p.name === 'resource')!;
	const eventsProps = props.filter((p) => p.name === 'events');
	const names = (p: INodeProperties) => (p.options as INodePropertyOptions[]).map((o) => o.name);

	it('offers each of the nine entities and "All Entities" as resource, sorted', () => {
		const values = (resource.options as INodePropertyOptions[]).map((o) => o.value);
		expect([...values].sort()).toEqual([...QASE_ENTITIES, 'all'].sort());
		expect(names(resource)).toEqual([...names(resource)].sort((a, b) => a.localeCompare(b)));
	});

	it('has one events picker per resource value, listing its events plus one "all" choice, sorted', () => {
		expect(eventsProps).toHaveLength(QASE_ENTITIES.length + 1);
		for (const p of eventsProps) {
			const [shownFor] = p.displayOptions!.show!.resource as string[];
			const expected = shownFor === 'all' ? qaseEvents : eventsOfEntity(shownFor as never);
			const values = (p.options as INodePropertyOptions[]).map((o) => o.value);
			expect([...values].sort()).toEqual(['*', ...expected.map((e) => e.name)].sort());
			expect(names(p)).toEqual([...names(p)].sort((a, b) => a.localeCompare(b)));
			expect(p.default).toEqual(['*']);
		}
	});

	it('is a POST webhook answered on receipt, with the secret credential optional', () => {
		expect(node.description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		]);
		expect(node.description.inputs).toEqual([]);
		const creds = node.description.credentials!;
		expect(creds.find((c) => c.name === 'qaseWebhookSecretApi')).toMatchObject({
			required: false,
			testedBy: 'checkQaseWebhookSecret',
		});
		expect(creds.find((c) => c.name === 'qaseTestOpsApi')).toMatchObject({
			displayOptions: { hide: { resolveRecord: [false] } },
		});
		expect(node.description.usableAsTool).toBeUndefined();
	});

	it('tells the user how to set the webhook up in Qase', () => {
		const notice = props.find((p) => p.type === 'notice')!;
		expect(notice.displayName).toContain('Project Settings > Webhooks');
		expect(notice.displayName).toContain('Production URL');
		expect(notice.displayName).toContain('accepted unauthenticated');
	});

	it('has nothing to register on activation (Qase has no webhook API)', async () => {
		const hooks = node.webhookMethods.default;
		const ctx = { getNode: () => ({ credentials: {} }) } as never;
		await expect(hooks.checkExists.call(ctx)).resolves.toBe(true);
		await expect(hooks.create.call(ctx)).resolves.toBe(true);
		await expect(hooks.delete.call(ctx)).resolves.toBe(true);
	});
});

describe('webhook secret credential test', () => {
	const check = (secret: unknown) =>
		node.methods.credentialTest.checkQaseWebhookSecret.call({} as never, {
			id: '1',
			name: 'x',
			type: 'qaseWebhookSecretApi',
			data: { secret } as never,
		});

	it.each([
		['empty', ''],
		['only whitespace', '   '],
		['missing', undefined],
		['too short', 'short'],
		['not ASCII', 'sécret-long-enough-1234'],
		['with a newline inside', 'abcdefgh\nijklmnop'],
	])('refuses a secret that is %s', async (_label, secret) => {
		expect((await check(secret)).status).toBe('Error');
	});

	it('accepts a long printable secret', async () => {
		expect(await check(SECRET)).toEqual({ status: 'OK', message: 'Secret is usable' });
	});
});

describe('Payload with Context keeps every payload key as data (issue 10 item 7)', () => {
	const names = [
		'constructor',
		'toString',
		'hasOwnProperty',
		'valueOf',
		'__proto__',
		'isPrototypeOf',
	];
	it.each(names)('a payload key named %s is passed through', async (name) => {
		const envelope = {
			event_name: 'case.updated',
			timestamp: 1650530630,
			project_code: 'ID',
			team_member_id: 1,
			payload: {} as Record<string, unknown>,
		};
		const raw = JSON.stringify(envelope).replace(
			'"payload":{}',
			`"payload":{"id":1610,"${name}":{"polluted":true}}`,
		);
		const { items } = await deliver({ raw });
		expect(Object.prototype.hasOwnProperty.call(items![0], name)).toBe(true);
		expect(Object.getOwnPropertyDescriptor(items![0], name)!.value).toEqual({ polluted: true });
		expect(items![0].id).toBe(1610);
		expect(Object.getPrototypeOf(items![0])).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.prototype).not.toHaveProperty('polluted');
	});

	it('the context fields still win over payload fields of the same name', async () => {
		const { items } = await deliver({
			body: {
				event_name: 'case.updated',
				timestamp: 1,
				project_code: 'ID',
				team_member_id: 1,
				payload: { id: 1, event: 'x', project_code: 'Y' },
			},
		});
		expect(items![0]).toMatchObject({ event: 'case.updated', project_code: 'ID', id: 1 });
	});
});

describe('nesting limit (issue 10 item 6)', () => {
	it('a delivery nested 20,000 arrays deep gets 400 and starts nothing', async () => {
		const raw = `{"event_name":"case.updated","timestamp":1,"project_code":"ID","team_member_id":1,"payload":{"id":1,"x":${'['.repeat(20000)}${']'.repeat(20000)}}}`;
		const { result, recorded } = await deliver({ raw });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(recorded).toMatchObject({
			status: 400,
			body: { error: 'Request body is nested deeper than 32 levels' },
		});
	});
});
