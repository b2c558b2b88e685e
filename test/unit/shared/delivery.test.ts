import { isJsonContentType, parseJsonObject } from '../../../nodes/shared/delivery';

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
