import {
	isFresh,
	parseEpochSeconds,
	readHeader,
	safeEqual,
	verifySharedSecret,
	verifyTimestampHeader,
} from '../../../nodes/shared/verify';

describe('readHeader', () => {
	test.each([
		[{ 'x-secret': 'a' }, 'X-Secret', 'a'],
		[{ 'X-Secret': 'b' }, 'x-secret', 'b'],
		[{ 'x-secret': ['only'] }, 'x-secret', 'only'],
		[{ 'x-secret': ['one', 'two'] }, 'x-secret', undefined],
		[{}, 'x-secret', undefined],
	])('%j %s -> %s', (headers, name, expected) => {
		expect(readHeader(headers, name)).toBe(expected);
	});
});

describe('safeEqual', () => {
	test('equal strings match, different ones and different lengths do not', () => {
		expect(safeEqual('s3cret', 's3cret')).toBe(true);
		expect(safeEqual('s3cret', 's3creT')).toBe(false);
		expect(safeEqual('s3cret', 's3cret-longer')).toBe(false);
		expect(safeEqual('', 'x')).toBe(false);
		expect(safeEqual(Buffer.from('abc'), 'abc')).toBe(true);
	});
});

describe('parseEpochSeconds', () => {
	test.each([
		['1700000000', 1700000000],
		['1700000000123', 1700000000],
		[' 1700000000 ', 1700000000],
		['0', 0],
		['-5', undefined],
		['1.5', undefined],
		['1e12', undefined],
		['', undefined],
		['yesterday', undefined],
		[undefined, undefined],
	])('%s -> %s', (input, expected) => {
		expect(parseEpochSeconds(input)).toBe(expected);
	});
});

describe('timestamp window', () => {
	const now = 1_800_000_000;
	test('isFresh is symmetric and inclusive', () => {
		expect(isFresh(now - 300, now, 300)).toBe(true);
		expect(isFresh(now + 300, now, 300)).toBe(true);
		expect(isFresh(now - 301, now, 300)).toBe(false);
		expect(isFresh(now + 301, now, 300)).toBe(false);
	});

	test.each([
		[{ 'x-timestamp': String(now * 1000) }, { ok: true, timestamp: now }],
		[{ 'x-timestamp': String(now - 100) }, { ok: true, timestamp: now - 100 }],
		[{ 'x-timestamp': String((now - 600) * 1000) }, { ok: false, reason: 'stale-timestamp' }],
		[{ 'x-timestamp': String(now + 600) }, { ok: false, reason: 'stale-timestamp' }],
		[{ 'x-timestamp': 'soon' }, { ok: false, reason: 'invalid-timestamp' }],
		[{}, { ok: true }],
	])('%j', (headers, expected) => {
		expect(verifyTimestampHeader(headers, 'x-timestamp', { toleranceSeconds: 300, now })).toEqual(
			expected,
		);
	});

	test('a required timestamp must be present', () => {
		expect(
			verifyTimestampHeader({}, 'x-timestamp', { toleranceSeconds: 300, now, required: true }),
		).toEqual({
			ok: false,
			reason: 'missing-timestamp',
		});
	});
});

describe('verifySharedSecret', () => {
	test.each([
		[{ 'x-qase-secret': 'abc' }, { ok: true }],
		[{ 'X-Qase-Secret': 'abc' }, { ok: true }],
		[{ 'x-qase-secret': 'abd' }, { ok: false, reason: 'mismatch' }],
		[{ 'x-qase-secret': '' }, { ok: false, reason: 'missing' }],
		[{}, { ok: false, reason: 'missing' }],
	])('%j', (headers, expected) => {
		expect(verifySharedSecret(headers, 'X-Qase-Secret', 'abc')).toEqual(expected);
	});
});
