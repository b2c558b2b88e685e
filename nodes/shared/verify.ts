import { createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';

import { epochMs } from './epoch';

/** An HTTP header name (RFC 9110 token). */
export const HTTP_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Incoming header bag as n8n hands it over (Node's IncomingHttpHeaders, names lower-cased). */
export type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * Reads one header case-insensitively. A header repeated by a proxy arrives as an array;
 * a secret or signature header must not be ambiguous, so anything but exactly one value is absent.
 */
export function readHeader(headers: HeaderBag, name: string): string | undefined {
	const wanted = name.toLowerCase();
	let value = headers[wanted];
	if (value === undefined) {
		for (const key of Object.keys(headers)) {
			if (key.toLowerCase() === wanted) {
				value = headers[key];
				break;
			}
		}
	}
	if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
	return value;
}

/**
 * Compares two secrets in constant time. Both sides are hashed first so that neither the content
 * nor the length of the expected secret leaks through timing.
 */
export function safeEqual(actual: string | Buffer, expected: string | Buffer): boolean {
	// One-shot hash(), not createHash(): no native Hash object per call for the garbage collector to
	// finalise, which shows in the handler's p99 (BENCHMARKS.md). Node >= 20.12 has it.
	return timingSafeEqual(hash('sha256', actual, 'buffer'), hash('sha256', expected, 'buffer'));
}

/**
 * Parses an epoch timestamp header, in seconds or milliseconds (epochMs); anything that is not a
 * plain non-negative integer is rejected rather than guessed at.
 */
export function parseEpochSeconds(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (!/^\d{1,16}$/.test(trimmed)) return undefined;
	return Math.floor(epochMs(Number(trimmed)) / 1000);
}

/** True when `timestampSeconds` lies within `toleranceSeconds` of `nowSeconds`, in either direction. */
export function isFresh(
	timestampSeconds: number,
	nowSeconds: number,
	toleranceSeconds: number,
): boolean {
	return Math.abs(nowSeconds - timestampSeconds) <= toleranceSeconds;
}

export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

export type SharedSecretResult = { ok: true } | { ok: false; reason: 'missing' | 'mismatch' };

/** Checks a plain shared-secret header (Qase's X-Qase-Secret, our Currents hook header). */
export function verifySharedSecret(
	headers: HeaderBag,
	headerName: string,
	expected: string,
): SharedSecretResult {
	const actual = readHeader(headers, headerName);
	if (actual === undefined || actual === '') return { ok: false, reason: 'missing' };
	return safeEqual(actual, expected) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

export type TimestampResult =
	| { ok: true; timestamp?: number }
	| { ok: false; reason: 'invalid-timestamp' | 'stale-timestamp' | 'missing-timestamp' };

/**
 * The timestamp tolerance of every trigger unless its Timestamp Tolerance option says otherwise: 5
 * minutes, the Standard Webhooks default; at least 30 seconds, for clocks that drift.
 */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;
export const MIN_TOLERANCE_SECONDS = 30;

/** Checks an optional (or required) epoch timestamp header against a tolerance window. */
export function verifyTimestampHeader(
	headers: HeaderBag,
	headerName: string,
	options: { toleranceSeconds: number; required?: boolean; now?: number },
): TimestampResult {
	const raw = readHeader(headers, headerName);
	if (raw === undefined) {
		return options.required ? { ok: false, reason: 'missing-timestamp' } : { ok: true };
	}
	const ts = parseEpochSeconds(raw);
	if (ts === undefined) return { ok: false, reason: 'invalid-timestamp' };
	const now = options.now ?? nowInSeconds();
	if (!isFresh(ts, now, options.toleranceSeconds)) return { ok: false, reason: 'stale-timestamp' };
	return { ok: true, timestamp: ts };
}

// ---------------------------------------------------------------------------------------------
// Standard Webhooks (https://www.standardwebhooks.com), as used by Openlayer.
//
// Spec: the signed content is `${webhook-id}.${webhook-timestamp}.${raw body}`, MAC'd with
// HMAC-SHA256 keyed by the base64-decoded secret (the `whsec_` prefix is not part of the key).
// `webhook-signature` is a space-delimited list of `<version>,<base64 signature>`; a delivery is
// valid when any `v1` entry equals the expected signature, other versions are ignored. The
// timestamp must lie within the tolerance in either direction (replay protection).

export type StandardWebhookFailure =
	| 'missing-headers'
	| 'invalid-timestamp'
	| 'stale-timestamp'
	| 'invalid-secret'
	| 'no-signature'
	| 'bad-signature';

export type StandardWebhookResult =
	| { ok: true; id: string; timestamp: number }
	| { ok: false; reason: StandardWebhookFailure };

/**
 * Decodes a signing secret: `whsec_` prefix optional, standard or URL-safe base64, padded or not.
 * Returns undefined for an empty or undecodable secret so that a misconfiguration fails closed.
 */
export function decodeSigningSecret(secret: string): Buffer | undefined {
	let s = secret.trim();
	if (s.startsWith('whsec_')) s = s.slice('whsec_'.length);
	s = s.replace(/-/g, '+').replace(/_/g, '/');
	if (s.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return undefined;
	// Unpadded base64 never leaves a single character over; Node would silently drop it.
	const unpadded = s.replace(/=+$/, '');
	if (unpadded.length % 4 === 1) return undefined;
	if (s.length !== unpadded.length && s.length % 4 !== 0) return undefined;
	const key = Buffer.from(unpadded, 'base64');
	return key.length > 0 ? key : undefined;
}

/**
 * Standard Webhooks secrets are 24 to 64 random bytes; a key under 16 bytes (`whsec_AA==` is one
 * byte) can be guessed, so neither the credential test nor the trigger accepts it.
 */
export const MIN_SIGNING_KEY_BYTES = 16;

/** Why a signing secret cannot be used, or undefined when it can: the one check for test and trigger. */
export function signingSecretProblem(secret: string): 'invalid' | 'too-short' | undefined {
	const key = decodeSigningSecret(secret);
	if (!key) return 'invalid';
	return key.length < MIN_SIGNING_KEY_BYTES ? 'too-short' : undefined;
}

/** The HMAC-SHA256 of one message, in base64. */
function macBase64(
	key: KeyObject,
	id: string,
	timestamp: number | string,
	rawBody: Buffer | string,
): string {
	// A KeyObject rather than the raw Buffer: same MAC, but Node 24 spends measurably more per call
	// importing a raw Buffer key (`npm run bench`, BENCHMARKS.md section 2).
	const mac = createHmac('sha256', key);
	mac.update(`${id}.${timestamp}.`);
	mac.update(rawBody);
	return mac.digest('base64');
}

/**
 * Signing keys by secret text, decoded and imported once per process instead of once per delivery:
 * decoding (two regular expressions, a base64 decode, for the check and again for the key) and a
 * KeyObject per delivery cost more than the MAC of a small body, and on Node 24 the KeyObjects
 * piling up made whole stretches of deliveries several times slower until the garbage collector
 * caught up. Bounded: at 16 secrets the cache starts over, so rotated-away secrets do not pile up.
 */
const SIGNING_KEY_CACHE_SIZE = 16;
const signingKeys = new Map<string, KeyObject | null>();

/** The key of a signing secret, or undefined when the credential test would refuse it (fails closed). */
function signingKey(secret: string): KeyObject | undefined {
	let key = signingKeys.get(secret);
	if (key === undefined) {
		const bytes =
			signingSecretProblem(secret) === undefined ? decodeSigningSecret(secret) : undefined;
		key = bytes ? createSecretKey(bytes) : null;
		if (signingKeys.size >= SIGNING_KEY_CACHE_SIZE) signingKeys.clear();
		signingKeys.set(secret, key);
	}
	return key ?? undefined;
}

/** The `v1` signatures of a `webhook-signature` header, as sent (other versions ignored). */
function v1Signatures(header: string): string[] {
	const found: string[] = [];
	// Entry by entry without splitting: the header nearly always holds exactly one.
	for (let start = 0; start <= header.length; ) {
		let end = header.indexOf(' ', start);
		if (end < 0) end = header.length;
		if (end > start + 3 && header.startsWith('v1,', start))
			found.push(header.slice(start + 3, end));
		start = end + 1;
	}
	return found;
}

/**
 * Verifies a Standard Webhooks delivery against the raw body bytes.
 * Several secrets may be given (rotation); any v1 signature matching any secret passes.
 * Signatures are compared as the exact base64 text the spec defines, in constant time: Node's
 * lenient base64 decoder would otherwise also accept altered spellings of a valid signature.
 */
export function verifyStandardWebhook(input: {
	headers: HeaderBag;
	rawBody: Buffer;
	secrets: string[];
	toleranceSeconds?: number;
	now?: number;
}): StandardWebhookResult {
	const id = readHeader(input.headers, 'webhook-id');
	const tsRaw = readHeader(input.headers, 'webhook-timestamp');
	const sigHeader = readHeader(input.headers, 'webhook-signature');
	if (!id || !tsRaw || sigHeader === undefined) return { ok: false, reason: 'missing-headers' };
	if (!Buffer.isBuffer(input.rawBody)) return { ok: false, reason: 'bad-signature' };

	const tsText = tsRaw.trim();
	if (!/^\d{1,12}$/.test(tsText)) return { ok: false, reason: 'invalid-timestamp' };
	const timestamp = Number(tsText);
	const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (!isFresh(timestamp, input.now ?? nowInSeconds(), tolerance)) {
		return { ok: false, reason: 'stale-timestamp' };
	}

	const keys: KeyObject[] = [];
	for (const secret of input.secrets) {
		const key = signingKey(secret);
		if (key) keys.push(key);
	}
	if (keys.length === 0) return { ok: false, reason: 'invalid-secret' };

	const candidates = v1Signatures(sigHeader);
	if (candidates.length === 0) return { ok: false, reason: 'no-signature' };

	let matched = false;
	for (const key of keys) {
		const expectedText = macBase64(key, id, tsText, input.rawBody);
		const expected = Buffer.from(expectedText, 'latin1');
		for (const candidate of candidates) {
			// Every candidate is compared; the time taken does not reveal which one matched. Not hashed
			// first like a secret: an HMAC-SHA256 in base64 is always 44 characters, so its length is
			// no secret, and a candidate of another length cannot be it. Encoded as UTF-8, so that no
			// character outside ASCII can pass for the one it shares its low byte with.
			if (candidate.length !== expectedText.length) continue;
			const sent = Buffer.from(candidate, 'utf8');
			if (sent.length === expected.length && timingSafeEqual(sent, expected)) matched = true;
		}
	}
	return matched ? { ok: true, id, timestamp } : { ok: false, reason: 'bad-signature' };
}
