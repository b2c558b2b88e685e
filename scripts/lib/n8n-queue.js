'use strict';
// n8n in queue mode, as self-hosted teams run it when one process is not enough: PostgreSQL and
// Redis (our own server processes on loopback, in temp folders), one main process (editor,
// activation, trigger lifecycle), `n8n webhook` processes (they answer deliveries and enqueue the
// executions) and `n8n worker` processes (they run the executions). Every process shares the
// database, Redis, the encryption key and one N8N_USER_FOLDER, into which this package is installed
// the way n8n's community installer does it (<user folder>/.n8n/nodes/node_modules), so every
// process loads the same copy. Used by `npm run test:queue` (test/queue/).
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { prepareN8n, freePort, N8nInstance } = require('./n8n-harness');
const { N8nProcess, sleep } = require('./n8n-process');
const {
	countsByWorkflow,
	executionCountsSql,
	executionRecord,
	executionsSql,
} = require('./executions');
const { cleanEnv } = require('./n8n-install');

function log(msg) {
	if (!process.env.N8N_HARNESS_QUIET) process.stderr.write(`[n8n-queue] ${msg}\n`);
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function which(cmd) {
	const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return res.status === 0 ? res.stdout.trim() : undefined;
}

/** The folder holding initdb and pg_ctl: Debian's /usr/lib/postgresql/<newest>/bin, else the PATH. */
function postgresBin() {
	const base = '/usr/lib/postgresql';
	if (fs.existsSync(base)) {
		const versions = fs
			.readdirSync(base)
			.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return path.join(base, versions[0], 'bin');
	}
	const initdb = which('initdb');
	return initdb && which('pg_ctl') ? path.dirname(fs.realpathSync(initdb)) : undefined;
}

function serviceProcesses() {
	const pids = new Set();
	for (const name of ['redis-server', 'postgres']) {
		const res = spawnSync('pgrep', ['-x', name], { encoding: 'utf8' });
		for (const pid of (res.stdout || '').split('\n').filter(Boolean)) pids.add(pid);
	}
	return pids;
}

/**
 * Installs Debian's `postgresql` and `redis-server` when missing (as root, with apt-get). A
 * policy-rc.d that forbids service starts is in place during the install, so that no system
 * Redis or PostgreSQL service is left running; any such process that still appears is stopped.
 */
function ensureServicePackages() {
	const missing = [];
	if (!postgresBin() || !which('psql')) missing.push('postgresql');
	if (!which('redis-server')) missing.push('redis-server');
	if (!missing.length) return;
	if (!isRoot()) {
		throw new Error(
			`queue mode needs ${missing.join(' and ')}: run as root, or "sudo apt-get install -y ${missing.join(' ')}"`,
		);
	}
	log(`installing Debian's ${missing.join(' and ')} with apt-get …`);
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !fs.existsSync(policy);
	if (ownPolicy)
		fs.writeFileSync(
			policy,
			'#!/bin/sh\n# n8n-nodes-testops test:queue: no service starts during this install\nexit 101\n',
			{ mode: 0o755 },
		);
	const before = serviceProcesses();
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		const t0 = Date.now();
		for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
			const res = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
			if (res.status !== 0)
				throw new Error(`apt-get ${args.join(' ')} failed with exit ${res.status}`);
		}
		log(`installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	} finally {
		if (ownPolicy) fs.rmSync(policy, { force: true });
	}
	for (const pid of serviceProcesses()) {
		if (before.has(pid)) continue;
		// Only the system services' own processes (config under /etc, data under /var/lib, Redis's
		// default port), never a server someone else started meanwhile.
		let cmdline = '';
		try {
			cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		} catch {
			continue;
		}
		if (!/\/etc\/(redis|postgresql)\/|\/var\/lib\/postgresql\/|:6379\b/.test(cmdline)) continue;
		log(`stopping system service process ${pid} started by the package install`);
		try {
			process.kill(Number(pid), 'SIGTERM');
		} catch {
			// already gone
		}
	}
}

/** Runs a command as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(cmd, args, opts = {}) {
	const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
	const res = spawnSync(file, argv, { encoding: 'utf8', ...opts });
	if (res.status !== 0)
		throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.stderr || res.stdout}`);
	return res.stdout;
}

class Postgres {
	constructor(dir, port) {
		this.dir = dir;
		this.port = port;
		this.bin = postgresBin();
		this.data = path.join(dir, 'data');
		this.logFile = path.join(dir, 'postgres.log');
		this.started = false;
	}

	start() {
		fs.mkdirSync(path.join(this.dir, 'sock'), { recursive: true });
		if (isRoot()) execFileSync('chown', ['-R', 'postgres:', this.dir]);
		asPostgres(path.join(this.bin, 'initdb'), [
			'-D',
			this.data,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
		]);
		asPostgres(path.join(this.bin, 'pg_ctl'), [
			'-D',
			this.data,
			'-l',
			this.logFile,
			'-w',
			'-t',
			'60',
			'-o',
			`-p ${this.port} -k ${path.join(this.dir, 'sock')} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`,
			'start',
		]);
		this.started = true;
	}

	/** Creates a role and a database owned by it. */
	createDatabase(name, user, password) {
		this.psql(`create user ${user} password '${password}'`, 'postgres');
		this.psql(`create database ${name} owner ${user}`, 'postgres');
	}

	/** One SQL statement through psql; rows as unaligned text. */
	psql(sql, database) {
		return execFileSync(
			'psql',
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(this.port),
				'-U',
				'postgres',
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-Atqc',
				sql,
			],
			{
				encoding: 'utf8',
				maxBuffer: 1024 * 1024 * 1024,
				env: { ...cleanEnv(), PGCONNECT_TIMEOUT: '10' },
			},
		);
	}

	/** Rows of a query as objects (json_agg on the server side). */
	query(sql, database) {
		const out = this.psql(
			`select coalesce(json_agg(q), '[]'::json) from (${sql}) q`,
			database,
		).trim();
		return JSON.parse(out || '[]');
	}

	stop() {
		if (!this.started) return;
		this.started = false;
		try {
			asPostgres(path.join(this.bin, 'pg_ctl'), [
				'-D',
				this.data,
				'-m',
				'fast',
				'-w',
				'-t',
				'60',
				'stop',
			]);
		} catch (error) {
			log(`pg_ctl stop: ${error.message}`);
		}
	}
}

class Redis {
	constructor(dir, port) {
		this.dir = dir;
		this.port = port;
		this.pidFile = path.join(dir, 'redis.pid');
		this.logFile = path.join(dir, 'redis.log');
	}

	async start() {
		fs.mkdirSync(this.dir, { recursive: true });
		execFileSync('redis-server', [
			'--port',
			String(this.port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'yes',
			'--pidfile',
			this.pidFile,
			'--logfile',
			this.logFile,
			'--dir',
			this.dir,
		]);
		const deadline = Date.now() + 15000;
		while (!fs.existsSync(this.pidFile)) {
			if (Date.now() > deadline) throw new Error(`redis-server did not start: ${this.logFile}`);
			await sleep(50);
		}
		this.pid = Number(fs.readFileSync(this.pidFile, 'utf8').trim());
	}

	async stop() {
		if (!this.pid) return;
		const pid = this.pid;
		this.pid = undefined;
		try {
			process.kill(pid, 'SIGTERM');
		} catch {
			return;
		}
		const deadline = Date.now() + 10000;
		while (Date.now() < deadline) {
			try {
				process.kill(pid, 0);
			} catch {
				return;
			}
			await sleep(50);
		}
		process.kill(pid, 'SIGKILL');
	}
}

/** Every n8n process started in a cluster folder, for sweep(). */
function recordPid(dir, pid) {
	if (pid) fs.appendFileSync(path.join(dir, 'n8n.pids'), `${pid}\n`);
}

function alive(pid, name) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
	} catch {
		return false;
	}
}

/**
 * Stops whatever a cluster under `runDir` left running (n8n processes, Redis, PostgreSQL), then
 * removes the folder. scripts/queue.js calls it after jest exits, also when jest was killed.
 */
function sweep(runDir) {
	if (!fs.existsSync(runDir)) return [];
	const stopped = [];
	for (const name of fs.readdirSync(runDir)) {
		const dir = path.join(runDir, name);
		const pids = path.join(dir, 'n8n.pids');
		if (fs.existsSync(pids)) {
			for (const pid of fs.readFileSync(pids, 'utf8').split('\n').filter(Boolean).map(Number)) {
				if (alive(pid, 'n8n')) {
					process.kill(pid, 'SIGKILL');
					stopped.push(`n8n ${pid}`);
				}
			}
		}
		const redisPid = path.join(dir, 'redis', 'redis.pid');
		if (fs.existsSync(redisPid)) {
			const pid = Number(fs.readFileSync(redisPid, 'utf8').trim());
			if (alive(pid, 'redis-server')) {
				process.kill(pid, 'SIGKILL');
				stopped.push(`redis-server ${pid}`);
			}
		}
		const pgData = path.join(dir, 'pg', 'data');
		if (fs.existsSync(path.join(pgData, 'postmaster.pid'))) {
			const pg = new Postgres(path.join(dir, 'pg'), 0);
			pg.started = true;
			pg.stop();
			stopped.push('postgres');
		}
	}
	if (!process.env.KEEP_N8N) fs.rmSync(runDir, { recursive: true, force: true });
	return stopped;
}

/** An `n8n webhook` or `n8n worker` process of the cluster. */
class QueueProcess extends N8nProcess {
	constructor({ role, name, cluster, port, env }) {
		super({ name, port, env, logPath: path.join(cluster.dir, `${name}.log`) });
		this.role = role;
		this.cluster = cluster;
	}

	get readyMarker() {
		return this.role === 'webhook'
			? 'Webhook listener waiting for requests'
			: 'n8n worker is now ready';
	}

	async isReady() {
		return (await fetch(`${this.baseUrl}/healthz`)).ok;
	}

	async start({ timeoutMs = 180000 } = {}) {
		const main = this.cluster.main;
		const started = this.launch(main.install.nodeBin, [main.n8nBin, this.role], { timeoutMs });
		recordPid(this.cluster.dir, this.child.pid);
		return await started;
	}

	/** Ids of the executions this worker finished ("Worker finished execution N (job M)"). */
	finishedExecutions() {
		return [...this.log().matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]);
	}
}

/**
 * The whole cluster. `prepare()` starts PostgreSQL and Redis, installs the package into the shared
 * user folder and imports/activates the workflows with the CLI; `start()` starts main, then the
 * webhook processes and the workers, one after another; `stop()` stops everything, services
 * included, and is safe to call after a failure at any point.
 */
class QueueCluster {
	constructor({ line = 1, webhookProcesses = 2, workers = 2, env } = {}) {
		this.line = line;
		this.webhookCount = webhookProcesses;
		this.workerCount = workers;
		this.extraEnv = env || {};
		// scripts/queue.js gives a run folder and sweeps it after jest, however jest ended.
		const base = process.env.QUEUE_RUN_DIR || os.tmpdir();
		fs.mkdirSync(base, { recursive: true });
		this.dir = fs.mkdtempSync(path.join(base, 'testops-queue-'));
		fs.chmodSync(this.dir, 0o755);
		this.webhooks = [];
		this.workers = [];
		this.timings = {};
	}

	get processes() {
		return [this.main, ...this.webhooks, ...this.workers].filter(Boolean);
	}

	async prepare({ workflows = [], credentials = [], activate = [] } = {}) {
		let t0 = Date.now();
		ensureServicePackages();
		// Whatever happens to the test run (a failed test, jest exiting, Ctrl-C), nothing is left running.
		this.onExit = () => this.stopSync();
		this.onSignal = (signal) => {
			this.stopSync();
			process.exit(signal === 'SIGINT' ? 130 : 143);
		};
		process.once('exit', this.onExit);
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, this.onSignal);
		this.postgres = new Postgres(path.join(this.dir, 'pg'), await freePort());
		this.postgres.start();
		this.postgres.createDatabase('n8n', 'n8n', 'n8n');
		this.redis = new Redis(path.join(this.dir, 'redis'), await freePort());
		await this.redis.start();
		this.timings.servicesMs = Date.now() - t0;
		log(
			`PostgreSQL on 127.0.0.1:${this.postgres.port}, Redis on 127.0.0.1:${this.redis.port} (${this.timings.servicesMs} ms)`,
		);

		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			QUEUE_BULL_PREFIX: `testops${process.pid}`,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 'n8n',
			// n8n's default is 2 connections per process, shared by 10 concurrent requests per webhook
			// process here. QUEUE_DB_POOL_SIZE=2 runs n8n's default.
			DB_POSTGRESDB_POOL_SIZE: process.env.QUEUE_DB_POOL_SIZE || '10',
			// n8n 1.x: executions run in the worker itself; 2.x always runs its task runners.
			...(this.line === 1 ? { N8N_RUNNERS_ENABLED: 'false' } : {}),
			...this.extraEnv,
		};
		// Each webhook process has its own port. Main registers vendor hooks (Currents) with the URL
		// a load balancer would have; here that is the first webhook process (the path is the same on
		// every webhook process, and the test spreads deliveries over all of them).
		const webhookPorts = [];
		for (let i = 0; i < this.webhookCount; i++) webhookPorts.push(await freePort());
		queueEnv.WEBHOOK_URL = `http://127.0.0.1:${webhookPorts[0]}/`;
		t0 = Date.now();
		this.main = await prepareN8n({
			line: this.line,
			userFolder: path.join(this.dir, 'n8n'),
			workflows,
			credentials,
			activate,
			env: queueEnv,
		});
		// Main runs on PostgreSQL: its start waits on the triggerCount there, not in a SQLite file.
		this.main.triggerCountReader = () =>
			Object.fromEntries(
				this.postgres
					.query('select id, "triggerCount" from workflow_entity', 'n8n')
					.map((r) => [r.id, r.triggerCount]),
			);
		this.timings.prepareMs = Date.now() - t0;
		for (let i = 0; i < this.webhookCount; i++) {
			const port = webhookPorts[i];
			this.webhooks.push(
				new QueueProcess({
					role: 'webhook',
					name: `webhook-${i + 1}`,
					cluster: this,
					port,
					env: await this.processEnv({ N8N_PORT: String(port) }),
				}),
			);
		}
		for (let i = 0; i < this.workerCount; i++) {
			const port = await freePort();
			this.workers.push(
				new QueueProcess({
					role: 'worker',
					name: `worker-${i + 1}`,
					cluster: this,
					port,
					env: await this.processEnv({ QUEUE_HEALTH_CHECK_PORT: String(port) }),
				}),
			);
		}
		return this;
	}

	/** The main process's environment with this process's own ports. */
	async processEnv(own) {
		return { ...this.main.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...own };
	}

	/** Starts main, then the webhook processes, then the workers. */
	async start() {
		const t0 = Date.now();
		const started = this.main.start();
		if (this.main.child) recordPid(this.dir, this.main.child.pid);
		await started;
		this.timings.mainMs = Date.now() - t0;
		for (const p of [...this.webhooks, ...this.workers]) await p.start();
		this.timings.startMs = Date.now() - t0;
		log(
			`main :${this.main.port}, ${this.webhooks.map((w) => `${w.name} :${w.port}`).join(', ')}, ${this.workers.map((w) => `${w.name} health :${w.port}`).join(', ')} up in ${this.timings.startMs} ms`,
		);
		return this;
	}

	/**
	 * Stops every n8n process: the webhook processes, then main, then the workers, so that queued
	 * executions can finish. Each group stops together: an n8n process may take its whole graceful
	 * shutdown time, and one after the other that was most of a restart.
	 */
	async stopN8n() {
		for (const group of [this.webhooks, [this.main], this.workers]) {
			await Promise.all(
				group
					.filter(Boolean)
					.map((p) => p.stop().catch((e) => log(`stopping ${p.name ?? 'main'}: ${e.message}`))),
			);
		}
	}

	async restart() {
		await this.stopN8n();
		await this.start();
	}

	async stop() {
		await this.stopN8n();
		await this.redis?.stop();
		this.postgres?.stop();
		if (this.onExit) process.removeListener('exit', this.onExit);
		if (this.onSignal)
			for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
				process.removeListener(signal, this.onSignal);
	}

	/** Last resort on process exit: kill what is still running, synchronously. */
	stopSync() {
		for (const p of this.processes) {
			if (p.child && p.child.exitCode === null && p.child.signalCode === null)
				p.child.kill('SIGKILL');
		}
		if (this.redis?.pid) {
			try {
				process.kill(this.redis.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
		this.postgres?.stop();
	}

	cleanup() {
		if (process.env.KEEP_N8N) return;
		fs.rmSync(this.dir, { recursive: true, force: true });
	}

	sql(query) {
		return this.postgres.query(query, 'n8n');
	}

	/** Executions of a workflow by status, from execution_entity. */
	executionCounts(workflowId) {
		return countsByWorkflow(this.sql(executionCountsSql(workflowId)))[workflowId] ?? {};
	}

	/** Executions with the output items of each node, parsed with n8n's own flatted. */
	executions(workflowId) {
		const flatted = require(path.join(this.main.install.dir, 'node_modules', 'flatted'));
		return this.sql(executionsSql(workflowId)).map((row) => executionRecord(row, flatted));
	}

	staticData(workflowId) {
		const [row] = this.sql(
			`select "staticData" as s from workflow_entity where id = '${workflowId}'`,
		);
		if (!row || row.s == null) return null;
		return typeof row.s === 'string' ? JSON.parse(row.s) : row.s;
	}
}

module.exports = {
	QueueCluster,
	QueueProcess,
	Postgres,
	Redis,
	ensureServicePackages,
	postgresBin,
	sweep,
	N8nInstance,
};
