'use strict';
// Section 1: the cost of each trigger's webhook() path (verification, validation, shaping) with
// realistic mocked requests, per documented event, and its growth with payload size.
//   node bench/handler.js [--quick] [--only events|scaling|variants]   JSON on stdout, progress on stderr

// The young generation is pinned at one size. n8n's long-lived process has grown it long ago; here,
// V8 grows it in the middle of the run (Node 24: after the 4th forced GC, semi-space 16 -> 32 MB), and
// the first passes over the newly committed memory pay a page fault per page: blocks of 1,000
// deliveries measured 70 µs median instead of 12, for Openlayer with and without the retry memory
// alike (--trace-gc; with the size pinned the same runs stay at 11-12 µs). Re-run once with it pinned.
const PINNED = ['--min-semi-space-size=16', '--max-semi-space-size=16'];
if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
	const { spawnSync } = require('node:child_process');
	const child = spawnSync(
		process.execPath,
		[...process.execArgv, ...PINNED, __filename, ...process.argv.slice(2)],
		{ stdio: 'inherit' },
	);
	process.exit(child.status ?? 1);
}

const { makeWebhookContext } = require('./lib/context');
const { summarize, timeCalls, fmtUs, median } = require('./lib/stats');
const { triggers, paddedBody, fromDist } = require('./lib/triggers');

const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.includes('--only')
	? process.argv[process.argv.indexOf('--only') + 1]
	: undefined;
const runs = (part) => ONLY === undefined || ONLY === part;
const EVENT_RUN = QUICK ? { warmup: 300, iterations: 1000 } : { warmup: 1500, iterations: 5000 };
const SIZES = [
	{ label: '1 KB', bytes: 1024, warmup: QUICK ? 200 : 1500, iterations: QUICK ? 500 : 3000 },
	{ label: '100 KB', bytes: 100 * 1024, warmup: QUICK ? 20 : 100, iterations: QUICK ? 60 : 400 },
	{ label: '1 MB', bytes: 1024 * 1024, warmup: QUICK ? 3 : 10, iterations: QUICK ? 15 : 60 },
];

const log = (msg) => process.stderr.write(`[handler] ${msg}\n`);
const gc = () => global.gc && global.gc();

/**
 * A trigger from dist with its own context and static data, ready to take deliveries of `rawBody`:
 * `run(n)` times the next n calls. Every delivery must be accepted (an execution in n8n); anything
 * else aborts.
 */
function makeRunner(
	triggerKey,
	rawBody,
	{ total, staticData, params, freshStateEachCall = false },
) {
	const t = triggers[triggerKey];
	const NodeClass = fromDist(t.nodeFile)[t.className];
	const node = new NodeClass();
	const opts = {
		nodeType: t.nodeType,
		params: params ?? t.params,
		credentials: t.credentials(),
		staticData: staticData ?? t.staticData(),
	};
	const { ctx, deliver, setWorkflowId, response } = makeWebhookContext(opts);
	// n8n hands every request its own parse of the body (its body parser, before the node runs): a
	// fresh object per delivery, made outside the timed region.
	const text = rawBody.toString('utf8');
	// Unique ids and fresh timestamps are prepared outside the timed region. Openlayer needs one
	// signed header set per delivery (a new webhook-id each), signed just before its call: prepared
	// all at once, 6,500 of them (3 MB) lived through the timed calls and the garbage collector
	// copied them there, in the Openlayer runs alone (the others share a few sets).
	const signEach = triggerKey === 'openlayer';
	const ring = Math.min(total, 64);
	const headerSets = signEach ? [] : Array.from({ length: ring }, () => t.request(rawBody));
	const baseState = opts.staticData;
	let bad;
	let next = 0;
	const prepare = () => {
		const i = next++;
		if (freshStateEachCall) {
			// A trigger that has seen nothing yet: empty static data, and a workflow of its own so that
			// no state kept in the process for another trigger applies.
			opts.staticData = structuredClone(baseState);
			setWorkflowId(`wfBench${i}`);
		}
		deliver(signEach ? t.request(rawBody) : headerSets[i % ring], rawBody, JSON.parse(text));
	};
	const call = async () => {
		const out = await node.webhook.call(ctx);
		if (!out.workflowData && !bad) bad = { status: response().statusCode, body: response().body };
	};
	return {
		async run(warmup, iterations) {
			const samples = await timeCalls(call, { warmup, iterations, prepare });
			if (bad)
				throw new Error(
					`${t.label}: a delivery was not accepted (${bad.status} ${JSON.stringify(bad.body)})`,
				);
			return samples;
		},
	};
}

/** Runs `iterations` deliveries of `rawBody` through a fresh node instance and context. */
async function measure(triggerKey, rawBody, { warmup, iterations, ...rest }) {
	const runner = makeRunner(triggerKey, rawBody, { total: warmup + iterations, ...rest });
	gc();
	return summarize(await runner.run(warmup, iterations));
}

/**
 * Variants of one trigger measured side by side: after each one's warm-up, blocks of calls in
 * alternating order (A B C, C B A, ...), so that a change of machine load hits all of them alike.
 * Returns each variant's summary and its per-block medians.
 */
async function measureSideBySide(triggerKey, rawBody, variants, { warmup, iterations, blocks }) {
	const perBlock = Math.ceil(iterations / blocks);
	const runners = variants.map((v) =>
		makeRunner(triggerKey, rawBody, { total: warmup + perBlock * blocks, ...v.opts }),
	);
	for (const r of runners) await r.run(warmup, 0);
	const samples = variants.map(() => []);
	const blockMedians = variants.map(() => []);
	for (let b = 0; b < blocks; b++) {
		const order =
			b % 2 === 0 ? runners.map((_, i) => i) : runners.map((_, i) => runners.length - 1 - i);
		for (const i of order) {
			gc();
			const s = await runners[i].run(0, perBlock);
			samples[i].push(...s);
			blockMedians[i].push(summarize(s).medianUs);
		}
	}
	return variants.map((v, i) => ({ ...summarize(samples[i]), blockMedians: blockMedians[i] }));
}

async function main() {
	const result = { node: process.version, perEvent: [], scaling: [], variants: [] };

	for (const key of runs('events') ? Object.keys(triggers) : []) {
		const t = triggers[key];
		// Every event once through a warm-up first, so that each one is measured in the steady state of
		// a long-running n8n that has seen them all. Without it, the first event measured carried the
		// JIT's tier-up in its p99: Openlayer's test.created measured 120-136 µs at p99 after 1,500
		// warm-up calls and 86-92 µs after 10,000, with the same median (BENCHMARKS.md).
		for (const spec of t.events()) {
			const rawBody = Buffer.from(JSON.stringify(spec.sample));
			await makeRunner(key, rawBody, { total: EVENT_RUN.warmup }).run(EVENT_RUN.warmup, 0);
		}
		for (const spec of t.events()) {
			const rawBody = Buffer.from(JSON.stringify(spec.sample));
			const s = await measure(key, rawBody, EVENT_RUN);
			result.perEvent.push({ trigger: key, event: spec.name, bytes: rawBody.length, ...s });
		}
		const rows = result.perEvent.filter((r) => r.trigger === key);
		const worst = rows.reduce((a, b) => (b.medianUs > a.medianUs ? b : a));
		log(
			`${t.label}: ${rows.length} events, worst median ${fmtUs(worst.medianUs)} (${worst.event})`,
		);
	}

	for (const key of runs('scaling') ? Object.keys(triggers) : []) {
		const t = triggers[key];
		for (const size of SIZES) {
			const rawBody = paddedBody(key, t.scalingEvent, size.bytes);
			const s = await measure(key, rawBody, size);
			result.scaling.push({
				trigger: key,
				event: t.scalingEvent,
				size: size.label,
				bytes: rawBody.length,
				...s,
			});
			log(`${t.label} ${size.label}: median ${fmtUs(s.medianUs)}, p99 ${fmtUs(s.p99Us)}`);
		}
	}

	// Openlayer remembers accepted webhook-ids (retry suppression, up to 1,000 per trigger within
	// an hour). The per-event figures above are its steady state once the memory is full, the worst
	// case; these show what that memory costs.
	const olBody = Buffer.from(
		JSON.stringify(
			triggers.openlayer.events().find((e) => e.name === 'tests.result.updated').sample,
		),
	);
	const variants = [
		{ name: 'openlayer, retry log full (1000 ids, default)', opts: {} },
		{ name: 'openlayer, retry log empty (first delivery)', opts: { freshStateEachCall: true } },
		{
			name: 'openlayer, ignoreRetries off',
			opts: { params: { ...triggers.openlayer.params, options: { ignoreRetries: false } } },
		},
	];
	if (runs('variants')) {
		const measured = await measureSideBySide('openlayer', olBody, variants, {
			...EVENT_RUN,
			blocks: QUICK ? 4 : 20,
		});
		const off = measured[2];
		variants.forEach((v, i) => {
			const m = measured[i];
			// Ratio to "off": median over blocks of the per-block ratio (same moment, same load).
			const ratios = m.blockMedians.map((x, b) => x / off.blockMedians[b]);
			const { blockMedians: _b, ...summary } = m;
			result.variants.push({
				variant: v.name,
				event: 'tests.result.updated',
				bytes: olBody.length,
				...summary,
				ratioToOff: median(ratios),
			});
			log(
				`${v.name}: median ${fmtUs(m.medianUs)}, p99 ${fmtUs(m.p99Us)}, vs off ${median(ratios).toFixed(2)}`,
			);
		});
	}

	if (runs('events')) result.floor = await machineFloor(result.perEvent);
	process.stdout.write(JSON.stringify(result));
}

/**
 * What the machine alone adds to a p99: a busy loop as long as the slowest event's median, timed the
 * same way (awaited, call by call). On a shared 2-core virtual machine a 14 µs loop measures about
 * 46 µs at p99 (interrupts, the hypervisor), a third to a half of a handler's p99.
 */
async function machineFloor(perEvent) {
	if (perEvent.length === 0) return undefined;
	const spinUs = Math.max(...perEvent.map((r) => r.medianUs));
	const spin = async () => {
		const end = process.hrtime.bigint() + BigInt(Math.round(spinUs * 1000));
		while (process.hrtime.bigint() < end);
	};
	const s = summarize(await timeCalls(spin, EVENT_RUN));
	log(`machine floor: a ${fmtUs(spinUs)} busy loop measures p99 ${fmtUs(s.p99Us)}`);
	return { spinUs, ...s };
}

main().catch((error) => {
	process.stderr.write(`[handler] could not measure: ${error.stack || error}\n`);
	process.exit(1);
});
