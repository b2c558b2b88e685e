import { currentsEvents } from '../../../nodes/Currents/catalog';
import { openlayerEvents } from '../../../nodes/Openlayer/catalog';
import { qaseEvents } from '../../../nodes/Qase/catalog';
import { receiveCurrents } from '../../../nodes/Currents/receive';
import { receiveOpenlayer } from '../../../nodes/Openlayer/receive';
import { receiveQase } from '../../../nodes/Qase/receive';
import {
	bodyParsedByN8n,
	isJsonContentType,
	MAX_JSON_DEPTH,
	nestsDeeperThan,
	parseJsonObject,
	valueNestsDeeperThan,
} from '../../../nodes/shared/delivery';
import { signStandardWebhook } from '../../helpers/standardWebhooks';

describe('parseJsonObject', () => {
	test.each([
		['{"a":1}', { ok: true, value: { a: 1 } }],
		['', { ok: false, message: 'Request body is empty; expected a JSON object' }],
		['{"a":', { ok: false, message: 'Request body is not valid JSON' }],
		['[1,2]', { ok: false, message: 'Request body must be a JSON object' }],
		['42', { ok: false, message: 'Request body must be a JSON object' }],
		['null', { ok: false, message: 'Request body must be a JSON object' }],
		['"text"', { ok: false, message: 'Request body must be a JSON object' }],
	])('%s', (raw, expected) => {
		expect(parseJsonObject(Buffer.from(raw))).toEqual(expected);
	});

	test('a missing body is refused', () => {
		expect(parseJsonObject(undefined).ok).toBe(false);
	});
});

describe('isJsonContentType', () => {
	test.each([
		['application/json', true],
		['application/json; charset=utf-8', true],
		['Application/JSON', true],
		['application/cloudevents+json', true],
		[undefined, true],
		['text/plain', false],
		['application/x-www-form-urlencoded', false],
		['multipart/form-data; boundary=x', false],
	])('%s -> %s', (value, expected) => {
		expect(isJsonContentType(value)).toBe(expected);
	});
});

describe('nesting limit (issue 10 item 6)', () => {
	const nested = (depth: number, open = '[', close = ']') =>
		`{"a":${open.repeat(depth - 1)}${close.repeat(depth - 1)}}`;

	test(`a body ${MAX_JSON_DEPTH} levels deep is accepted, one level more is refused`, () => {
		expect(parseJsonObject(Buffer.from(nested(MAX_JSON_DEPTH))).ok).toBe(true);
		expect(parseJsonObject(Buffer.from(nested(MAX_JSON_DEPTH + 1)))).toEqual({
			ok: false,
			message: `Request body is nested deeper than ${MAX_JSON_DEPTH} levels`,
		});
		expect(
			parseJsonObject(
				Buffer.from(`{"a":${'{"b":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}}`),
			).ok,
		).toBe(false);
	});

	test('20,000 and 1,000,000 levels are refused without a stack overflow (no recursion, no parse)', () => {
		expect(parseJsonObject(Buffer.from(nested(20000))).ok).toBe(false);
		expect(nestsDeeperThan(Buffer.from('['.repeat(1_000_000)), MAX_JSON_DEPTH)).toBe(true);
	});

	test('brackets inside strings, escaped quotes included, do not count', () => {
		const deepText = '['.repeat(500);
		expect(
			parseJsonObject(
				Buffer.from(JSON.stringify({ a: deepText, b: `x\\"${deepText}`, c: '\\', d: [[1]] })),
			),
		).toMatchObject({ ok: true });
		expect(nestsDeeperThan(Buffer.from(JSON.stringify({ s: '"[[[[' })), 2)).toBe(false);
	});

	test('every documented example of the three vendors is well inside the limit', () => {
		for (const sample of [...qaseEvents, ...currentsEvents, ...openlayerEvents].map(
			(e) => e.sample,
		)) {
			expect(nestsDeeperThan(Buffer.from(JSON.stringify(sample)), 8)).toBe(false);
		}
	});
});

describe("n8n's parse of the body (bodyParsedByN8n)", () => {
	const body = { a: 1 };
	test.each([
		['application/json', body, body],
		['application/json; charset=utf-8', body, body],
		['Application/JSON', body, body],
		// n8n compares the type as it is before the `;`, untrimmed, and parses nothing else.
		['application/json ; charset=utf-8', body, undefined],
		['application/cloudevents+json', body, undefined],
		['text/plain', body, undefined],
		[undefined, body, undefined],
		[['application/json'], body, undefined],
		['application/json', [body], undefined],
		['application/json', 'text', undefined],
		['application/json', null, undefined],
		['application/json', undefined, undefined],
		['application/json', new Date(0), undefined],
	])('%j with %j -> %j', (contentType, parsed, expected) => {
		expect(bodyParsedByN8n(contentType, parsed)).toBe(expected);
	});

	test('is taken as it is (no second parse), after the checks on the raw bytes', () => {
		const raw = Buffer.from(JSON.stringify(body));
		const parsed = { a: 1 };
		const result = parseJsonObject(raw, parsed);
		expect(result.ok && result.value).toBe(parsed);
		expect(parseJsonObject(Buffer.alloc(0), parsed).ok).toBe(false);
		expect(parseJsonObject(undefined, parsed).ok).toBe(false);
	});

	test('is held to the same nesting limit as the raw bytes', () => {
		const deep = (levels: number) => {
			let value: unknown = 1;
			for (let i = 1; i < levels; i++) value = i % 2 ? [value] : { k: value };
			return { top: value };
		};
		for (const levels of [1, 2, MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1, 100]) {
			const value = deep(levels);
			const raw = Buffer.from(JSON.stringify(value));
			expect(valueNestsDeeperThan(value, MAX_JSON_DEPTH)).toBe(
				nestsDeeperThan(raw, MAX_JSON_DEPTH),
			);
			expect(parseJsonObject(raw, value)).toEqual(parseJsonObject(raw));
		}
		expect(valueNestsDeeperThan({ a: [], b: {} }, 1)).toBe(true);
		expect(valueNestsDeeperThan({ a: 1, b: 'x' }, 1)).toBe(false);
		// Built without recursion, walked without recursion.
		expect(valueNestsDeeperThan(deep(200_000), MAX_JSON_DEPTH)).toBe(true);
	});

	test('each trigger passes on the object n8n parsed, not a copy of its own', () => {
		const openlayer = openlayerEvents[0].sample;
		const raw = Buffer.from(JSON.stringify(openlayer));
		const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
		const now = 1_800_000_000;
		const headers = {
			'content-type': 'application/json',
			'webhook-id': 'msg_1',
			'webhook-timestamp': String(now),
			'webhook-signature': signStandardWebhook(Buffer.alloc(32, 7), 'msg_1', now, raw),
		};
		const parsed = JSON.parse(raw.toString()) as Record<string, unknown>;
		const decided = receiveOpenlayer(headers, raw, {
			secrets: [secret],
			toleranceSeconds: 300,
			events: ['*'],
			now,
			parsedBody: parsed,
		});
		expect(decided.verdict.kind === 'accept' && decided.verdict.items[0]).toBe(parsed);

		const currents = currentsEvents[0].sample;
		const currentsRaw = Buffer.from(JSON.stringify(currents));
		const currentsParsed = JSON.parse(currentsRaw.toString()) as Record<string, unknown>;
		const currentsVerdict = receiveCurrents({ 'content-type': 'application/json' }, currentsRaw, {
			secretRequired: false,
			toleranceSeconds: 300,
			events: [currentsEvents[0].name],
			parsedBody: currentsParsed,
		});
		expect(currentsVerdict.kind === 'accept' && currentsVerdict.items[0]).toBe(currentsParsed);

		const qase = qaseEvents[0].sample;
		const qaseRaw = Buffer.from(JSON.stringify(qase));
		const qaseParsed = JSON.parse(qaseRaw.toString()) as Record<string, unknown>;
		const qaseVerdict = receiveQase({ 'content-type': 'application/json' }, qaseRaw, {
			resource: 'all',
			events: ['*'],
			output: 'envelope',
			parsedBody: qaseParsed,
		});
		expect(qaseVerdict.kind === 'accept' && qaseVerdict.items[0]).toBe(qaseParsed);

		// Without n8n's parse (another JSON media type), the trigger parses the bytes itself.
		const own = receiveOpenlayer(
			{ ...headers, 'content-type': 'application/cloudevents+json' },
			raw,
			{
				secrets: [secret],
				toleranceSeconds: 300,
				events: ['*'],
				now,
				parsedBody: parsed,
			},
		);
		expect(own.verdict.kind === 'accept' && own.verdict.items[0]).not.toBe(parsed);
		expect(own.verdict.kind === 'accept' && own.verdict.items[0]).toEqual(parsed);
	});
});
