/**
 * `npm run bench -- --check` (bench/run.js): its exit status on canned results, without running
 * the benchmarks. A goal missed fails the check; without --check only an unmeasured section does.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verdictOf } = require('../../../bench/run') as {
	verdictOf: (
		run: { results: object[]; goals: Array<{ goal: string; value: string; ok: boolean }> },
		options?: { check?: boolean },
	) => { exitCode: number; messages: string[] };
};

const e2e = (problems: string[] = []) => ({
	kind: 'e2e',
	label: 'end to end, n8n line 1',
	data: { lines: [{ comparisons: [{ problems }] }] },
});
const met = { goal: 'handler median ≤ 20 µs', value: '12 µs', ok: true };
const missed = { goal: 'e2e req/s ratio ≥ 0.97', value: '0.91', ok: false };

describe('bench --check exit status', () => {
	it('exits 0 when every goal is met', () => {
		expect(verdictOf({ results: [e2e()], goals: [met] }, { check: true })).toEqual({
			exitCode: 0,
			messages: [],
		});
	});

	it('exits 1 naming the goal when one is missed', () => {
		expect(verdictOf({ results: [e2e()], goals: [met, missed] }, { check: true })).toEqual({
			exitCode: 1,
			messages: ['goals missed: e2e req/s ratio ≥ 0.97 (0.91)'],
		});
	});

	it('without --check a missed goal does not fail the run', () => {
		expect(verdictOf({ results: [e2e()], goals: [missed] }).exitCode).toBe(0);
	});

	it('exits 1 when no goal was measured', () => {
		expect(verdictOf({ results: [], goals: [] }, { check: true }).exitCode).toBe(1);
	});

	it('exits 1 when a section could not measure, with or without --check', () => {
		const crashed = { kind: 'handler', label: 'handler (v20)', error: 'exited with 1' };
		for (const check of [false, true]) {
			expect(verdictOf({ results: [crashed], goals: [met] }, { check })).toEqual({
				exitCode: 1,
				messages: ['could not measure: handler (v20)'],
			});
		}
		expect(verdictOf({ results: [e2e(['3 deliveries lost'])], goals: [met] }).exitCode).toBe(1);
	});
});
