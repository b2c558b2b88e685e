/**
 * One lifecycle for the local fake servers (test/fakes/*-api.js, the redirector): created and
 * listening on 127.0.0.1 before the first test of the enclosing describe (or file), closed after
 * its last, and reset before each test. Call it once per fake; a suite with several fakes calls it
 * several times.
 */

/** What the fixture uses of a fake; the members it resets are used where the fake has them. */
export interface FakeLike {
	listen(): Promise<string>;
	close(): Promise<unknown>;
	reset?(): void;
	clearFaults?(): void;
	requests?: unknown[];
}

export interface FakeOptions {
	/** Appended to the URL the fake listens on for baseUrl(), e.g. '/v1' for Qase's API base. */
	path?: string;
	/**
	 * false: no reset between tests, so records, faults and recorded requests carry over (the
	 * suite resets what it needs itself). A suite that needs more than the default reset adds its
	 * own beforeEach after this call; hooks run in the order they are registered.
	 */
	reset?: boolean;
}

export interface UsedFake<F> {
	fake: () => F;
	baseUrl: () => string;
}

/**
 * Registers beforeAll (create + listen), afterAll (close) and, unless `reset: false`, beforeEach:
 * reset(), clearFaults() and an emptied request log. fake() and baseUrl() are valid inside hooks
 * and tests (after the beforeAll), not while the file is being collected.
 */
export function useFake<F extends FakeLike>(
	create: () => F,
	options: FakeOptions = {},
): UsedFake<F> {
	let fake: F | undefined;
	let baseUrl: string | undefined;
	beforeAll(async () => {
		fake = create();
		baseUrl = `${await fake.listen()}${options.path ?? ''}`;
	});
	afterAll(() => fake?.close());
	if (options.reset !== false) {
		beforeEach(() => {
			const f = get(fake);
			f.reset?.();
			f.clearFaults?.();
			if (f.requests) f.requests.length = 0;
		});
	}
	return { fake: () => get(fake), baseUrl: () => get(baseUrl) };
}

function get<T>(value: T | undefined): T {
	if (value === undefined)
		throw new Error('useFake: the fake starts in beforeAll; use it inside a hook or a test');
	return value;
}
