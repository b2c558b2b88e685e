'use strict';
// Section 2: our Standard Webhooks verification (nodes/shared/verify.ts) against the reference
// implementation, the `standardwebhooks` package's Webhook#verify(), on the same inputs in the same
// process, in alternating blocks (A B, B A, …) so that machine drift hits both alike.
//   node bench/verify.js [--quick]       prints JSON on stdout, progress on stderr
const { Webhook } = require('standardwebhooks');

const { median, fmtUs } = require('./lib/stats');
const {
	fromDist,
	standardSignature,
	paddedBody,
	triggers,
	OPENLAYER_SECRET,
} = require('./lib/triggers');

const QUICK = process.argv.includes('--quick');
const { verifyStandardWebhook } = fromDist('nodes/shared/verify.js');
const log = (msg) => process.stderr.write(`[verify] ${msg}\n`);

function input(rawBody) {
	const id = 'msg_2Lmf0dNGBRZSyqGm3sJ1GiCzXnl';
	const timestamp = Math.floor(Date.now() / 1000);
	const headers = {
		host: '127.0.0.1:5678',
		'user-agent': 'Svix-Webhooks/1.40',
		'content-type': 'application/json',
		'content-length': String(rawBody.length),
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': standardSignature(OPENLAYER_SECRET, id, timestamp, rawBody),
	};
	return { headers, rawBody };
}

/** Mean time per call (µs) of `k` calls, run as one block. */
function block(fn, k) {
	const t0 = process.hrtime.bigint();
	for (let i = 0; i < k; i++) fn();
	return Number(process.hrtime.bigint() - t0) / 1000 / k;
}

/**
 * Compares named contenders on one input: `rounds` rounds, each running every contender for one
 * block, the order reversed every other round. Returns per-contender median µs/call and the median
 * of the per-round ratios against `baseline`.
 */
function compare(contenders, baseline, { rounds, k, warmupBlocks = 3 }) {
	const names = Object.keys(contenders);
	for (const name of names) {
		const out = contenders[name]();
		if (out !== true)
			throw new Error(`${name} did not verify the delivery (${JSON.stringify(out)})`);
		for (let w = 0; w < warmupBlocks; w++) block(contenders[name], k);
	}
	const times = Object.fromEntries(names.map((n) => [n, []]));
	for (let r = 0; r < rounds; r++) {
		const order = r % 2 === 0 ? names : [...names].reverse();
		for (const name of order) times[name].push(block(contenders[name], k));
	}
	const result = {};
	for (const name of names) {
		const ratios = times[name].map((t, r) => t / times[baseline][r]);
		result[name] = { medianUs: median(times[name]), ratioToBaseline: median(ratios) };
	}
	return result;
}

function main() {
	const sample = triggers.openlayer.events().find((e) => e.name === 'tests.result.updated').sample;
	const inputs = [
		{
			label: 'documented sample',
			rawBody: Buffer.from(JSON.stringify(sample)),
			rounds: QUICK ? 10 : 40,
			k: QUICK ? 200 : 1000,
		},
		{
			label: '1 KB',
			rawBody: paddedBody('openlayer', 'tests.result.updated', 1024),
			rounds: QUICK ? 10 : 40,
			k: QUICK ? 200 : 1000,
		},
		{
			label: '100 KB',
			rawBody: paddedBody('openlayer', 'tests.result.updated', 100 * 1024),
			rounds: QUICK ? 6 : 20,
			k: QUICK ? 10 : 40,
		},
		{
			label: '1 MB',
			rawBody: paddedBody('openlayer', 'tests.result.updated', 1024 * 1024),
			rounds: QUICK ? 4 : 12,
			k: QUICK ? 2 : 5,
		},
	];
	const results = [];
	for (const inp of inputs) {
		const { headers, rawBody } = input(inp.rawBody);
		const reference = new Webhook(OPENLAYER_SECRET);
		const secrets = [OPENLAYER_SECRET];
		const contenders = {
			// The reference as its README uses it: one Webhook per secret, verify() returns the parsed body.
			theirs: () => reference.verify(rawBody, headers) !== undefined,
			// Ours verifies only; the node parses the JSON afterwards, so "ours + parse" is the same work.
			ours: () => verifyStandardWebhook({ headers, rawBody, secrets }).ok,
			oursPlusParse: () =>
				verifyStandardWebhook({ headers, rawBody, secrets }).ok &&
				JSON.parse(rawBody.toString('utf8')) !== undefined,
			// A node reads the secret from its credential per delivery, so it would build the Webhook per call.
			theirsNewPerCall: () => new Webhook(OPENLAYER_SECRET).verify(rawBody, headers) !== undefined,
		};
		const r = compare(contenders, 'theirs', inp);
		results.push({ input: inp.label, bytes: rawBody.length, ...r });
		log(
			`${inp.label} (${rawBody.length} B): ours ${fmtUs(r.ours.medianUs)}, ours+parse ${fmtUs(r.oursPlusParse.medianUs)}, ` +
				`theirs ${fmtUs(r.theirs.medianUs)}; ours/theirs ${r.ours.ratioToBaseline.toFixed(3)}, ` +
				`(ours+parse)/theirs ${r.oursPlusParse.ratioToBaseline.toFixed(3)}`,
		);
	}
	process.stdout.write(JSON.stringify({ node: process.version, results }));
}

try {
	main();
} catch (error) {
	process.stderr.write(`[verify] could not measure: ${error.stack || error}\n`);
	process.exit(1);
}
