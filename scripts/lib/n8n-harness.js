'use strict';
// Runs a real n8n with this package installed the way a user installs it (npm pack, then npm
// install of the tarball into <user folder>/.n8n/nodes, peer and dev dependencies left out as n8n's
// GUI installer does). Shared by `npm start`, the e2e suite and the benchmarks.
const { spawn, execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n, cleanEnv, ROOT, CACHE } = require('./n8n-install');
const { N8nProcess, sleep } = require('./n8n-process');
const { countsByWorkflow, executionCountsSql } = require('./executions');

/**
 * The suites' throwaway user folders (and the processes of one queue-mode n8n) share this key.
 * `npm start` never uses it: its n8n makes a random key for its own user folder in .cache/.
 */
const TEST_ENCRYPTION_KEY = 'n8n-nodes-testops-local-encryption-key';

function log(msg) {
	if (!process.env.N8N_HARNESS_QUIET) process.stderr.write(`[n8n] ${msg}\n`);
}

/** Packs the already built package once per process and returns the tarball path. */
let packed;
function packPackage() {
	if (packed && fs.existsSync(packed)) return packed;
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'testops-pack-'));
	// --ignore-scripts: the caller has just built dist; prepack would rebuild it.
	const out = execFileSync(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', dest],
		{
			cwd: ROOT,
			env: cleanEnv(),
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const info = JSON.parse(out)[0];
	packed = path.join(dest, info.filename);
	return packed;
}

/**
 * Installs the tarball (or several, in one npm install) into `<userFolder>/.n8n/nodes` like n8n's
 * community package installer.
 */
function installPackage(userFolder, tarball) {
	const tarballs = [].concat(tarball);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	// npm spends about 12 s of each install asking the registry about the peer dependencies it then
	// leaves out, and the e2e suite installs into a fresh user folder per test file: the result of
	// one real install per tarball (by content) is kept and copied.
	const hash = createHash('sha256');
	for (const t of tarballs) hash.update(fs.readFileSync(t));
	const digest = hash.digest('hex').slice(0, 16);
	const cached = path.join(CACHE, 'package-installs', digest);
	if (!fs.existsSync(cached)) {
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'testops-install-'));
		npmInstall(tmp, tarballs);
		fs.mkdirSync(path.dirname(cached), { recursive: true });
		try {
			fs.renameSync(tmp, cached);
		} catch {
			// another process installed the same tarball at the same time
			fs.rmSync(tmp, { recursive: true, force: true });
		}
		pruneInstalls(path.dirname(cached), KEPT_INSTALLS);
	} else {
		// Marks it recently used, so that pruning keeps the installs in use.
		const now = new Date();
		fs.utimesSync(cached, now, now);
	}
	fs.rmSync(path.join(nodesDir, 'node_modules', 'n8n-nodes-testops'), {
		recursive: true,
		force: true,
	});
	fs.cpSync(cached, nodesDir, { recursive: true });
}

/** Installs of earlier builds kept besides the newest (about 1 MB each; every code change makes one). */
const KEPT_INSTALLS = 8;

/** Removes all but the `keep` most recently used installs (an install in use is touched on every use). */
function pruneInstalls(dir, keep) {
	const entries = fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.map((e) => ({ name: e.name, mtime: fs.statSync(path.join(dir, e.name)).mtimeMs }))
		.sort((a, b) => b.mtime - a.mtime);
	for (const old of entries.slice(keep)) {
		fs.rmSync(path.join(dir, old.name), { recursive: true, force: true });
	}
}

/** `npm install <tarball>` in a nodes folder, peer and dev dependencies left out as n8n's GUI installer does. */
function npmInstall(nodesDir, tarball) {
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		fs.writeFileSync(
			pkgFile,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	execFileSync(
		'npm',
		[
			'install',
			...[].concat(tarball),
			'--omit=dev',
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{ cwd: nodesDir, stdio: ['ignore', 'ignore', 'inherit'], env: cleanEnv() },
	);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/**
 * What n8n asks to be set and n8n 1.123 does not default to yet (its start-up lists each as a
 * deprecation while unset); each value is n8n 2.x's default, so n8n 2.x needs none of them (and
 * calls N8N_RUNNERS_ENABLED itself deprecated).
 */
const RECOMMENDED_1X = {
	DB_SQLITE_POOL_SIZE: '3',
	N8N_RUNNERS_ENABLED: 'true',
	N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
	N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
};

/**
 * What n8n 2.x's start-up asks to be set explicitly, each at the value it names as its coming
 * default (or, for unverified packages, the value this package needs).
 */
const RECOMMENDED_2X = {
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_RUNNERS_TASK_TIMEOUT: '60',
	N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
	N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',
};

/** Settings only the suites and benchmarks need; `npm start` (`forTests: false`) leaves them out. */
const TEST_ONLY = {
	// The same expression engine on both lines, so that a result on one line compares with the
	// other: n8n's default (`vm`, on isolated-vm) has no build for n8n 1.123's Node 20 here.
	N8N_EXPRESSION_ENGINE: 'legacy',
	N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
	// Node's fetch and the browser suite's cookie injection talk plain http to 127.0.0.1.
	N8N_SECURE_COOKIE: 'false',
};

function n8nEnv({ userFolder, port, brokerPort, extra, line = 1, forTests = true }) {
	const env = cleanEnv();
	// Settings a user would not have set must not leak in from the caller's shell.
	for (const key of Object.keys(env))
		if (key.startsWith('N8N_') || key.startsWith('DB_')) delete env[key];
	// jest sets NODE_ENV=test, which makes n8n refuse to load nodes ("Not available in tests").
	delete env.NODE_ENV;
	delete env.JEST_WORKER_ID;
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		// n8n 2.x reads N8N_WEBHOOK_URL and calls WEBHOOK_URL deprecated; n8n 1.x knows only the latter.
		// The suites keep WEBHOOK_URL on both lines: queue mode points main's at a webhook process with it.
		...(line === 1 || forTests
			? { WEBHOOK_URL: `http://127.0.0.1:${port}/` }
			: { N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/` }),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		DB_TYPE: 'sqlite',
		// n8n 2.x always runs a task broker (default port 5679); give each instance its own.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...(line === 1 ? RECOMMENDED_1X : RECOMMENDED_2X),
		...(forTests ? TEST_ONLY : {}),
		...(extra || {}),
	};
}

/** `n8n start` on one user folder: the CLI commands run against it, and what it has recorded. */
class N8nInstance extends N8nProcess {
	constructor({ line, install, userFolder, port, env }) {
		super({ name: 'n8n', port, env, logPath: path.join(userFolder, 'n8n.log') });
		this.line = line;
		this.install = install;
		this.userFolder = userFolder;
		/** Workflows imported through this instance, and the webhookIds of the active ones. */
		this.workflows = new Map();
		this.activeWebhooks = new Map();
	}

	get n8nBin() {
		return path.join(this.install.dir, 'node_modules', 'n8n', 'bin', 'n8n');
	}

	/**
	 * Runs an n8n CLI command (import:workflow, execute, …) against this user folder. Asynchronous so
	 * that servers in the calling process (the vendor fakes) keep answering while it runs.
	 */
	async cli(args, { timeoutMs = 180000 } = {}) {
		// n8n 2.x starts a task broker in CLI commands too; it must not collide with the server's.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		return await new Promise((resolve, reject) => {
			const child = spawn(this.install.nodeBin, [this.n8nBin, ...args], { env });
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			child.on('close', (code) => {
				clearTimeout(timer);
				fs.appendFileSync(this.logPath, `\n$ n8n ${args.join(' ')}\n${stdout}${stderr}`);
				if (code !== 0) {
					reject(
						new Error(`n8n ${args.join(' ')} failed (${code}): ${(stderr || stdout).slice(-2000)}`),
					);
				} else {
					resolve(stdout);
				}
			});
		});
	}

	async importCredentials(credentials) {
		if (!credentials.length) return;
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file);
	}

	async importWorkflows(workflows) {
		if (!workflows.length) return;
		const file = path.join(this.userFolder, `workflows-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(workflows));
		await this.cli(['import:workflow', `--input=${file}`]);
		for (const wf of workflows) this.workflows.set(wf.id, wf);
		fs.rmSync(file);
	}

	/** Marks workflows active; n8n activates them (and registers their webhooks) at its next start. */
	async activate(ids) {
		for (const id of ids) this.activeWebhooks.set(id, this.webhookIdsOf(id));
		if (this.usesSqlite) {
			await this.setActiveInDatabase(ids, this.line === 1 ? 'true' : 'publish');
			return;
		}
		for (const id of ids) {
			if (this.line === 1) await this.cli(['update:workflow', `--id=${id}`, '--active=true']);
			else await this.cli(['publish:workflow', `--id=${id}`]);
		}
	}

	async deactivate(ids) {
		for (const id of ids) this.activeWebhooks.delete(id);
		if (this.usesSqlite) {
			await this.setActiveInDatabase(ids, 'false');
			return;
		}
		for (const id of ids) {
			if (this.line === 1) await this.cli(['update:workflow', `--id=${id}`, '--active=false']);
			else await this.cli(['unpublish:workflow', `--id=${id}`]);
		}
	}

	/** Queue mode runs on PostgreSQL (n8n-queue.js); everything else on the user folder's SQLite file. */
	get usesSqlite() {
		return (this.env.DB_TYPE || 'sqlite') === 'sqlite';
	}

	/** What `update:workflow --active` (1.x) and `publish:workflow` (2.x) write, for all ids at once. */
	async setActiveInDatabase(ids, state) {
		if (!ids.length) return;
		const script = path.join(__dirname, 'set-active.js');
		await new Promise((resolve, reject) => {
			const child = spawn(
				this.install.nodeBin,
				[script, this.install.dir, this.userFolder, state, ...ids],
				{ stdio: ['ignore', 'ignore', 'pipe'] },
			);
			let stderr = '';
			child.stderr.on('data', (d) => (stderr += d));
			child.on('close', (code) =>
				code === 0 ? resolve() : reject(new Error(`set ${state} ${ids.join(', ')}: ${stderr}`)),
			);
		});
	}

	/** Starts n8n and resolves once it serves requests and has activated its workflows. */
	async start({ timeoutMs = 180000, inheritOutput = false } = {}) {
		return await this.launch(this.install.nodeBin, [this.n8nBin, 'start'], {
			timeoutMs,
			inheritOutput,
		});
	}

	get readyMarker() {
		return 'Editor is now accessible';
	}

	async isReady(deadline) {
		if (!(await this.editorAnswers()) || !(await this.webhooksRegistered())) return false;
		await this.activationsFinished(deadline);
		return true;
	}

	/**
	 * n8n answers /healthz while it still runs its database migrations; the editor is usable once
	 * its REST API answers (settings are served only after start-up) and the page itself loads.
	 */
	async editorAnswers() {
		const settings = await fetch(`${this.baseUrl}/rest/settings`);
		if (!settings.ok) return false;
		const body = await settings.json().catch(() => undefined);
		if (!body || typeof body.data !== 'object') return false;
		const page = await fetch(`${this.baseUrl}/`);
		return page.ok && (page.headers.get('content-type') || '').includes('text/html');
	}

	/**
	 * n8n 2.x activates workflows after it starts serving, so "up" is not "ready": a production
	 * webhook counts as registered once n8n answers a GET on it with "did you mean POST".
	 */
	async webhooksRegistered() {
		for (const webhookIds of this.activeWebhooks.values()) {
			for (const id of webhookIds) {
				const res = await fetch(this.webhookUrl(id));
				const text = await res.text();
				if (res.status === 404 && !text.includes('Did you mean to make a')) return false;
			}
		}
		return true;
	}

	/**
	 * n8n serves a production webhook's route before its node's create() has run, and saves the
	 * static data create() wrote (the Currents hook's secret) only after it returns, so a served
	 * route is not yet an activated workflow; n8n 2.x activates after it starts serving. The last
	 * step of an activation writes the workflow's triggerCount: waits until every active workflow
	 * has one, for 30 s at most, and then goes on (a failed activation never writes it; the suite
	 * that expects one asserts its outcome).
	 */
	async activationsFinished(deadline) {
		const ids = [...this.activeWebhooks.keys()];
		const until = Math.min(deadline, Date.now() + 30000);
		while (ids.length && Date.now() < until) {
			let counts;
			try {
				counts = this.readTriggerCounts();
			} catch {
				// A wait that cannot read the database is no reason to fail the start: it was an extra.
				return;
			}
			if (ids.every((id) => counts[id] > 0)) return;
			await sleep(250);
		}
	}

	/** { workflow id: triggerCount } from the database this n8n runs on (queue mode sets its own reader). */
	readTriggerCounts() {
		if (this.triggerCountReader) return this.triggerCountReader();
		const rows = this.sqliteRows('SELECT id, triggerCount FROM workflow_entity');
		return Object.fromEntries(rows.map((r) => [r.id, r.triggerCount]));
	}

	/**
	 * Runs one read-only query on the user folder's SQLite database with n8n's own sqlite3 module,
	 * under that n8n line's Node binary (the addon is built for it), and returns the rows.
	 */
	sqliteRows(query, params = []) {
		const script = [
			"const path = require('node:path');",
			"const sqlite3 = require(path.join(process.argv[1], 'node_modules', 'sqlite3'));",
			"const db = new sqlite3.Database(path.join(process.argv[2], '.n8n', 'database.sqlite'), sqlite3.OPEN_READONLY);",
			'db.all(process.argv[3], JSON.parse(process.argv[4]), (err, rows) => {',
			'  if (err) { process.stderr.write(err.message); process.exit(1); }',
			'  process.stdout.write(JSON.stringify(rows));',
			'  db.close();',
			'});',
		].join('\n');
		const out = execFileSync(
			this.install.nodeBin,
			['-e', script, this.install.dir, this.userFolder, query, JSON.stringify(params)],
			{ encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		return JSON.parse(out);
	}

	async restart() {
		await this.stop();
		await this.start();
	}

	/** Executions recorded in n8n's database (optionally for one workflow), oldest first. */
	executions(workflowId) {
		const args = [path.join(__dirname, 'read-executions.js'), this.install.dir, this.userFolder];
		if (workflowId) args.push(workflowId);
		const out = execFileSync(this.install.nodeBin, args, {
			encoding: 'utf8',
			maxBuffer: 512 * 1024 * 1024,
		});
		return JSON.parse(out);
	}

	/** Executions of a workflow by status, straight from execution_entity (cheap, no execution data). */
	executionCounts(workflowId) {
		return countsByWorkflow(this.sqliteRows(executionCountsSql(workflowId)))[workflowId] ?? {};
	}

	/** Waits until at least `count` executions of the workflow are finished (or failed). */
	async waitForExecutions(workflowId, count, timeoutMs = 60000) {
		const deadline = Date.now() + timeoutMs;
		let list = [];
		while (Date.now() < deadline) {
			list = this.executions(workflowId).filter(
				(e) => e.status !== 'running' && e.status !== 'new',
			);
			if (list.length >= count) return list;
			await sleep(300);
		}
		throw new Error(`expected ${count} executions of ${workflowId}, saw ${list.length}`);
	}

	/**
	 * n8n's public API (X-N8N-API-KEY), as a user or another system drives it. The first call sets up
	 * the owner account and creates a key through the same REST calls the editor makes.
	 */
	async publicApi(method, apiPath, body) {
		if (!this.apiKey) {
			const setup = await fetch(`${this.baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					email: 'owner@example.com',
					firstName: 'Test',
					lastName: 'Owner',
					password: 'E2e-Passw0rd!',
				}),
			});
			if (!setup.ok) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
			const cookie = (setup.headers.get('set-cookie') || '').split(';')[0];
			const created = await fetch(`${this.baseUrl}/rest/api-keys`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie },
				body: JSON.stringify({
					label: 'e2e',
					expiresAt: null,
					scopes: [
						'workflow:read',
						'workflow:list',
						'workflow:activate',
						'workflow:deactivate',
						'execution:read',
						'execution:list',
					],
				}),
			});
			if (!created.ok)
				throw new Error(`API key creation failed: ${created.status} ${await created.text()}`);
			this.apiKey = (await created.json()).data.rawApiKey;
		}
		const res = await fetch(`${this.baseUrl}/api/v1${apiPath}`, {
			method,
			headers: { 'content-type': 'application/json', 'x-n8n-api-key': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text };
	}

	/** Activates or deactivates a workflow in the running n8n (webhook create/delete run now). */
	async setActive(workflowId, active) {
		const res = await this.publicApi(
			'POST',
			`/workflows/${workflowId}/${active ? 'activate' : 'deactivate'}`,
		);
		if (res.status !== 200)
			throw new Error(
				`${active ? 'activate' : 'deactivate'} ${workflowId}: ${res.status} ${res.text}`,
			);
		if (active) this.activeWebhooks.set(workflowId, this.webhookIdsOf(workflowId));
		else this.activeWebhooks.delete(workflowId);
		const deadline = Date.now() + 30000;
		while (active && !(await this.webhooksRegistered())) {
			if (Date.now() > deadline)
				throw new Error(
					`activated ${workflowId}, but n8n did not serve its webhooks within 30 s: ${await this.webhookStates(workflowId)}`,
				);
			await sleep(200);
		}
		return res.json;
	}

	/** What n8n answers a GET on each production webhook of a workflow, for an error message. */
	async webhookStates(workflowId) {
		const states = [];
		for (const id of this.activeWebhooks.get(workflowId) || []) {
			const res = await fetch(this.webhookUrl(id)).catch((error) => ({ status: error.message }));
			const text = res.text ? (await res.text()).slice(0, 160) : '';
			states.push(`${this.webhookUrl(id)} answered ${res.status} ${text}`);
		}
		return states.join('; ') || 'no webhooks known for it';
	}

	webhookIdsOf(workflowId) {
		const wf = this.workflows.get(workflowId);
		return wf ? wf.nodes.filter((n) => n.webhookId).map((n) => n.webhookId) : [];
	}

	cleanup() {
		if (process.env.KEEP_N8N) return;
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * A new user folder starts from a copy of an empty database that n8n itself has migrated, made once
 * per n8n version by an n8n CLI command (which migrates first, as every n8n command does). A fresh
 * SQLite database costs every n8n start-up about a hundred migrations (tens of seconds on 2 cores),
 * and the e2e suite prepares a fresh n8n per test file.
 */
let templateMaking;
async function migratedTemplate(install, line) {
	const dir = path.join(CACHE, 'db-template', install.version);
	const file = path.join(dir, 'database.sqlite');
	if (fs.existsSync(file)) return file;
	if (!templateMaking) {
		templateMaking = (async () => {
			const started = Date.now();
			const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'testops-n8n-template-'));
			const instance = new N8nInstance({ line: 0, install, userFolder: folder, port: 0, env: {} });
			instance.env = n8nEnv({
				userFolder: folder,
				port: await freePort(),
				brokerPort: await freePort(),
				line,
			});
			await instance.cli(['list:workflow']);
			fs.mkdirSync(dir, { recursive: true });
			// Another process may be making the same template: each writes its own file, renames win.
			const tmp = `${file}.${process.pid}`;
			fs.copyFileSync(path.join(folder, '.n8n', 'database.sqlite'), tmp);
			fs.renameSync(tmp, file);
			fs.rmSync(folder, { recursive: true, force: true });
			log(
				`migrated database template for n8n ${install.version} made in ${Math.round((Date.now() - started) / 1000)} s`,
			);
		})();
	}
	await templateMaking;
	return file;
}

/**
 * Creates a fresh user folder with the package installed, imports credentials and workflows with
 * n8n's CLI, marks the given workflows active, and returns an instance ready to `start()`.
 */
async function prepareN8n({
	line = 1,
	userFolder,
	port,
	workflows = [],
	credentials = [],
	activate = [],
	env,
	forTests = true,
	tarballs,
} = {}) {
	// n8n only saves static data (hook ids, secrets) of workflows whose id has at most 16 characters.
	for (const wf of workflows) {
		if (typeof wf.id !== 'string' || wf.id.length > 16)
			throw new Error(`workflow id "${wf.id}" must be a string of at most 16 characters`);
	}
	const install = ensureN8n(line);
	const folder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'testops-n8n-'));
	const instance = new N8nInstance({
		line,
		install,
		userFolder: folder,
		port: port || (await freePort()),
		env: undefined,
	});
	instance.env = n8nEnv({
		userFolder: folder,
		port: instance.port,
		brokerPort: await freePort(),
		extra: env,
		line,
		forTests,
	});
	const dotN8n = path.join(folder, '.n8n');
	// `npm start` lets n8n make its own database (and encryption key) on first start, as a user's n8n does.
	if (
		forTests &&
		instance.usesSqlite &&
		!fs.existsSync(path.join(dotN8n, 'database.sqlite')) &&
		!process.env.N8N_FRESH_DATABASE
	) {
		fs.mkdirSync(dotN8n, { recursive: true });
		fs.copyFileSync(await migratedTemplate(install, line), path.join(dotN8n, 'database.sqlite'));
	}
	// `tarballs`: packages to install instead of this repository's (test/e2e/packages.e2e.ts).
	installPackage(folder, tarballs || packPackage());
	await instance.importCredentials(credentials);
	await instance.importWorkflows(workflows);
	await instance.activate(activate);
	log(`n8n ${install.version} prepared in ${folder} (port ${instance.port})`);
	return instance;
}

module.exports = {
	prepareN8n,
	TEST_ENCRYPTION_KEY,
	packPackage,
	installPackage,
	freePort,
	n8nEnv,
	N8nInstance,
	CACHE,
	ROOT,
};
