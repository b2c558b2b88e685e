import { currentsEvents } from '../../../nodes/Currents/catalog';
import { openlayerEvents } from '../../../nodes/Openlayer/catalog';
import { qaseEvents } from '../../../nodes/Qase/catalog';
import {
	isJsonContentType,
	MAX_JSON_DEPTH,
	nestsDeeperThan,
	parseJsonObject,
} from '../../../nodes/shared/delivery';

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
