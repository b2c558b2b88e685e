import type { IDataObject } from 'n8n-workflow';

import { RETRY_WINDOW_SECONDS } from '../../../nodes/Openlayer/retryMemory';
import {
	keyOf,
	RETRY_MEMORY_CAPACITY,
	STORED_KEY,
	storedKeys,
	trimThreshold,
} from '../../helpers/retryMemory';

type RetryMemoryModule = typeof import('../../../nodes/Openlayer/retryMemory');

/** The module as a freshly started process loads it: no memory in process, a writer of its own. */
function freshProcess(): RetryMemoryModule {
	let fresh: RetryMemoryModule | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		fresh = require('../../../nodes/Openlayer/retryMemory') as RetryMemoryModule;
	});
	return fresh!;
}

/** This process's retry memory; restart() replaces it with a fresh process's. */
let retryMemory: RetryMemoryModule['retryMemory'];
const restart = () => {
	({ retryMemory } = freshProcess());
};

const T = 1_760_000_000;
const keys = (...ids: string[]) => ids.map(keyOf);
const SCOPE = 'wf-a:Openlayer Trigger';

const open = (state: IDataObject, now = T, scope = SCOPE, extra: { capacity?: number } = {}) =>
	retryMemory({ scope, state, now, ...extra });

/** A delivery accepted by webhook() and its execution run in this process, on one copy of static data. */
const accept = (state: IDataObject, id: string, now = T) => {
	open(state, now).remember(id);
	open(state, now).persist(id);
};

/** n8n saves static data as JSON and loads it again for the next request or execution. */
const saved = (state: IDataObject): IDataObject => JSON.parse(JSON.stringify(state)) as IDataObject;

/** Static data that throws on any write, to prove nothing was written. */
const readOnly = (state: IDataObject): IDataObject =>
	new Proxy(state, {
		set: () => {
			throw new Error('written');
		},
		deleteProperty: () => {
			throw new Error('written');
		},
	});

beforeEach(restart);

describe('retry memory', () => {
	it('one open log asked about several ids keeps each id apart', () => {
		const state: IDataObject = {};
		const log = open(state);
		const long = 'x'.repeat(200);
		expect(log.seen('msg_a')).toBe(false);
		log.remember('msg_b');
		expect(log.seen('msg_b')).toBe(true);
		expect(log.seen('msg_a')).toBe(false);
		expect(log.seen(long)).toBe(false);
		log.remember(long);
		expect(log.seen(long)).toBe(true);
		expect(log.seen('msg_b')).toBe(true);
		// webhook() writes nothing; one execution's persist() stores everything the process knows.
		expect(storedKeys(state)).toEqual([]);
		log.persist(long);
		expect(storedKeys(state)).toEqual(keys('msg_b', long));
		const { seen } = open(saved(state));
		expect([seen('msg_a'), seen('msg_b'), seen(long)]).toEqual([false, true, true]);
	});

	it('knows an accepted id for the window, which covers Openlayer retry at 30 minutes', () => {
		const state: IDataObject = {};
		expect(open(state).seen('msg_1')).toBe(false);
		open(state).remember('msg_1');
		expect(open(state, T + 5).seen('msg_1')).toBe(true);
		expect(open(state, T + 30 * 60).seen('msg_1')).toBe(true);
		expect(open(state, T + RETRY_WINDOW_SECONDS).seen('msg_1')).toBe(true);
		expect(open(state, T + RETRY_WINDOW_SECONDS + 1).seen('msg_1')).toBe(false);
		expect(open(state, T).seen('msg_2')).toBe(false);
	});

	it('stores one string, not an object per id, and drops expired ids from it', () => {
		const state: IDataObject = {};
		accept(state, 'msg_old');
		accept(state, 'msg_newer', T + 10);
		expect(Object.keys(state)).toEqual([STORED_KEY]);
		expect(typeof state[STORED_KEY]).toBe('string');
		expect(storedKeys(state)).toEqual(keys('msg_old', 'msg_newer'));
		accept(state, 'msg_late', T + RETRY_WINDOW_SECONDS + 5);
		expect(storedKeys(state)).toEqual(keys('msg_newer', 'msg_late'));
		// About 11 bytes an id: n8n reads and writes the whole string with every request and execution.
		expect((state[STORED_KEY] as string).length).toBeLessThan(60);
	});

	it('keeps the newest ids, at least the capacity, dropping the oldest one by one beyond a margin', () => {
		const state: IDataObject = {};
		const limit = trimThreshold(RETRY_MEMORY_CAPACITY);
		expect(limit).toBeGreaterThan(RETRY_MEMORY_CAPACITY);
		for (let i = 0; i < limit; i++) accept(state, `msg_${i}`, T + i);
		expect(storedKeys(state)).toHaveLength(limit);
		const extra = 300;
		for (let i = 0; i < extra; i++) {
			const n = limit + i;
			accept(state, `msg_${n}`, T + n);
			// Never more than the limit, and the stored copy always says exactly what is kept.
			const stored = storedKeys(state);
			expect(stored).toHaveLength(limit);
			expect(stored[0]).toBe(keyOf(`msg_${i + 1}`));
			expect(stored.at(-1)).toBe(keyOf(`msg_${n}`));
		}
		const log = open(state, T + 2000);
		for (let i = 0; i < extra; i++) expect(log.seen(`msg_${i}`)).toBe(false);
		expect(log.seen(`msg_${extra}`)).toBe(true);
		expect(log.seen(`msg_${limit + extra - 1}`)).toBe(true);
		expect((state[STORED_KEY] as string).length).toBeLessThan(limit * 12 + 40);
	});

	it('stays exact when many ids pass through without a write (webhooks here, executions elsewhere)', () => {
		const state: IDataObject = {};
		const capacity = 50;
		const kept = trimThreshold(capacity);
		const total = 20 * capacity;
		const first = total - kept;
		// Queue mode: the main process runs webhook() only, so its memory is never written from here.
		for (let i = 0; i < total; i++) open(state, T + i, SCOPE, { capacity }).remember(`msg_${i}`);
		const log = open(state, T + total, SCOPE, { capacity });
		for (let i = 0; i < first; i++) expect(log.seen(`msg_${i}`)).toBe(false);
		for (let i = first; i < total; i++) expect(log.seen(`msg_${i}`)).toBe(true);
		// The first write stores exactly the ids kept, oldest first.
		log.persist(`msg_${total - 1}`);
		expect(storedKeys(state)).toEqual(
			Array.from({ length: kept }, (_, i) => keyOf(`msg_${first + i}`)),
		);
		restart();
		expect(open(saved(state), T + total, SCOPE, { capacity }).seen(`msg_${first}`)).toBe(true);
	});

	it('writes static data only from persist(), and only when the stored copy lacks the id', () => {
		const state: IDataObject = {};
		accept(state, 'msg_1');
		const log = open(readOnly(state), T + 1);
		expect(log.seen('msg_1')).toBe(true);
		expect(() => log.remember('msg_1')).not.toThrow();
		expect(() => log.persist('msg_1')).not.toThrow();
		expect(() => log.remember('msg_2')).not.toThrow();
		expect(log.seen('msg_2')).toBe(true);
		expect(() => log.persist('msg_2')).toThrow('written');
	});

	it('survives a restart: a fresh process reads the stored copy', () => {
		const state: IDataObject = {};
		accept(state, 'msg_kept');
		restart();
		expect(open(saved(state), T + 60).seen('msg_kept')).toBe(true);
	});

	it('the webhook writes nothing; the execution stores the id, and only when the stored copy lacks it', () => {
		const atWebhook: IDataObject = {};
		open(atWebhook).remember('msg_x');
		// n8n 1.x would save a change made here before it answers; there is none.
		expect(atWebhook).toEqual({});
		// The execution starts from what was stored before the webhook ran.
		const atExecution: IDataObject = {};
		open(atExecution).persist('msg_x');
		expect(storedKeys(atExecution)).toEqual(keys('msg_x'));
		// Once stored, another execution's persist() writes nothing again.
		expect(() => open(readOnly(saved(atExecution))).persist('msg_x')).not.toThrow();
		restart();
		expect(open(saved(atExecution), T + 1).seen('msg_x')).toBe(true);
	});

	it('a concurrent save cannot lose an id: every write stores everything this process knows', () => {
		// Two requests load the same stored copy; each adds its id; the last save wins.
		const stored: IDataObject = {};
		const first = saved(stored);
		const second = saved(stored);
		accept(first, 'msg_first');
		accept(second, 'msg_second');
		expect(storedKeys(second)).toEqual(keys('msg_first', 'msg_second'));
		expect(open(saved(stored), T + 5).seen('msg_first')).toBe(true);
	});

	it('merges what another process stored (queue mode, restarts)', async () => {
		const other = freshProcess();
		const state: IDataObject = {};
		accept(state, 'msg_here');
		const theirs = saved(state);
		const otherLog = other.retryMemory({ scope: SCOPE, state: theirs, now: T + 1 });
		otherLog.remember('msg_there');
		otherLog.persist('msg_there');
		expect(storedKeys(theirs)).toEqual(keys('msg_here', 'msg_there'));
		const log = open(saved(theirs), T + 2);
		expect(log.seen('msg_there')).toBe(true);
		// The other process's copy holds this execution's id: nothing to write.
		expect(() => open(readOnly(saved(theirs)), T + 2).persist('msg_there')).not.toThrow();
	});

	it('keeps triggers apart', () => {
		const state: IDataObject = {};
		open(state, T, 'wf-a:Openlayer Trigger').remember('msg_a');
		expect(open({}, T, 'wf-b:Openlayer Trigger').seen('msg_a')).toBe(false);
	});

	it('stores every id as a short hash, so ids that could break the format or are long cost the same', () => {
		const state: IDataObject = {};
		const odd = 'msg with spaces=and equals';
		const long = `msg_${'x'.repeat(500)}`;
		accept(state, odd);
		accept(state, long);
		expect(storedKeys(state)).toEqual(keys(odd, long));
		expect(keyOf(long)).toMatch(/^[A-Za-z0-9_-]{8}$/);
		expect(state[STORED_KEY]).not.toContain('msg');
		restart();
		const log = open(saved(state), T + 1);
		expect(log.seen(odd)).toBe(true);
		expect(log.seen(long)).toBe(true);
		expect(log.seen(`${long}y`)).toBe(false);
	});

	it('ignores a stored copy it cannot read', () => {
		const log = open({ [STORED_KEY]: 'garbage' });
		expect(log.seen('garbage')).toBe(false);
	});
});
