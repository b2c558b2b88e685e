import { hash, randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * The Openlayer Trigger's memory of the `webhook-id`s it has already turned into executions, so that
 * Openlayer's retries (same webhook-id, about 5 s, 5 min and 30 min after the first attempt) start no
 * second execution. The only owner of duplicate detection: `webhook()` asks `seen()` and calls
 * `remember()` for an accepted delivery; `persist()` writes the stored copy.
 *
 * Two copies:
 * - **In process**: an insertion-ordered `Map` per trigger (workflow id and node name), O(1) per
 *   delivery. It is not subject to n8n's last-writer-wins saves of static data, so a retry is never
 *   executed twice in one process.
 * - **Stored**, in the node's workflow static data, so that it survives restarts and deactivation:
 *   one string (`retryMemory`), not one object per id, because n8n wraps every nested object of
 *   static data in a change-tracking Proxy whenever it builds a Workflow (every request and every
 *   execution) and serialises it through those proxies. It is also as short as it can be (about 11
 *   bytes an id), because n8n reads the workflow's whole static data from its database for every
 *   request and every execution and writes it back whenever it changed.
 *   Format: `v3 <writer>.<seq> <base> <key><age> <key><age> ...`, oldest first; `key` is the id's
 *   SHA-256, 8 base64url characters (48 bits: two of 1,125 ids share one with a probability of
 *   about 2e-9); `base` and `age` are epoch minutes in base 36, `age` counted from `base`.
 *   `<writer>.<seq>` names the process and the version of its memory the string was written from:
 *   a string this process wrote, or one from another process that it already merged, is a subset of
 *   what it holds, so it is indexed (parsed into the Map) only when it brings something new, in
 *   practice once per process (after a restart) or per write of another process (queue mode).
 *   A write stores the whole in-process memory of the trigger, so concurrent saves lose nothing
 *   this process knows of.
 *
 * When the stored copy is written (read from n8n's code, held by test/queue and test/e2e): by
 * `persist()`, whenever it lacks the id: from `webhook()` while this process has executed none of
 * the trigger's deliveries (always in a queue-mode webhook process; n8n saves it before answering,
 * so a retry on another webhook process finds it; trigger.ts marks the change again for 2.x), else
 * from the execution (saved when it ends, after the answer, which so never waits for a database
 * write: BENCHMARKS.md). A 2.x worker runs without static data, so it never writes.
 * Window: Openlayer's last retry comes about 30 minutes after the first attempt. An id is kept for
 * one hour (twice that, so a retry that Openlayer's queue delays still finds it), and at least 1,000
 * ids per trigger (a burst of more within the hour drops the oldest first, one per delivery beyond
 * 1,125). After the window a delivery with the same id is executed again; its signature's
 * timestamp tolerance (5 minutes by default) refuses byte-for-byte replays long before that.
 */
export const RETRY_WINDOW_SECONDS = 60 * 60;
const RETRY_MEMORY_CAPACITY = 1000;
/**
 * How many ids the memory holds at most: the capacity and an eighth more. Its order is the order in
 * which this process learnt the ids, and copies merged from other processes (queue mode: workers
 * write it) arrive late, so the margin keeps the newest 1,000 even when a merge put older ids last.
 */
const trimThreshold = (capacity: number) => capacity + Math.ceil(capacity / 8);

/** Key of the stored string in the node's static data, its format and the length of a key. */
const STORED_KEY = 'retryMemory';
const FORMAT = 'v3';
const KEY_LENGTH = 8;
/** This process, as a writer of stored copies. */
const WRITER = randomBytes(4).toString('hex');

/** The key under which an id is remembered. */
function keyOf(id: string): string {
	return hash('sha256', id, 'base64url').slice(0, KEY_LENGTH);
}

interface Entry {
	/** Acceptance time, epoch seconds. */
	at: number;
	/** The memory's seq once this entry was added. */
	seq: number;
	/** Length of the entry in the serialised string. */
	len: number;
}

interface Memory {
	/** key -> entry, oldest first. */
	entries: Map<string, Entry>;
	/**
	 * The entries serialised in Map order, joined by spaces, once its first `bodyCut` characters
	 * (entries already dropped) are cut off; grown by concatenation.
	 */
	body: string;
	bodyCut: number;
	/** Bumped whenever an entry is added. */
	seq: number;
	/** Writer -> highest seq of its stored copies already merged. */
	merged: Map<string, number>;
	/** The string this process last wrote: recognised by identity, without reading it. */
	written?: string;
	/** The seq `written` was written at. */
	writtenSeq: number;
	/** When expired entries are next dropped (epoch seconds). */
	nextSweep: number;
	/** Epoch minute the serialised ages count from (set when the body starts empty). */
	base: number;
}

const memories = new Map<string, Memory>();

function memoryOf(scope: string): Memory {
	let memory = memories.get(scope);
	if (!memory) {
		memory = {
			entries: new Map(),
			body: '',
			bodyCut: 0,
			seq: 0,
			writtenSeq: 0,
			merged: new Map(),
			nextSweep: 0,
			base: 0,
		};
		memories.set(scope, memory);
	}
	return memory;
}

const minuteOf = (at: number) => Math.floor(at / 60);
const encode = (memory: Memory, key: string, at: number) =>
	`${key}${Math.max(0, minuteOf(at) - memory.base).toString(36)}`;

/**
 * Entries leave from the front of the Map and of the serialised string, one at a time: an accepted
 * delivery beyond `trimThreshold` drops the oldest id. The string is not cut at once, which would copy
 * it: `bodyCut` counts the characters already dropped from its front, and the string is cut when
 * they make up half of it or when it is written. Dropping is O(1) per delivery that way, and no
 * delivery pays for many at once (the handler's p99 in `npm run bench`). Expired entries go at most
 * once a minute; until then `seen()` ignores them.
 */
const SWEEP_INTERVAL_SECONDS = 60;

function evict(memory: Memory, now: number, windowSeconds: number, capacity: number): void {
	const limit = trimThreshold(capacity);
	const over = memory.entries.size > limit;
	const sweep = now >= memory.nextSweep;
	if (!over && !sweep) return;
	if (sweep) memory.nextSweep = now + SWEEP_INTERVAL_SECONDS;
	for (const [key, entry] of memory.entries) {
		if (memory.entries.size <= limit && !(sweep && now - entry.at > windowSeconds)) break;
		memory.entries.delete(key);
		memory.bodyCut += entry.len + 1;
	}
	if (memory.entries.size === 0) {
		memory.body = '';
		memory.bodyCut = 0;
	} else if (memory.bodyCut * 2 > memory.body.length) {
		compact(memory);
	}
}

function compact(memory: Memory): void {
	if (memory.bodyCut === 0) return;
	memory.body = memory.body.slice(memory.bodyCut);
	memory.bodyCut = 0;
}

function add(memory: Memory, key: string, at: number): boolean {
	if (memory.entries.has(key)) return false;
	// An empty memory has an empty string (evict clears both together): the ages start afresh.
	if (memory.entries.size === 0) memory.base = minuteOf(at);
	memory.seq++;
	const encoded = encode(memory, key, at);
	memory.entries.set(key, { at, seq: memory.seq, len: encoded.length });
	memory.body = memory.body === '' ? encoded : `${memory.body} ${encoded}`;
	return true;
}

/** Merges a stored copy into the process memory unless it cannot hold anything new. */
function index(memory: Memory, state: IDataObject, now: number, windowSeconds: number): void {
	const stored = state[STORED_KEY];
	if (stored === memory.written || typeof stored !== 'string' || !stored.startsWith(`${FORMAT} `))
		return;
	const tokens = stored.split(' ');
	const header = tokens[1];
	const dot = header.indexOf('.');
	const writer = header.slice(0, dot);
	const seq = Number(header.slice(dot + 1));
	if (writer === WRITER || seq <= (memory.merged.get(writer) ?? -1)) return;
	const base = parseInt(tokens[2], 36);
	for (let i = 3; i < tokens.length; i++) {
		const entry = tokens[i];
		const at = (base + parseInt(entry.slice(KEY_LENGTH), 36)) * 60;
		if (entry.length > KEY_LENGTH && now - at <= windowSeconds)
			add(memory, entry.slice(0, KEY_LENGTH), at);
	}
	if (Number.isFinite(seq)) memory.merged.set(writer, seq);
}

/** True when the stored copy in `state` was written from this process's memory at `seq` or later. */
function storedSince(memory: Memory, state: IDataObject, seq: number): boolean {
	const stored = state[STORED_KEY];
	if (typeof stored !== 'string') return false;
	if (stored === memory.written) return memory.writtenSeq >= seq;
	const prefix = `${FORMAT} ${WRITER}.`;
	if (!stored.startsWith(prefix)) return false;
	const end = stored.indexOf(' ', prefix.length);
	return Number(stored.slice(prefix.length, end === -1 ? undefined : end)) >= seq;
}

export interface RetryMemoryOptions {
	/** Workflow id and node name: one memory per trigger. */
	scope: string;
	/** The node's workflow static data, as n8n hands it over for this request or execution. */
	state: IDataObject;
	now: number;
	windowSeconds?: number;
	capacity?: number;
}

export interface RetryMemory {
	/** Whether `id` already started an execution within the window. */
	seen(id: string): boolean;
	/** Records an accepted delivery in the process (the stored copy is left to `persist()`). */
	remember(id: string): void;
	/** Writes the stored copy when it lacks `id` (from `execute()`, or `webhook()` in a webhook process). */
	persist(id: string): void;
}

/**
 * One request's or execution's view of a trigger's memory. A class rather than closures, and the key
 * of the last id asked about kept: `seen` and `remember` of one delivery derive it once.
 */
class OpenMemory implements RetryMemory {
	private lastId: string | undefined;
	private lastKey = '';

	constructor(
		private readonly memory: Memory,
		private readonly state: IDataObject,
		private readonly now: number,
		private readonly windowSeconds: number,
		private readonly capacity: number,
	) {}

	private key(id: string): string {
		if (id !== this.lastId) {
			this.lastKey = keyOf(id);
			this.lastId = id;
		}
		return this.lastKey;
	}

	private write(): void {
		const { memory, state } = this;
		const header = `${FORMAT} ${WRITER}.${memory.seq} ${memory.base.toString(36)}`;
		compact(memory);
		memory.written = memory.body === '' ? header : `${header} ${memory.body}`;
		memory.writtenSeq = memory.seq;
		state[STORED_KEY] = memory.written;
	}

	/** Bound: the trigger hands it to receiveOpenlayer as its duplicate check. */
	readonly seen = (id: string): boolean => {
		const entry = this.memory.entries.get(this.key(id));
		return entry !== undefined && this.now - entry.at <= this.windowSeconds;
	};

	remember(id: string): void {
		if (!add(this.memory, this.key(id), this.now)) return;
		evict(this.memory, this.now, this.windowSeconds, this.capacity);
	}

	persist(id: string): void {
		const { memory, state } = this;
		const key = this.key(id);
		const entry = memory.entries.get(key);
		if (entry === undefined) {
			// Accepted by another process (queue mode) and not in the stored copy: remember it here.
			add(memory, key, this.now);
			evict(memory, this.now, this.windowSeconds, this.capacity);
		} else if (storedSince(memory, state, entry.seq) || storedByOther(state, key)) {
			return;
		}
		this.write();
	}
}

/** Opens the retry memory of one trigger for one request or execution. */
export function retryMemory(options: RetryMemoryOptions): RetryMemory {
	const { scope, state, now } = options;
	const windowSeconds = options.windowSeconds ?? RETRY_WINDOW_SECONDS;
	const capacity = Math.max(1, options.capacity ?? RETRY_MEMORY_CAPACITY);
	const memory = memoryOf(scope);
	index(memory, state, now, windowSeconds);
	evict(memory, now, windowSeconds, capacity);
	return new OpenMemory(memory, state, now, windowSeconds, capacity);
}

/** A stored copy written by another process that holds `key` (checked only when this one did not write it). */
function storedByOther(state: IDataObject, key: string): boolean {
	const stored = state[STORED_KEY];
	return (
		typeof stored === 'string' && stored.startsWith(`${FORMAT} `) && stored.includes(` ${key}`)
	);
}
