import type { IDataObject } from 'n8n-workflow';

import {
	forgetProcessMemory,
	keyOf,
	LEGACY_KEY,
	openDeliveryLog,
	RETRY_MEMORY_CAPACITY,
	RETRY_WINDOW_SECONDS,
	STORED_KEY,
	storedKeys,
	trimThreshold,
} from '../../../nodes/Openlayer/deliveryLog';

const T = 1_760_000_000;
const keys = (...ids: string[]) => ids.map(keyOf);
const SCOPE = 'wf-a:Openlayer Trigger';

const open = (state: IDataObject, now = T, scope = SCOPE, extra: { capacity?: number } = {}) =>
	openDeliveryLog({ scope, state, now, ...extra });

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

beforeEach(() => forgetProcessMemory());

describe('retry memory (deliveryLog)', () => {
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
		open(state).remember('msg_old');
		open(state, T + 10).remember('msg_newer');
		expect(Object.keys(state)).toEqual([STORED_KEY]);
		expect(typeof state[STORED_KEY]).toBe('string');
		expect(storedKeys(state)).toEqual(keys('msg_old', 'msg_newer'));
		open(state, T + RETRY_WINDOW_SECONDS + 5).remember('msg_late');
		expect(storedKeys(state)).toEqual(keys('msg_newer', 'msg_late'));
		// About 11 bytes an id: n8n reads and writes the whole string with every request and execution.
		expect((state[STORED_KEY] as string).length).toBeLessThan(60);
	});

	it('keeps the newest ids up to the capacity, trimming the oldest in batches', () => {
		const state: IDataObject = {};
		const limit = trimThreshold(RETRY_MEMORY_CAPACITY);
		for (let i = 0; i < limit; i++) open(state, T + i).remember(`msg_${i}`);
		expect(storedKeys(state)).toHaveLength(limit);
		open(state, T + limit).remember(`msg_${limit}`);
		expect(storedKeys(state)).toHaveLength(RETRY_MEMORY_CAPACITY);
		const log = open(state, T + 2000);
		const dropped = limit + 1 - RETRY_MEMORY_CAPACITY;
		for (let i = 0; i < dropped; i++) expect(log.seen(`msg_${i}`)).toBe(false);
		expect(log.seen(`msg_${dropped}`)).toBe(true);
		expect(log.seen(`msg_${limit}`)).toBe(true);
		expect(storedKeys(state)[0]).toBe(keyOf(`msg_${dropped}`));
		expect((state[STORED_KEY] as string).length).toBeLessThan(RETRY_MEMORY_CAPACITY * 12 + 40);
	});

	it('writes static data only when an id was added', () => {
		const state: IDataObject = {};
		open(state).remember('msg_1');
		const log = open(readOnly(state), T + 1);
		expect(log.seen('msg_1')).toBe(true);
		expect(() => log.remember('msg_1')).not.toThrow();
		expect(() => log.persist('msg_1')).not.toThrow();
		expect(() => log.remember('msg_2')).toThrow('written');
	});

	it('survives a restart: a fresh process reads the stored copy', () => {
		const state: IDataObject = {};
		open(state).remember('msg_kept');
		forgetProcessMemory();
		expect(open(saved(state), T + 60).seen('msg_kept')).toBe(true);
	});

	it('execute() persists an id the stored copy lacks (n8n 2.x lost the webhook change), and only then', () => {
		const atWebhook: IDataObject = {};
		open(atWebhook).remember('msg_2x');
		// The execution starts from what was stored before the webhook ran.
		const atExecution: IDataObject = {};
		open(atExecution).persist('msg_2x');
		expect(storedKeys(atExecution)).toEqual(keys('msg_2x'));
		// Where the webhook's write did reach the database (n8n 1.x), nothing is written again.
		expect(() => open(readOnly(saved(atWebhook))).persist('msg_2x')).not.toThrow();
		forgetProcessMemory();
		expect(open(saved(atExecution), T + 1).seen('msg_2x')).toBe(true);
	});

	it('a concurrent save cannot lose an id: every write stores everything this process knows', () => {
		// Two requests load the same stored copy; each adds its id; the last save wins.
		const stored: IDataObject = {};
		const first = saved(stored);
		const second = saved(stored);
		open(first).remember('msg_first');
		open(second).remember('msg_second');
		expect(storedKeys(second)).toEqual(keys('msg_first', 'msg_second'));
		expect(open(saved(stored), T + 5).seen('msg_first')).toBe(true);
	});

	it('merges what another process stored (queue mode, restarts)', async () => {
		let other: typeof import('../../../nodes/Openlayer/deliveryLog') | undefined;
		await jest.isolateModulesAsync(async () => {
			other = await import('../../../nodes/Openlayer/deliveryLog');
		});
		const state: IDataObject = {};
		open(state).remember('msg_here');
		const theirs = saved(state);
		other!.openDeliveryLog({ scope: SCOPE, state: theirs, now: T + 1 }).remember('msg_there');
		expect(storedKeys(theirs)).toEqual(keys('msg_here', 'msg_there'));
		const log = open(saved(theirs), T + 2);
		expect(log.seen('msg_there')).toBe(true);
		// The other process's copy holds this execution's id: nothing to write.
		expect(() => open(readOnly(saved(theirs)), T + 2).persist('msg_there')).not.toThrow();
	});

	it('reads the array earlier versions stored, and replaces it at the next write', () => {
		const state: IDataObject = {
			[LEGACY_KEY]: [
				{ id: 'msg_legacy', at: T - 60 },
				{ id: 'legacy id with spaces=1', at: T - 60 },
				{ id: 'msg_expired', at: T - RETRY_WINDOW_SECONDS - 1 },
				{ id: `sha256:${'0'.repeat(64)}`, at: T - 60 },
				null,
				{ id: 5 },
				'junk',
			],
		};
		const log = open(state);
		expect(log.seen('msg_legacy')).toBe(true);
		expect(log.seen('legacy id with spaces=1')).toBe(true);
		expect(log.seen('msg_expired')).toBe(false);
		log.remember('msg_new');
		expect(state[LEGACY_KEY]).toBeUndefined();
		expect(storedKeys(state)).toEqual(keys('msg_legacy', 'legacy id with spaces=1', 'msg_new'));
		forgetProcessMemory();
		expect(open(saved(state), T + 1).seen('legacy id with spaces=1')).toBe(true);
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
		open(state).remember(odd);
		open(state).remember(long);
		expect(storedKeys(state)).toEqual(keys(odd, long));
		expect(keyOf(long)).toMatch(/^[A-Za-z0-9_-]{8}$/);
		expect(state[STORED_KEY]).not.toContain('msg');
		forgetProcessMemory();
		const log = open(saved(state), T + 1);
		expect(log.seen(odd)).toBe(true);
		expect(log.seen(long)).toBe(true);
		expect(log.seen(`${long}y`)).toBe(false);
	});

	it("reads the previous version's string (plain ids, epoch seconds) and replaces it at the next write", () => {
		const state: IDataObject = {
			[STORED_KEY]: `v2 0a1b2c3d.7 msg_v2=${(T - 60).toString(36)} #${'A'.repeat(27)}=${(T - 60).toString(36)} msg_old=${(T - RETRY_WINDOW_SECONDS - 5).toString(36)}`,
		};
		const log = open(state);
		expect(log.seen('msg_v2')).toBe(true);
		expect(log.seen('msg_old')).toBe(false);
		log.remember('msg_new');
		expect(state[STORED_KEY]).toMatch(/^v3 /);
		expect(storedKeys(state)).toEqual(keys('msg_v2', 'msg_new'));
	});

	it('ignores a stored copy it cannot read', () => {
		const log = open({ [STORED_KEY]: 'garbage', [LEGACY_KEY]: 'junk' });
		expect(log.seen('garbage')).toBe(false);
	});
});
