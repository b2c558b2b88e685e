import { currentsEvents } from '../../../nodes/Currents/catalog';
import { receiveCurrents, type CurrentsReceiveSettings } from '../../../nodes/Currents/receive';

const NOW = 1_800_000_000;
const SECRET = 'a'.repeat(64);
const settings: CurrentsReceiveSettings = {
	secret: { header: 'x-webhook-secret', value: SECRET },
	secretRequired: true,
	toleranceSeconds: 300,
	events: ['RUN_START', 'RUN_FINISH', 'RUN_TIMEOUT', 'RUN_CANCELED'],
	now: NOW,
};
const good = {
	'x-webhook-secret': SECRET,
	'x-timestamp': String(NOW * 1000),
	'content-type': 'application/json',
};
const body = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('receiveCurrents', () => {
	test.each(currentsEvents.map((e) => [e.name, e.sample] as const))(
		'%s sample is accepted and output unchanged',
		(_name, sample) => {
			expect(receiveCurrents(good, body(sample), settings)).toEqual({
				kind: 'accept',
				items: [sample],
			});
		},
	);

	const unauthorized = { kind: 'reject', status: 401, error: 'Unauthorized' };
	test.each([
		['wrong secret', { ...good, 'x-webhook-secret': 'b'.repeat(64) }],
		['missing secret', { 'x-timestamp': good['x-timestamp'] }],
		['secret in another header', { 'x-other': SECRET, 'x-timestamp': good['x-timestamp'] }],
		['stale timestamp (ms)', { ...good, 'x-timestamp': String((NOW - 301) * 1000) }],
		['future timestamp (s)', { ...good, 'x-timestamp': String(NOW + 301) }],
		['malformed timestamp', { ...good, 'x-timestamp': '12:00' }],
	])('%s -> 401', (_label, headers) => {
		expect(receiveCurrents(headers, body(currentsEvents[0].sample), settings)).toEqual(
			unauthorized,
		);
	});

	test('authentication is decided before the body is read', () => {
		expect(receiveCurrents({}, Buffer.from('not json'), settings)).toEqual(unauthorized);
	});

	test('automatic mode without a stored secret fails closed', () => {
		expect(
			receiveCurrents(good, body(currentsEvents[0].sample), { ...settings, secret: undefined }),
		).toEqual(unauthorized);
	});

	test('manual mode without a secret accepts unauthenticated deliveries; no timestamp is fine', () => {
		const open = { ...settings, secret: undefined, secretRequired: false };
		expect(receiveCurrents({}, body(currentsEvents[0].sample), open).kind).toBe('accept');
	});

	test.each([
		['not JSON', Buffer.from('{"event":'), 400, 'Request body is not valid JSON'],
		['empty', Buffer.alloc(0), 400, 'Request body is empty; expected a JSON object'],
		['array', body([currentsEvents[0].sample]), 400, 'Request body must be a JSON object'],
		['scalar', body(7), 400, 'Request body must be a JSON object'],
		[
			'no event',
			body({ runUrl: 'x' }),
			400,
			'Not a Currents webhook: the body has no "event" field',
		],
		[
			'unknown event',
			body({ event: 'RUN_PAUSED' }),
			400,
			'Unknown Currents event "RUN_PAUSED"; expected one of RUN_START, RUN_FINISH, RUN_TIMEOUT, RUN_CANCELED',
		],
	])('%s -> %s', (_label, raw, status, error) => {
		expect(receiveCurrents(good, raw, settings)).toEqual({ kind: 'reject', status, error });
	});

	test('a non-JSON content type gets 415', () => {
		expect(
			receiveCurrents(
				{ ...good, 'content-type': 'text/plain' },
				body(currentsEvents[0].sample),
				settings,
			),
		).toEqual({
			kind: 'reject',
			status: 415,
			error: 'Content-Type must be application/json',
		});
	});

	test('an event that is not selected is skipped', () => {
		const sample = currentsEvents.find((e) => e.name === 'RUN_TIMEOUT')!.sample;
		expect(receiveCurrents(good, body(sample), { ...settings, events: ['RUN_FINISH'] })).toEqual({
			kind: 'skip',
			reason: 'event RUN_TIMEOUT is not selected',
		});
	});
});
