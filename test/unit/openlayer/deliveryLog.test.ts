import {
	DEDUPE_CAPACITY,
	DEDUPE_WINDOW_SECONDS,
	rememberAccepted,
	rememberAcceptedInProcess,
	wasAccepted,
	wasAcceptedInProcess,
	type DeliveryLogState,
} from '../../../nodes/Openlayer/deliveryLog';

const T = 1_760_000_000;

describe('delivery log (retry memory)', () => {
	it('remembers accepted ids for 24 hours', () => {
		const state: DeliveryLogState = {};
		expect(wasAccepted(state, 'msg_1', T)).toBe(false);
		rememberAccepted(state, 'msg_1', T);
		expect(wasAccepted(state, 'msg_1', T)).toBe(true);
		expect(wasAccepted(state, 'msg_1', T + 30 * 60)).toBe(true); // Openlayer's last retry
		expect(wasAccepted(state, 'msg_1', T + DEDUPE_WINDOW_SECONDS)).toBe(true);
		expect(wasAccepted(state, 'msg_1', T + DEDUPE_WINDOW_SECONDS + 1)).toBe(false);
		expect(wasAccepted(state, 'msg_2', T)).toBe(false);
	});

	it('is bounded: the oldest ids are dropped first', () => {
		const state: DeliveryLogState = {};
		for (let i = 0; i < DEDUPE_CAPACITY + 5; i++) rememberAccepted(state, `msg_${i}`, T + i);
		expect(state.acceptedDeliveries).toHaveLength(DEDUPE_CAPACITY);
		for (let i = 0; i < 5; i++) expect(wasAccepted(state, `msg_${i}`, T + 2000)).toBe(false);
		expect(wasAccepted(state, 'msg_5', T + 2000)).toBe(true);
		expect(wasAccepted(state, `msg_${DEDUPE_CAPACITY + 4}`, T + 2000)).toBe(true);
	});

	it('drops expired entries when writing, and honours a custom capacity', () => {
		const state: DeliveryLogState = {};
		const W = DEDUPE_WINDOW_SECONDS;
		rememberAccepted(state, 'old', T, { capacity: 3 });
		rememberAccepted(state, 'a', T + W, { capacity: 3 });
		expect(state.acceptedDeliveries!.map((e) => e.id)).toEqual(['old', 'a']);
		rememberAccepted(state, 'b', T + W + 10, { capacity: 3 });
		expect(state.acceptedDeliveries!.map((e) => e.id)).toEqual(['a', 'b']);
		rememberAccepted(state, 'c', T + W + 20, { capacity: 3 });
		rememberAccepted(state, 'd', T + W + 30, { capacity: 3 });
		expect(state.acceptedDeliveries!.map((e) => e.id)).toEqual(['b', 'c', 'd']);
		rememberAccepted(state, 'e', T + 3 * W, { capacity: 3 });
		expect(state.acceptedDeliveries).toEqual([{ id: 'e', at: T + 3 * W }]);
	});

	it('moves a re-accepted id to the newest position instead of duplicating it', () => {
		const state: DeliveryLogState = {};
		rememberAccepted(state, 'x', T);
		rememberAccepted(state, 'y', T + 1);
		rememberAccepted(state, 'x', T + 2);
		expect(state.acceptedDeliveries).toEqual([
			{ id: 'y', at: T + 1 },
			{ id: 'x', at: T + 2 },
		]);
	});

	it('replaces the stored array on every write (n8n only saves static data whose property was assigned)', () => {
		const state: DeliveryLogState = {};
		rememberAccepted(state, 'x', T);
		const first = state.acceptedDeliveries;
		rememberAccepted(state, 'y', T);
		expect(state.acceptedDeliveries).not.toBe(first);
	});

	it('stays JSON (static data is stored as JSON) and survives a round trip', () => {
		const state: DeliveryLogState = {};
		rememberAccepted(state, 'x', T);
		const reloaded = JSON.parse(JSON.stringify(state)) as DeliveryLogState;
		expect(wasAccepted(reloaded, 'x', T + 1)).toBe(true);
	});

	it('stores very long ids as a hash, still matching them', () => {
		const state: DeliveryLogState = {};
		const long = 'm'.repeat(5000);
		rememberAccepted(state, long, T);
		expect(String(state.acceptedDeliveries![0].id)).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(wasAccepted(state, long, T)).toBe(true);
		expect(wasAccepted(state, `${long}n`, T)).toBe(false);
	});

	it('ignores malformed stored entries instead of failing', () => {
		const state = { acceptedDeliveries: [null, { id: 5 }, { id: 'ok', at: T }, 'junk'] } as unknown as DeliveryLogState;
		expect(wasAccepted(state, 'ok', T)).toBe(true);
		rememberAccepted(state, 'new', T);
		expect(state.acceptedDeliveries).toEqual([
			{ id: 'ok', at: T },
			{ id: 'new', at: T },
		]);
	});
});

describe('process memory (survives concurrent saves of static data, not restarts)', () => {
	it('remembers per scope, for the same window, bounded like the stored log', () => {
		rememberAcceptedInProcess('wf-a:Trigger', 'msg_p1', T);
		expect(wasAcceptedInProcess('wf-a:Trigger', 'msg_p1', T + DEDUPE_WINDOW_SECONDS)).toBe(true);
		expect(wasAcceptedInProcess('wf-a:Trigger', 'msg_p1', T + DEDUPE_WINDOW_SECONDS + 1)).toBe(false);
		expect(wasAcceptedInProcess('wf-b:Trigger', 'msg_p1', T)).toBe(false);
		for (let i = 0; i < DEDUPE_CAPACITY + 1; i++) rememberAcceptedInProcess('wf-c:Trigger', `msg_${i}`, T);
		expect(wasAcceptedInProcess('wf-c:Trigger', 'msg_0', T)).toBe(false);
		expect(wasAcceptedInProcess('wf-c:Trigger', 'msg_1', T)).toBe(true);
		expect(wasAcceptedInProcess('wf-c:Trigger', `msg_${DEDUPE_CAPACITY}`, T)).toBe(true);
	});

	it('still knows an id that a concurrent save dropped from the stored log', () => {
		// Two requests load the same stored log, each adds its id, the last save wins.
		const stored: DeliveryLogState = {};
		const first = JSON.parse(JSON.stringify(stored)) as DeliveryLogState;
		const second = JSON.parse(JSON.stringify(stored)) as DeliveryLogState;
		rememberAccepted(first, 'msg_first', T);
		rememberAcceptedInProcess('wf-d:Trigger', 'msg_first', T);
		rememberAccepted(second, 'msg_second', T);
		rememberAcceptedInProcess('wf-d:Trigger', 'msg_second', T);
		const saved = second;
		expect(wasAccepted(saved, 'msg_first', T + 5)).toBe(false);
		expect(wasAcceptedInProcess('wf-d:Trigger', 'msg_first', T + 5)).toBe(true);
	});
});
