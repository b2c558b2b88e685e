import { redactHeaders, REDACTED } from '../../../nodes/shared/headers';

describe('redactHeaders', () => {
	test('keeps ordinary headers, lower-cases names, joins repeated values', () => {
		expect(
			redactHeaders({
				'Content-Type': 'application/json',
				'X-Forwarded-For': ['1.1.1.1', '2.2.2.2'],
				skipped: undefined,
			}),
		).toEqual({
			'content-type': 'application/json',
			'x-forwarded-for': '1.1.1.1, 2.2.2.2',
		});
	});

	test.each([
		'authorization',
		'Proxy-Authorization',
		'cookie',
		'x-qase-secret',
		'x-webhook-secret',
		'webhook-signature',
		'x-api-key',
		'x-hub-signature-256',
		'x-my-token',
		'x-ci-password',
	])('hides %s', (name) => {
		const out = redactHeaders({ [name]: 'value-that-must-not-leak' });
		expect(Object.values(out)).toEqual([REDACTED]);
	});

	test('hides a header configured as the secret even when its name looks harmless', () => {
		expect(redactHeaders({ 'x-team': 'qa', 'x-ci-key': 'k' }, ['X-CI-KEY'])).toEqual({
			'x-team': 'qa',
			'x-ci-key': REDACTED,
		});
	});
});
