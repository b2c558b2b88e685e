'use strict';
// Small statistics and timing helpers shared by the benchmark sections.

/** Sorted copy (ascending) of a numeric array. */
const sorted = (values) => Float64Array.from(values).sort();

/** Nearest-rank percentile (p in 0..100) of a numeric array. */
function percentile(values, p) {
	if (values.length === 0) return NaN;
	const s = sorted(values);
	const rank = Math.ceil((p / 100) * s.length);
	return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

const median = (values) => {
	if (values.length === 0) return NaN;
	const s = sorted(values);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** Summary of per-call times in microseconds. */
function summarize(samplesUs) {
	return {
		n: samplesUs.length,
		medianUs: median(samplesUs),
		p99Us: percentile(samplesUs, 99),
		minUs: percentile(samplesUs, 0),
		meanUs: mean(samplesUs),
	};
}

const nowNs = () => process.hrtime.bigint();
const elapsedUs = (startNs) => Number(process.hrtime.bigint() - startNs) / 1000;

/**
 * Times `fn` (sync or async) call by call: `warmup` untimed calls, then `iterations` timed ones.
 * `fn(i)` gets the call index so callers can rotate prepared inputs outside the timed region.
 */
async function timeCalls(fn, { warmup, iterations, prepare }) {
	for (let i = 0; i < warmup; i++) {
		if (prepare) prepare(i);
		await fn(i);
	}
	const samples = new Float64Array(iterations);
	for (let i = 0; i < iterations; i++) {
		if (prepare) prepare(warmup + i);
		const t0 = nowNs();
		await fn(warmup + i);
		samples[i] = elapsedUs(t0);
	}
	return Array.from(samples);
}

/** Synchronous variant of timeCalls (no await between calls, lower timer overhead). */
function timeCallsSync(fn, { warmup, iterations, prepare }) {
	for (let i = 0; i < warmup; i++) {
		if (prepare) prepare(i);
		fn(i);
	}
	const samples = new Float64Array(iterations);
	for (let i = 0; i < iterations; i++) {
		if (prepare) prepare(warmup + i);
		const t0 = nowNs();
		fn(warmup + i);
		samples[i] = elapsedUs(t0);
	}
	return Array.from(samples);
}

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

/** Formats microseconds with a unit that keeps 3 significant-ish digits. */
function fmtUs(us) {
	if (!Number.isFinite(us)) return String(us);
	if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
	if (us >= 100) return `${us.toFixed(0)} µs`;
	return `${us.toFixed(1)} µs`;
}

function fmtBytes(bytes) {
	if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${bytes} B`;
}

/** Renders rows (arrays of strings) as an aligned plain-text table with a header row. */
function table(header, rows) {
	const all = [header, ...rows];
	const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
	const line = (r) =>
		r
			.map((v, c) => String(v).padEnd(widths[c]))
			.join('  ')
			.trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

module.exports = {
	percentile,
	median,
	mean,
	summarize,
	timeCalls,
	timeCallsSync,
	nowNs,
	elapsedUs,
	fmt,
	fmtUs,
	fmtBytes,
	table,
};
