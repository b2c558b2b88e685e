'use strict';
// What the e2e suites need from the machine itself: environment switches, stderr, n8n's SQLite
// database and files in n8n's install and user folders. It lives in plain JS next to the harness
// (scripts/lib/n8n-harness.js) because it is test infrastructure, while every .ts file in this
// repository, tests included, keeps to the same n8n Cloud rules as the nodes (`n8n-node lint`).
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const { drain } = require('../../scripts/lib/executions');
const { n8nLine } = require('../../scripts/lib/n8n-install');

/** The environment variable `name`, or undefined. */
const env = (name) => process.env[name];

/**
 * Polls `check` (sync or async) until it returns something truthy or `timeoutMs` passes, and
 * returns its last value either way: for a caller that reports what it saw.
 */
async function waitFor(check, { timeoutMs = 10000, intervalMs = 100 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value || Date.now() > deadline) return value;
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

/** Polls until `check` holds, or throws (n8n 2.x finishes some activation work after answering). */
async function until(check, timeoutMs = 15000) {
	if (!(await waitFor(check, { timeoutMs })))
		throw new Error(`condition not met within ${timeoutMs} ms: ${check.toString()}`);
}

/** One line to stderr, which jest shows beside the test results. */
const stderr = (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);

/**
 * Prints one line of figures to stderr (jest shows it), prefixed so that it can be grepped:
 * `[figures <suite> | n8n <version>] <text>`. `n8n` is the instance (or queue-mode main) measured,
 * undefined before it is prepared. Returns the line.
 */
function figure(suite, n8n, text) {
	const line = `[figures ${suite} | n8n ${n8n?.install?.version ?? '?'}] ${text}`;
	stderr(line);
	return line;
}

/** One read-only query on the instance's SQLite database (the harness's `sqliteRows`): the rows. */
const sqlite = (n8n, query, params = []) => n8n.sqliteRows(query, params);

/** A module from the n8n install under test (e.g. its `flatted`), not from this repository. */
const requireFromN8n = (n8n, name) => require(path.join(n8n.install.dir, 'node_modules', name));

/** The node or credential types n8n wrote for its editor (<userFolder>/.cache/n8n/public/types). */
function publishedTypes(n8n, kind) {
	const file = path.join(n8n.userFolder, '.cache', 'n8n', 'public', 'types', `${kind}.json`);
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** A JSON file of this repository (e.g. an example workflow), by its path from the repository root. */
const readRepoJson = (...segments) =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', ...segments), 'utf8'));

/**
 * POST on a fresh connection. fetch() reuses keep-alive sockets, and on a loaded machine n8n may
 * close an idle one just as it is reused ("other side closed", no answer); a delivery must not
 * depend on that race.
 */
function postFresh(url, body, headers = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

/**
 * A lock shared by every process on this machine (a directory: mkdir is atomic), for suites that
 * measure n8n under load: when the two n8n lines run side by side (scripts/e2e.js), their load
 * bursts must not run at the same time on 2 cores. A lock whose holder process is gone is taken over.
 * Resolves to the release function.
 */
async function machineLock(name, { timeoutMs = 15 * 60 * 1000 } = {}) {
	const dir = path.join(require('node:os').tmpdir(), `testops-lock-${name}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			fs.mkdirSync(dir);
			fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
			return () => fs.rmSync(dir, { recursive: true, force: true });
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		let holder = 0;
		try {
			holder = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
		} catch {
			// just created, pid not written yet
		}
		if (holder > 0) {
			try {
				process.kill(holder, 0);
			} catch {
				fs.rmSync(dir, { recursive: true, force: true });
				continue;
			}
		}
		if (Date.now() > deadline) throw new Error(`lock ${name} still held by process ${holder}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

module.exports = {
	env,
	n8nLine,
	waitFor,
	until,
	figure,
	drain,
	stderr,
	sqlite,
	requireFromN8n,
	publishedTypes,
	readRepoJson,
	postFresh,
	machineLock,
};
