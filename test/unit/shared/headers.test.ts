import { headerNamesOf, redactHeaders } from '../../../nodes/shared/headers';
import { REDACTED } from '../../../nodes/shared/redact';

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

	test('hides a header configured as the secret even when its name looks harmless, or is named to show', () => {
		expect(
			redactHeaders({ 'x-team': 'qa', 'x-ci-key': 'k' }, ['X-CI-KEY'], ['x-team', 'x-ci-key']),
		).toEqual({
			'x-team': 'qa',
			'x-ci-key': REDACTED,
		});
	});

	// Issue 22 item 7: the headers proxies and senders add for access, which a deny-list missed.
	test.each([
		'cf-access-jwt-assertion',
		'x-goog-iap-jwt-assertion',
		'x-forwarded-client-cert',
		'x-custom-gate',
		'x-team',
	])('hides %s, which is not known to be harmless, unless named', (name) => {
		expect(redactHeaders({ [name]: 'eyJhbGciOi.value-that-must-not-leak' })).toEqual({
			[name]: REDACTED,
		});
		expect(redactHeaders({ [name]: 'shown' }, [], [name.toUpperCase()])).toEqual({
			[name]: 'shown',
		});
	});

	test('headerNamesOf reads the Headers to Show option', () => {
		expect(headerNamesOf(' X-CI-Job, x-github-event  x-team,,')).toEqual([
			'x-ci-job',
			'x-github-event',
			'x-team',
		]);
		expect(headerNamesOf(undefined)).toEqual([]);
	});
});
