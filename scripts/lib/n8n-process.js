'use strict';
// One n8n process with its own log file: how it is started, waited for, stopped and read. The
// harness's `n8n start` (n8n-harness.js) and queue mode's `n8n webhook` / `n8n worker` processes
// (n8n-queue.js) differ only in the command, the log line that says "up" and the check that says
// "ready", which each subclass supplies.
const { spawn } = require('node:child_process');
const fs = require('node:fs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class N8nProcess {
	constructor({ name, port, env, logPath }) {
		this.name = name;
		this.port = port;
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.env = env;
		this.logPath = logPath;
		this.child = undefined;
	}

	/** The log line this process prints once it listens. */
	get readyMarker() {
		throw new Error(`${this.constructor.name} names no ready marker`);
	}

	/** Whether the process serves what its callers need; may throw while it is not listening yet. */
	async isReady() {
		return true;
	}

	/**
	 * Spawns `nodeBin args` with the log file as its output, then polls until the ready marker is in
	 * this start's part of the log and `isReady()` holds. An earlier run's marker in the same log must
	 * not count, so only the log after this start's offset is read. `inheritOutput` shows the output
	 * on the terminal instead (`npm start`), where no marker can be read and only `isReady()` counts.
	 */
	async launch(nodeBin, args, { timeoutMs = 180000, inheritOutput = false } = {}) {
		const offset = fs.existsSync(this.logPath) ? fs.statSync(this.logPath).size : 0;
		const out = fs.openSync(this.logPath, 'a');
		const stdio = inheritOutput ? 'inherit' : out;
		this.child = spawn(nodeBin, args, { env: this.env, stdio: ['ignore', stdio, stdio] });
		fs.closeSync(out);
		const child = this.child;
		let exited = false;
		child.on('exit', () => (exited = true));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (exited)
				throw new Error(
					`${this.name} exited during start-up; log: ${this.logPath}\n${this.logTail()}`,
				);
			if (inheritOutput || this.log().slice(offset).includes(this.readyMarker)) {
				try {
					if (await this.isReady(deadline)) return this;
				} catch {
					// not listening yet
				}
			}
			await sleep(200);
		}
		throw new Error(
			`${this.name} did not start within ${timeoutMs} ms; log: ${this.logPath}\n${this.logTail()}`,
		);
	}

	/** SIGTERM, so that n8n shuts down gracefully; SIGKILL after 30 s. */
	async stop() {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const done = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
		await done;
		clearTimeout(timer);
		this.child = undefined;
	}

	log() {
		return fs.existsSync(this.logPath) ? fs.readFileSync(this.logPath, 'utf8') : '';
	}

	logTail(lines = 40) {
		return this.log().split('\n').slice(-lines).join('\n');
	}

	/** Production webhook URL of a trigger node with the given webhookId. */
	webhookUrl(webhookId, nodePath = 'webhook') {
		return `${this.baseUrl}/webhook/${webhookId}/${nodePath}`;
	}
}

module.exports = { N8nProcess, sleep };
