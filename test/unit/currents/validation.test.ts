import { FieldError } from '../../../nodes/shared/errors';
import {
	checkEvents,
	checkHookId,
	checkLabel,
	checkProjectId,
	checkUrl,
	encodeHeaders,
} from '../../../nodes/Currents/validation';

function fieldError(fn: () => unknown): FieldError {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(FieldError);
	return caught as FieldError;
}

describe('Currents input checks', () => {
	it('checkProjectId: trims, and refuses empty or malformed IDs', () => {
		expect(checkProjectId(' proj_abc-1 ')).toBe('proj_abc-1');
		expect(() => checkProjectId('')).toThrow('Project is required');
		expect(() => checkProjectId('proj abc')).toThrow('is not a valid project ID');
		expect(() => checkProjectId('p?x=1')).toThrow(FieldError);
	});

	test('URL must be http(s) and at most 2048 characters', () => {
		expect(checkUrl(' https://example.com/hook ')).toBe('https://example.com/hook');
		expect(checkUrl('http://127.0.0.1:5678/webhook/x')).toBe('http://127.0.0.1:5678/webhook/x');
		expect(fieldError(() => checkUrl('ftp://example.com')).message).toBe(
			'URL must use http or https, got "ftp:"',
		);
		expect(fieldError(() => checkUrl('not a url')).field).toBe('URL');
		expect(fieldError(() => checkUrl('')).message).toBe('URL is required');
		const long = `https://example.com/${'a'.repeat(2048)}`;
		expect(fieldError(() => checkUrl(long)).message).toContain('at most 2048 characters');
		expect(checkUrl(`https://example.com/${'a'.repeat(2048 - 20)}`)).toHaveLength(2048);
	});

	test('headers become a JSON object string of at most 4096 characters', () => {
		expect(
			encodeHeaders([
				{ name: 'X-Token', value: 'abc' },
				{ name: 'x-team', value: 7 },
			]),
		).toBe('{"X-Token":"abc","x-team":"7"}');
		expect(encodeHeaders([])).toBeNull();
		expect(fieldError(() => encodeHeaders([{ name: 'bad header', value: 'x' }])).message).toContain(
			'not a valid HTTP header name',
		);
		expect(
			fieldError(() =>
				encodeHeaders([
					{ name: 'A', value: '1' },
					{ name: 'a', value: '2' },
				]),
			).message,
		).toContain('more than once');
		const big = fieldError(() => encodeHeaders([{ name: 'x', value: 'v'.repeat(4096) }]));
		expect(big.field).toBe('Headers');
		expect(big.message).toContain('at most 4096');
	});

	test('label must be 1 to 255 characters', () => {
		expect(checkLabel('CI')).toBe('CI');
		expect(checkLabel('l'.repeat(255))).toHaveLength(255);
		expect(fieldError(() => checkLabel('')).message).toBe(
			'Label must be 1 to 255 characters (it has 0)',
		);
		expect(fieldError(() => checkLabel('l'.repeat(256))).message).toBe(
			'Label must be 1 to 255 characters (it has 256)',
		);
	});

	test('hookId must be a UUID', () => {
		expect(checkHookId('550e8400-e29b-41d4-a716-446655440000')).toBe(
			'550e8400-e29b-41d4-a716-446655440000',
		);
		expect(fieldError(() => checkHookId('550e8400')).message).toBe(
			'Webhook ID must be a UUID, got "550e8400"',
		);
		expect(fieldError(() => checkHookId('../projects')).field).toBe('Webhook ID');
	});

	test('events must be known and non-empty', () => {
		expect(checkEvents(['RUN_START', 'RUN_START', 'RUN_FINISH'])).toEqual([
			'RUN_START',
			'RUN_FINISH',
		]);
		expect(fieldError(() => checkEvents([])).message).toBe('Events: select at least one event');
		expect(fieldError(() => checkEvents(['RUN_PAUSED'])).message).toBe(
			'Events: unknown event RUN_PAUSED',
		);
	});
});
