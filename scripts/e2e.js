#!/usr/bin/env node
'use strict';
// The suites that run against a real n8n, on both n8n lines (1.123 on Node 20, 2.41 on Node 24):
//   npm run test:e2e     the HTTP suite (test/e2e)
//   npm run test:ui      the editor suite in Chromium (test/ui)
//   npm run test:real    both, each line running its HTTP suite and then its editor suite
// The two lines run side by side (each n8n is mostly waiting on the other's deliveries, timers
// and start-up, so two lines take far less than twice one); E2E_SERIAL=1 runs them one after
// the other. N8N_LINE=1 or N8N_LINE=2 runs one line only. Output lines are prefixed with their line.
// E2E_RESULTS_DIR=<dir> writes jest's JSON results there as <suite>-<line>.json.
// Extra arguments go to jest (e.g. a test file).
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

const { ensureN8n, N8N_LINES } = require('./lib/n8n-install');

const ROOT = path.join(__dirname, '..');
const SUITES = {
	e2e: { config: 'jest.e2e.config.js' },
	ui: { config: 'jest.ui.config.js', needsChromium: true },
};

const args = process.argv.slice(2);
let suites = ['e2e'];
const suiteFlag = args.indexOf('--suite');
if (suiteFlag >= 0) {
	suites = args[suiteFlag + 1].split(',');
	args.splice(suiteFlag, 2);
}
for (const s of suites) if (!SUITES[s]) throw new Error(`unknown suite ${s}`);

const lines = process.env.N8N_LINE ? [process.env.N8N_LINE] : Object.keys(N8N_LINES);
const serial = process.env.E2E_SERIAL === '1' || lines.length === 1;
const jest = path.join(ROOT, 'node_modules', '.bin', 'jest');

function prefixed(stream, out, label) {
	readline.createInterface({ input: stream }).on('line', (l) => out.write(`${label}${l}\n`));
}

function run(cmd, cmdArgs, env, label) {
	return new Promise((resolve) => {
		const child = spawn(cmd, cmdArgs, {
			cwd: ROOT,
			env,
			stdio: label ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		});
		if (label) {
			prefixed(child.stdout, process.stdout, label);
			prefixed(child.stderr, process.stderr, label);
		}
		child.on('close', (code) => resolve(code === null ? 1 : code));
	});
}

/** Installs an n8n line when the cache lacks it (first run only, minutes), in its own process. */
function install(line, label) {
	return run(
		process.execPath,
		[path.join(__dirname, 'lib', 'n8n-install.js'), line],
		process.env,
		label,
	);
}

async function runLine(line) {
	const label = serial ? '' : `[n8n ${line}] `;
	const started = Date.now();
	// Installed before jest starts, so that it never eats into a test file's beforeAll timeout.
	if ((await install(line, label)) !== 0) return 1;
	ensureN8n(Number(line));
	let status = 0;
	for (const suite of suites) {
		process.stderr.write(`\n${label}=== ${suite} on n8n line ${line}\n`);
		const jestArgs = ['-c', SUITES[suite].config, '--runInBand', ...args];
		if (process.env.E2E_RESULTS_DIR)
			jestArgs.push(
				'--json',
				`--outputFile=${path.join(process.env.E2E_RESULTS_DIR, `${suite}-${line}.json`)}`,
			);
		const code = await run(jest, jestArgs, { ...process.env, N8N_LINE: line }, label);
		if (code !== 0) status = code;
	}
	process.stderr.write(
		`${label}=== n8n line ${line}: ${suites.join(' + ')} ${status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s\n`,
	);
	return status;
}

(async () => {
	if (suites.some((s) => SUITES[s].needsChromium)) {
		if (
			(await run(process.execPath, [path.join(__dirname, 'ensure-chromium.js')], process.env)) !== 0
		)
			process.exit(1);
	}
	let statuses;
	if (serial) {
		statuses = [];
		for (const line of lines) statuses.push(await runLine(line));
	} else {
		statuses = await Promise.all(lines.map(runLine));
	}
	process.exit(statuses.some((s) => s !== 0) ? 1 : 0);
})();
