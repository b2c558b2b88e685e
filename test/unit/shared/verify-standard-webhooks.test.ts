/**
 * The Standard Webhooks part of the shared verify kit, against the spec, the official test vector
 * (standard-webhooks/standard-webhooks test suites) and the reference JavaScript library.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

import {
	decodeSigningSecret,
	DEFAULT_TOLERANCE_SECONDS,
	verifyStandardWebhook,
	type HeaderBag,
} from '../../../nodes/shared/verify';
import { signStandardWebhook } from '../../helpers/standardWebhooks';

import VECTOR from '../../fixtures/standard-webhooks-vector.json';

const vectorHeaders = (overrides: HeaderBag = {}): HeaderBag => ({
	'webhook-id': VECTOR.id,
	'webhook-timestamp': String(VECTOR.timestamp),
	'webhook-signature': VECTOR.signature,
	...overrides,
});

function verifyVector(
	overrides: {
		headers?: HeaderBag;
		body?: string | Buffer;
		secrets?: string[];
		now?: number;
		toleranceSeconds?: number;
	} = {},
) {
	return verifyStandardWebhook({
		headers: overrides.headers ?? vectorHeaders(),
		rawBody: Buffer.isBuffer(overrides.body)
			? overrides.body
			: Buffer.from(overrides.body ?? VECTOR.payload),
		secrets: overrides.secrets ?? [VECTOR.secret],
		now: overrides.now ?? VECTOR.timestamp,
		toleranceSeconds: overrides.toleranceSeconds,
	});
}

const sigOnly = (header: string) => header.slice('v1,'.length);

describe('official test vector', () => {
	it('verifies with the clock injected at the vector timestamp', () => {
		expect(verifyVector()).toEqual({ ok: true, id: VECTOR.id, timestamp: VECTOR.timestamp });
	});

	it('is reproduced exactly by signStandardWebhook', () => {
		const key = decodeSigningSecret(VECTOR.secret)!;
		expect(signStandardWebhook(key, VECTOR.id, VECTOR.timestamp, VECTOR.payload)).toBe(
			VECTOR.signature,
		);
		expect(
			signStandardWebhook(key, VECTOR.id, String(VECTOR.timestamp), Buffer.from(VECTOR.payload)),
		).toBe(VECTOR.signature);
	});

	it('is refused with the real clock (the timestamp is years old)', () => {
		const result = verifyStandardWebhook({
			headers: vectorHeaders(),
			rawBody: Buffer.from(VECTOR.payload),
			secrets: [VECTOR.secret],
		});
		expect(result).toEqual({ ok: false, reason: 'stale-timestamp' });
	});

	it('is also what the reference library computes and accepts at that time', () => {
		const wh = new Webhook(VECTOR.secret);
		expect(wh.sign(VECTOR.id, new Date(VECTOR.timestamp * 1000), VECTOR.payload)).toBe(
			VECTOR.signature,
		);
		jest.useFakeTimers({ now: VECTOR.timestamp * 1000 });
		try {
			expect(wh.verify(VECTOR.payload, vectorHeaders() as Record<string, string>)).toEqual({
				test: 2432232314,
			});
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('signature header', () => {
	it('accepts a header listing several signatures when any v1 matches, wherever it stands', () => {
		const bogus = 'v1,' + Buffer.alloc(32, 7).toString('base64');
		for (const header of [
			`${bogus} ${VECTOR.signature}`,
			`${VECTOR.signature} ${bogus}`,
			`v2,abc ${bogus} ${VECTOR.signature} v1a,xyz`,
			`  ${VECTOR.signature}   ${bogus} `,
		]) {
			expect(
				verifyVector({ headers: vectorHeaders({ 'webhook-signature': header }) }),
			).toMatchObject({ ok: true });
		}
	});

	it('refuses when no listed v1 signature matches', () => {
		const other = 'v1,' + Buffer.alloc(32, 1).toString('base64');
		expect(
			verifyVector({ headers: vectorHeaders({ 'webhook-signature': `${other} ${other}` }) }),
		).toEqual({
			ok: false,
			reason: 'bad-signature',
		});
	});

	it('ignores other versions: a valid MAC under v2 (or V1, v1a) alone is refused', () => {
		const mac = sigOnly(VECTOR.signature);
		for (const header of [`v2,${mac}`, `V1,${mac}`, `v1a,${mac}`, `v1 ${mac}`, `v1=${mac}`, mac]) {
			expect(verifyVector({ headers: vectorHeaders({ 'webhook-signature': header }) })).toEqual({
				ok: false,
				reason: 'no-signature',
			});
		}
	});

	it('refuses an empty signature (empty header, "v1," alone, blanks)', () => {
		for (const header of ['', 'v1,', '   ', 'v1, ', 'v1,  v1,']) {
			expect(
				verifyVector({ headers: vectorHeaders({ 'webhook-signature': header }) }),
			).toMatchObject({ ok: false });
		}
		expect(verifyVector({ headers: vectorHeaders({ 'webhook-signature': 'v1,' }) })).toEqual({
			ok: false,
			reason: 'no-signature',
		});
	});

	it('compares the exact base64 text: altered spellings of a valid MAC are refused', () => {
		const mac = sigOnly(VECTOR.signature);
		const variants = [
			mac.replace(/=+$/, ''), // unpadded
			mac.replace(/\+/g, '-').replace(/\//g, '_'), // URL-safe alphabet
			`${mac}junk`,
			`${mac.slice(0, 10)}!!${mac.slice(10)}`,
			`${mac},extra`,
			// Same length and the same low byte in every character (what a latin1 comparison would see).
			`${String.fromCharCode(mac.charCodeAt(0) + 0x100)}${mac.slice(1)}`,
		];
		for (const v of variants) {
			// Node's decoder maps every one of these to the same bytes as the valid signature.
			expect(verifyVector({ headers: vectorHeaders({ 'webhook-signature': `v1,${v}` }) })).toEqual({
				ok: false,
				reason: 'bad-signature',
			});
		}
	});
});

describe('secrets', () => {
	it('accepts the secret with or without the whsec_ prefix', () => {
		expect(verifyVector({ secrets: [VECTOR.secret.slice('whsec_'.length)] })).toMatchObject({
			ok: true,
		});
		expect(verifyVector({ secrets: [`  ${VECTOR.secret}\n`] })).toMatchObject({ ok: true });
	});

	it('accepts a padded secret with or without its padding, and in the URL-safe alphabet', () => {
		let key = randomBytes(16);
		while (!/[+/]/.test(key.toString('base64'))) key = randomBytes(16);
		const padded = key.toString('base64');
		expect(padded.endsWith('==')).toBe(true);
		const id = 'msg_rotation';
		const ts = 1700000000;
		const body = '{"type":"test.deleted"}';
		const signature = new Webhook(`whsec_${padded}`).sign(id, new Date(ts * 1000), body);
		const headers = {
			'webhook-id': id,
			'webhook-timestamp': String(ts),
			'webhook-signature': signature,
		};
		for (const secret of [
			`whsec_${padded}`,
			`whsec_${padded.replace(/=+$/, '')}`,
			padded.replace(/=+$/, ''),
			`whsec_${padded.replace(/\+/g, '-').replace(/\//g, '_')}`,
		]) {
			expect(
				verifyStandardWebhook({ headers, rawBody: Buffer.from(body), secrets: [secret], now: ts }),
			).toMatchObject({
				ok: true,
			});
		}
	});

	it('accepts deliveries signed with either the current or the previous secret (rotation)', () => {
		const current = `whsec_${randomBytes(24).toString('base64')}`;
		const previous = VECTOR.secret;
		const third = `whsec_${randomBytes(24).toString('base64')}`;
		const sign = (secret: string) =>
			new Webhook(secret).sign(VECTOR.id, new Date(VECTOR.timestamp * 1000), VECTOR.payload);
		for (const signer of [current, previous]) {
			expect(
				verifyVector({
					headers: vectorHeaders({ 'webhook-signature': sign(signer) }),
					secrets: [current, previous],
				}),
			).toMatchObject({ ok: true });
		}
		expect(
			verifyVector({
				headers: vectorHeaders({ 'webhook-signature': sign(third) }),
				secrets: [current, previous],
			}),
		).toEqual({ ok: false, reason: 'bad-signature' });
		// Openlayer-side rotation: both signatures in one header.
		expect(
			verifyVector({
				headers: vectorHeaders({ 'webhook-signature': `${sign(third)} ${sign(current)}` }),
				secrets: [current],
			}),
		).toMatchObject({ ok: true });
	});

	it('ignores an undecodable secret next to a good one, and fails closed when none decodes', () => {
		expect(verifyVector({ secrets: ['whsec_!!!', VECTOR.secret] })).toMatchObject({ ok: true });
		for (const secrets of [
			[],
			[''],
			['whsec_'],
			['whsec_***'],
			['abcde'],
			['=abc'],
			['ab=c'],
			['abc=='],
		]) {
			expect(verifyVector({ secrets })).toEqual({ ok: false, reason: 'invalid-secret' });
		}
	});

	it('decodeSigningSecret keeps exactly the base64 bytes', () => {
		expect(decodeSigningSecret(VECTOR.secret)).toEqual(
			Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'),
		);
		expect(decodeSigningSecret('whsec_YWJj')).toEqual(Buffer.from('abc'));
		expect(decodeSigningSecret('YWI')).toEqual(Buffer.from('ab'));
		expect(decodeSigningSecret('YWI=')).toEqual(Buffer.from('ab'));
		expect(decodeSigningSecret('YQ==')).toEqual(Buffer.from('a'));
		expect(decodeSigningSecret('YQ=')).toBeUndefined();
		expect(decodeSigningSecret('Y')).toBeUndefined();
	});
});

describe('signing keys kept per process', () => {
	const id = 'msg_keys';
	const ts = 1700000000;
	const body = Buffer.from('{"type":"test.deleted"}');
	const signed = (secret: string) => ({
		'webhook-id': id,
		'webhook-timestamp': String(ts),
		'webhook-signature': signStandardWebhook(decodeSigningSecret(secret)!, id, ts, body),
	});
	const verify = (headers: HeaderBag, secrets: string[]) =>
		verifyStandardWebhook({ headers, rawBody: body, secrets, now: ts }).ok;

	it('every secret of more than the cache holds verifies its own deliveries and no other', () => {
		const secrets = Array.from({ length: 40 }, () => `whsec_${randomBytes(24).toString('base64')}`);
		for (let round = 0; round < 2; round++) {
			secrets.forEach((secret, i) => {
				expect(verify(signed(secret), [secret])).toBe(true);
				expect(verify(signed(secret), [secrets[(i + 1) % secrets.length]])).toBe(false);
			});
		}
	});

	it('a refused secret stays refused when asked again, and does not hide a valid one beside it', () => {
		const good = `whsec_${randomBytes(24).toString('base64')}`;
		for (let round = 0; round < 2; round++) {
			expect(
				verifyStandardWebhook({
					headers: signed(good),
					rawBody: body,
					secrets: ['whsec_AA=='],
					now: ts,
				}),
			).toEqual({ ok: false, reason: 'invalid-secret' });
			expect(verify(signed(good), ['whsec_AA==', good])).toBe(true);
		}
	});
});

describe('body', () => {
	it('refuses a tampered body: one changed digit, re-serialised JSON, an extra newline, an empty body', () => {
		for (const body of [
			'{"test": 2432232315}',
			JSON.stringify(JSON.parse(VECTOR.payload)),
			`${VECTOR.payload}\n`,
			'',
		]) {
			expect(verifyVector({ body })).toEqual({ ok: false, reason: 'bad-signature' });
		}
	});

	it('refuses the vector signature under another id or timestamp', () => {
		expect(verifyVector({ headers: vectorHeaders({ 'webhook-id': 'msg_other' }) })).toEqual({
			ok: false,
			reason: 'bad-signature',
		});
		expect(
			verifyVector({
				headers: vectorHeaders({ 'webhook-timestamp': String(VECTOR.timestamp + 1) }),
			}),
		).toEqual({ ok: false, reason: 'bad-signature' });
	});

	it('signs the raw bytes, so bodies that are not valid UTF-8 still verify exactly', () => {
		const key = decodeSigningSecret(VECTOR.secret)!;
		const raw = Buffer.concat([
			Buffer.from('{"x":"'),
			Buffer.from([0xff, 0xfe, 0xc3]),
			Buffer.from('"}'),
		]);
		const headers = vectorHeaders({
			'webhook-signature': signStandardWebhook(key, VECTOR.id, VECTOR.timestamp, raw),
		});
		expect(verifyVector({ headers, body: raw })).toMatchObject({ ok: true });
		const decodedAndReencoded = Buffer.from(raw.toString('utf8'));
		expect(verifyVector({ headers, body: decodedAndReencoded })).toEqual({
			ok: false,
			reason: 'bad-signature',
		});
	});
});

describe('timestamp', () => {
	const T = VECTOR.timestamp;

	it(`accepts up to ${DEFAULT_TOLERANCE_SECONDS} s of skew either way by default`, () => {
		expect(verifyVector({ now: T + 300 })).toMatchObject({ ok: true });
		expect(verifyVector({ now: T - 300 })).toMatchObject({ ok: true });
	});

	it('refuses stale timestamps (replays) and future ones', () => {
		expect(verifyVector({ now: T + 301 })).toEqual({ ok: false, reason: 'stale-timestamp' });
		expect(verifyVector({ now: T + 86400 })).toEqual({ ok: false, reason: 'stale-timestamp' });
		expect(verifyVector({ now: T - 301 })).toEqual({ ok: false, reason: 'stale-timestamp' });
	});

	it('honours a configured tolerance', () => {
		expect(verifyVector({ now: T + 60, toleranceSeconds: 30 })).toEqual({
			ok: false,
			reason: 'stale-timestamp',
		});
		expect(verifyVector({ now: T + 3000, toleranceSeconds: 3600 })).toMatchObject({ ok: true });
		expect(verifyVector({ now: T, toleranceSeconds: Number.NaN })).toEqual({
			ok: false,
			reason: 'stale-timestamp',
		});
	});

	it('refuses non-numeric timestamps', () => {
		for (const ts of [
			'abc',
			`${T}abc`,
			`-${T}`,
			'1.6e9',
			`${T}.0`,
			'0x60380c32',
			`+${T}`,
			'1 614265330',
			'１６１４２６５３３０',
		]) {
			expect(verifyVector({ headers: vectorHeaders({ 'webhook-timestamp': ts }) })).toEqual({
				ok: false,
				reason: 'invalid-timestamp',
			});
		}
	});

	it('checks the timestamp before the signature (a stale replay is refused even when correctly signed)', () => {
		const key = decodeSigningSecret(VECTOR.secret)!;
		const old = T - 3600;
		const headers = vectorHeaders({
			'webhook-timestamp': String(old),
			'webhook-signature': signStandardWebhook(key, VECTOR.id, old, VECTOR.payload),
		});
		expect(verifyVector({ headers, now: old })).toMatchObject({ ok: true });
		expect(verifyVector({ headers, now: T })).toEqual({ ok: false, reason: 'stale-timestamp' });
	});
});

describe('headers', () => {
	it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
		'refuses a delivery without %s',
		(name) => {
			const headers = vectorHeaders();
			delete headers[name];
			expect(verifyVector({ headers })).toEqual({ ok: false, reason: 'missing-headers' });
		},
	);

	it('refuses an empty webhook-id or webhook-timestamp', () => {
		expect(verifyVector({ headers: vectorHeaders({ 'webhook-id': '' }) })).toEqual({
			ok: false,
			reason: 'missing-headers',
		});
		expect(verifyVector({ headers: vectorHeaders({ 'webhook-timestamp': '' }) })).toEqual({
			ok: false,
			reason: 'missing-headers',
		});
	});

	it('reads header names case-insensitively', () => {
		const headers = {
			'Webhook-Id': VECTOR.id,
			'WEBHOOK-TIMESTAMP': String(VECTOR.timestamp),
			'webhook-Signature': VECTOR.signature,
		};
		expect(verifyVector({ headers })).toEqual({
			ok: true,
			id: VECTOR.id,
			timestamp: VECTOR.timestamp,
		});
	});

	it('treats a repeated header (two values) as absent rather than guessing', () => {
		expect(
			verifyVector({ headers: vectorHeaders({ 'webhook-id': [VECTOR.id, 'msg_other'] }) }),
		).toEqual({ ok: false, reason: 'missing-headers' });
	});
});

describe('interoperability with the reference library (standardwebhooks 1.0.0)', () => {
	const bodies = [
		'{"type":"tests.result.updated","timestamp":"2026-01-21T10:30:00Z","data":{"tests":{"failing":1}}}',
		'{"name":"Zeichen: äöü ✓ 日本"}',
		JSON.stringify({ big: 'x'.repeat(100_000) }),
		'{}',
	];

	it('verifies what the reference library signs', () => {
		const secret = `whsec_${randomBytes(32).toString('base64')}`;
		const wh = new Webhook(secret);
		const now = Math.floor(Date.now() / 1000);
		for (const [i, body] of bodies.entries()) {
			const id = `msg_${i}`;
			const headers = {
				'webhook-id': id,
				'webhook-timestamp': String(now),
				'webhook-signature': wh.sign(id, new Date(now * 1000), body),
			};
			expect(
				verifyStandardWebhook({ headers, rawBody: Buffer.from(body), secrets: [secret] }),
			).toEqual({
				ok: true,
				id,
				timestamp: now,
			});
		}
	});

	it('produces signatures the reference library accepts', () => {
		const secret = `whsec_${randomBytes(32).toString('base64')}`;
		const key = decodeSigningSecret(secret)!;
		const wh = new Webhook(secret);
		const now = Math.floor(Date.now() / 1000);
		for (const [i, body] of bodies.entries()) {
			const id = `msg_ours_${i}`;
			const headers = {
				'webhook-id': id,
				'webhook-timestamp': String(now),
				'webhook-signature': signStandardWebhook(key, id, now, body),
			};
			expect(wh.verify(body, headers)).toEqual(JSON.parse(body));
			expect(() => wh.verify(`${body} `, headers)).toThrow();
		}
	});

	it('agrees with the reference library on which signature headers pass', () => {
		const secret = VECTOR.secret;
		const wh = new Webhook(secret);
		const mac = sigOnly(VECTOR.signature);
		const cases: Array<[string, boolean]> = [
			[VECTOR.signature, true],
			[`v1,bad ${VECTOR.signature}`, true],
			[`v2,${mac}`, false],
			[`v1,${mac.replace(/=+$/, '')}`, false],
			['v1,', false],
		];
		jest.useFakeTimers({ now: VECTOR.timestamp * 1000 });
		try {
			for (const [header, valid] of cases) {
				const headers = vectorHeaders({ 'webhook-signature': header }) as Record<string, string>;
				let reference = true;
				try {
					wh.verify(VECTOR.payload, headers);
				} catch {
					reference = false;
				}
				expect({ header, reference }).toEqual({ header, reference: valid });
				expect({ header, ours: verifyVector({ headers }).ok }).toEqual({ header, ours: valid });
			}
		} finally {
			jest.useRealTimers();
		}
	});
});
