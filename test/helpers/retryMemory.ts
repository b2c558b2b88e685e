import { createHash } from 'node:crypto';

/**
 * The Openlayer retry memory's stored copy as the suites read it: the format and limits of
 * nodes/Openlayer/retryMemory.ts, restated here so that a change to them fails a test.
 */
export const STORED_KEY = 'retryMemory';
/** Ids the memory keeps at least, and at most (the capacity and an eighth more). */
export const RETRY_MEMORY_CAPACITY = 1000;
export const trimThreshold = (capacity: number) => capacity + Math.ceil(capacity / 8);

const KEY_LENGTH = 8;

/** The key under which an id is stored: its SHA-256, the first 8 base64url characters. */
export const keyOf = (id: string): string =>
	createHash('sha256').update(id).digest('base64url').slice(0, KEY_LENGTH);

/** The keys a stored copy holds, oldest first. */
export function storedKeys(state: Record<string, unknown> | undefined): string[] {
	const stored = state?.[STORED_KEY];
	if (typeof stored !== 'string' || !stored.startsWith('v3 ')) return [];
	return stored
		.split(' ')
		.slice(3)
		.map((entry) => entry.slice(0, KEY_LENGTH));
}

/** A stored copy as another process (`writer`) would have written it, every id accepted at `at`. */
export function storedCopy(ids: string[], at: number, writer = 'feedf00d'): string {
	const base = Math.floor(at / 60);
	return ['v3', `${writer}.${ids.length}`, base.toString(36), ...ids.map((id) => `${keyOf(id)}0`)]
		.join(' ')
		.trimEnd();
}
