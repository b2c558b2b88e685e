'use strict';
// Section 3: end to end in a real n8n. Each of our triggers against n8n's built-in Webhook node in
// the same instance, each workflow being the trigger alone, driven by autocannon (10 connections,
// fixed duration) in alternating rounds (A B, B A, …) with identical requests; on n8n 2.x also our
// Currents Trigger against n8n's own. Every request is authenticated validly, and after every round
// the executions n8n recorded are counted, so a storm of 401s or failed executions cannot pass for
// throughput.
//   node bench/e2e.js [--lines 1,2] [--duration 3] [--rounds 6] [--diagnose 1,2] [--only qase,openlayer] [--quick]
//   --only: run only the pairs whose name contains one of the given words (case-insensitive)
//   prints JSON on stdout, progress on stderr
const { execFileSync, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const fs = require('node:fs');
const readline = require('node:readline');

const autocannon = require('autocannon');

const { prepareN8n } = require('../scripts/lib/n8n-harness');
const { createCurrentsFake } = require('../test/fakes/currents-api');
const { median, percentile, fmt } = require('./lib/stats');
const { triggers, QASE_SECRET, OPENLAYER_SECRET } = require('./lib/triggers');
const { startVendorMitm } = require('./lib/vendor-mitm');

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const QUICK = process.argv.includes('--quick');
const LINES = String(arg('lines', '1,2')).split(',').map(Number);
// Many short rounds rather than a few long ones: on a shared machine the load drifts within
// seconds, and each ratio is taken between two adjacent runs.
const DURATION = Number(arg('duration', QUICK ? 2 : 3));
const ROUNDS_DEFAULT = Number(arg('rounds', QUICK ? 1 : 6));
// Diagnostic pairs only attribute a gap to its cause; fewer rounds keep the whole run short.
const DIAGNOSTIC_ROUNDS = Math.max(1, Math.min(ROUNDS_DEFAULT, 4));
const WARMUP_DURATION = QUICK ? 1 : 2;
const CONNECTIONS = 10;

const log = (msg) => process.stderr.write(`[e2e] ${msg}\n`);

const API_KEY = `bench-currents-${randomBytes(6).toString('hex')}`;
const CRED = {
	currentsApi: { id: 'credBenchCurApi1', name: 'Bench Currents (fake)' },
	qaseSecret: { id: 'credBenchQaseSec', name: 'Bench Qase secret' },
	openlayerSigning: { id: 'credBenchOlSign1', name: 'Bench Openlayer signing' },
	nativeCurrentsApi: { id: 'credBenchNatCur1', name: 'Bench built-in Currents (fake)' },
	webhookHeaderAuth: { id: 'credBenchHdrAuth', name: 'Bench Webhook header auth' },
};

/** The benchmarked workflows: one trigger node each, nothing after it. */
/**
 * The stored retry memory of a full trigger (1,000 to 1,125 ids, about 10 characters each, and its
 * header) is about this long; the sized diagnostic saves a value of this length per delivery.
 */
const SIZED_STATE_CHARS = 10600;

const VARIANTS = {
	webhook: {
		label: "n8n's Webhook node",
		workflowId: 'wfBenchWebhook01',
		webhookId: 'bench-webhook',
	},
	currents: {
		label: 'our Currents Trigger',
		workflowId: 'wfBenchCurrents1',
		webhookId: 'bench-currents',
	},
	qase: { label: 'our Qase Trigger', workflowId: 'wfBenchQase00001', webhookId: 'bench-qase' },
	openlayer: {
		label: 'our Openlayer Trigger',
		workflowId: 'wfBenchOpenlayer',
		webhookId: 'bench-openlayer',
	},
	nativeCurrents: {
		label: "n8n's Currents Trigger",
		workflowId: 'wfBenchNativeCur',
		webhookId: 'bench-native-cur',
	},
	// Diagnostics (--diagnose): one setting changed, to attribute a gap to its cause.
	qaseNoSecret: {
		label: 'our Qase Trigger without secret credential',
		workflowId: 'wfBenchQaseNoSec',
		webhookId: 'bench-qase-nosec',
	},
	openlayerNoLog: {
		label: 'our Openlayer Trigger, ignoreRetries off',
		workflowId: 'wfBenchOlNoLog01',
		webhookId: 'bench-ol-nolog',
	},
	qaseNoExecute: {
		label: 'our Qase Trigger without execute() (diagnostic build)',
		workflowId: 'wfBenchQaseNoEx',
		webhookId: 'bench-qase-noexec',
	},
	openlayerTinyState: {
		label:
			'our Openlayer Trigger, ignoreRetries off, one short static-data value saved per delivery',
		workflowId: 'wfBenchOlTinySt',
		webhookId: 'bench-ol-tinystate',
	},
	openlayerSizedState: {
		label: `our Openlayer Trigger, ignoreRetries off, one ${SIZED_STATE_CHARS}-character static-data value saved per delivery`,
		workflowId: 'wfBenchOlSizedSt',
		webhookId: 'bench-ol-sizedstate',
	},
	webhookHeaderAuth: {
		label: "n8n's Webhook node with Header Auth",
		workflowId: 'wfBenchWebhkAuth',
		webhookId: 'bench-webhook-auth',
	},
};
const ONLY = arg('only', '').toLowerCase().split(',').filter(Boolean);
// --n8n-env KEY=VALUE,KEY=VALUE: extra environment for n8n (e.g. DB_SQLITE_POOL_SIZE=2, WAL mode).
const N8N_ENV = Object.fromEntries(
	String(arg('n8n-env', ''))
		.split(',')
		.filter(Boolean)
		.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);

/** Source of a diagnostic Openlayer Trigger that saves one static-data value per delivery. */
function stateSaver(suffix, what, padChars) {
	const value = (id) => (padChars > 0 ? `${id} + PAD` : id);
	return [
		"'use strict';",
		`// Written by bench/e2e.js into a benchmark install only: one ${what} static-data value per delivery.`,
		"const { OpenlayerTrigger } = require('../nodes/OpenlayerTrigger/OpenlayerTrigger.node');",
		`const PAD = ' ' + 'x'.repeat(${Math.max(0, padChars - 37)});`,
		`class OpenlayerTrigger${suffix} extends OpenlayerTrigger {`,
		'\tconstructor() {',
		'\t\tsuper();',
		`\t\tthis.description = { ...this.description, name: 'openlayerTrigger${suffix}', displayName: 'Openlayer Trigger (${what} static data, benchmark)' };`,
		'\t}',
		'\tasync execute() {',
		"\t\tconst state = this.getWorkflowStaticData('node');",
		'\t\tfor (const item of this.getInputData()) {',
		`\t\t\tconst want = item.openlayerWebhookId && ${value('item.openlayerWebhookId')};`,
		'\t\t\tif (want && state.last !== want) state.last = want;',
		'\t\t}',
		'\t\treturn await super.execute.call(this);',
		'\t}',
		'}',
		`module.exports = { OpenlayerTrigger${suffix} };`,
	];
}

/**
 * The Qase Trigger without its execute() (which n8n runs inside every execution of a webhook node
 * that has one, for Resolve Full Record): a node type added to the *installed* copy of the package
 * in the benchmark's user folder only, never shipped, so that a diagnostic pair can tell what that
 * step costs. Everything else is the shipped class.
 */
function addDiagnosticNodes(userFolder) {
	const pkgDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-testops');
	const files = {
		'dist/bench-diagnostics/QaseTriggerNoExecute.node.js': [
			"'use strict';",
			'// Written by bench/e2e.js into a benchmark install only: the Qase Trigger without execute().',
			"const { QaseTrigger } = require('../nodes/QaseTrigger/QaseTrigger.node');",
			'class QaseTriggerNoExecute extends QaseTrigger {',
			'\tconstructor() {',
			'\t\tsuper();',
			"\t\tthis.description = { ...this.description, name: 'qaseTriggerNoExecute', displayName: 'Qase Trigger (no execute, benchmark)' };",
			'\t}',
			'}',
			'QaseTriggerNoExecute.prototype.execute = undefined;',
			'module.exports = { QaseTriggerNoExecute };',
		],
		// What n8n charges for saving a node's static data once per delivery: the Openlayer Trigger with
		// its retry memory off, storing one value (the delivery's id) the way the retry memory stores its
		// string: set in execute() when the execution's copy lacks it (n8n saves it when the execution
		// ends). Short, or padded to the full memory's length.
		'dist/bench-diagnostics/OpenlayerTriggerTinyState.node.js': stateSaver('TinyState', 'tiny', 0),
		'dist/bench-diagnostics/OpenlayerTriggerSizedState.node.js': stateSaver(
			'SizedState',
			`${SIZED_STATE_CHARS}-character`,
			SIZED_STATE_CHARS,
		),
	};
	const pkgFile = path.join(pkgDir, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	for (const [file, lines] of Object.entries(files)) {
		fs.mkdirSync(path.join(pkgDir, path.dirname(file)), { recursive: true });
		fs.writeFileSync(path.join(pkgDir, file), [...lines, ''].join('\n'));
		pkg.n8n.nodes.push(file);
	}
	fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
}
// --diagnose 1,2: the n8n lines that also run the diagnostic pairs.
const DIAGNOSE_LINES = process.argv.includes('--diagnose')
	? String(arg('diagnose', '1')).split(',').map(Number).filter(Boolean)
	: [];

function workflow(variantKey, node) {
	const v = VARIANTS[variantKey];
	return {
		id: v.workflowId,
		name: `Benchmark: ${v.label}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: `${v.webhookId}-node`,
				position: [0, 0],
				webhookId: v.webhookId,
				credentials: {},
				...node,
			},
		],
	};
}

function workflows(line) {
	const list = [
		workflow('webhook', {
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			// isFullPath: the URL is /webhook/<path>, the same shape as the triggers' /webhook/<id>/webhook.
			parameters: {
				httpMethod: 'POST',
				path: `${VARIANTS.webhook.webhookId}/webhook`,
				responseMode: 'onReceived',
				options: {},
			},
		}),
		workflow('currents', {
			name: 'Currents Trigger',
			type: triggers.currents.nodeType,
			typeVersion: 1,
			parameters: triggers.currents.params,
			credentials: { currentsTestOpsApi: CRED.currentsApi },
		}),
		workflow('qase', {
			name: 'Qase Trigger',
			type: triggers.qase.nodeType,
			typeVersion: 1,
			parameters: triggers.qase.params,
			credentials: { qaseWebhookSecretApi: CRED.qaseSecret },
		}),
		workflow('openlayer', {
			name: 'Openlayer Trigger',
			type: triggers.openlayer.nodeType,
			typeVersion: 1,
			parameters: triggers.openlayer.params,
			credentials: { openlayerSigningSecretApi: CRED.openlayerSigning },
		}),
	];
	if (DIAGNOSE_LINES.includes(line)) {
		list.push(
			workflow('qaseNoSecret', {
				name: 'Qase Trigger',
				type: triggers.qase.nodeType,
				typeVersion: 1,
				parameters: triggers.qase.params,
			}),
			// The Openlayer Trigger with its retry memory off, as shipped and as the two static-value savers.
			...[
				['openlayerNoLog', triggers.openlayer.nodeType],
				['openlayerTinyState', 'n8n-nodes-testops.openlayerTriggerTinyState'],
				['openlayerSizedState', 'n8n-nodes-testops.openlayerTriggerSizedState'],
			].map(([key, type]) =>
				workflow(key, {
					name: 'Openlayer Trigger',
					type,
					typeVersion: 1,
					parameters: { ...triggers.openlayer.params, options: { ignoreRetries: false } },
					credentials: { openlayerSigningSecretApi: CRED.openlayerSigning },
				}),
			),
			workflow('qaseNoExecute', {
				name: 'Qase Trigger',
				type: 'n8n-nodes-testops.qaseTriggerNoExecute',
				typeVersion: 1,
				parameters: triggers.qase.params,
				credentials: { qaseWebhookSecretApi: CRED.qaseSecret },
			}),
			// n8n's own node checking the same header against a credential: what n8n charges any node
			// for reading a credential per request, our code not involved.
			workflow('webhookHeaderAuth', {
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				parameters: {
					httpMethod: 'POST',
					path: `${VARIANTS.webhookHeaderAuth.webhookId}/webhook`,
					authentication: 'headerAuth',
					responseMode: 'onReceived',
					options: {},
				},
				credentials: { httpHeaderAuth: CRED.webhookHeaderAuth },
			}),
		);
	}
	if (line === 2) {
		list.push(
			workflow('nativeCurrents', {
				name: 'Currents Trigger',
				type: 'n8n-nodes-base.currentsTrigger',
				typeVersion: 1,
				parameters: {
					projectId: { __rl: true, mode: 'id', value: 'proj_alpha' },
					events: triggers.currents.params.events,
				},
				credentials: { currentsApi: CRED.nativeCurrentsApi },
			}),
		);
	}
	return list;
}

function credentials(line, fakeUrl) {
	const list = [
		{
			...CRED.currentsApi,
			type: 'currentsTestOpsApi',
			data: { apiKey: API_KEY, baseUrl: fakeUrl },
		},
		{ ...CRED.qaseSecret, type: 'qaseWebhookSecretApi', data: { secret: QASE_SECRET } },
		{
			...CRED.webhookHeaderAuth,
			type: 'httpHeaderAuth',
			data: { name: 'x-qase-secret', value: QASE_SECRET },
		},
		{
			...CRED.openlayerSigning,
			type: 'openlayerSigningSecretApi',
			data: { secret: OPENLAYER_SECRET, previousSecret: '' },
		},
	];
	if (line === 2)
		list.push({ ...CRED.nativeCurrentsApi, type: 'currentsApi', data: { apiKey: API_KEY } });
	return list;
}

const sampleBody = (key) =>
	Buffer.from(
		JSON.stringify(
			triggers[key].events().find((e) => e.name === triggers[key].scalingEvent).sample,
		),
	);

/** Vendor headers of one delivery, minus what autocannon sets itself (host, length, connection). */
function deliveryHeaders(key, rawBody, secret) {
	const {
		host,
		'content-length': _len,
		connection,
		...rest
	} = triggers[key].request(rawBody, secret);
	return rest;
}

/**
 * Execution counts straight from n8n's database, through one long-lived reader process (a count
 * takes milliseconds, so it can run after every short round).
 */
function executionCounter(n8n) {
	const child = spawn(
		n8n.install.nodeBin,
		[
			path.join(__dirname, 'lib', 'count-executions.js'),
			n8n.install.dir,
			n8n.userFolder,
			'--serve',
		],
		{
			stdio: ['pipe', 'pipe', 'inherit'],
		},
	);
	const waiting = [];
	readline.createInterface({ input: child.stdout }).on('line', (line) => {
		const next = waiting.shift();
		if (!next) return;
		const parsed = JSON.parse(line);
		if (parsed.error) next.reject(new Error(`counting executions: ${parsed.error}`));
		else next.resolve(parsed);
	});
	child.on('exit', () => {
		for (const w of waiting.splice(0)) w.reject(new Error('the execution counter exited'));
	});
	return {
		count: () =>
			new Promise((resolve, reject) => {
				waiting.push({ resolve, reject });
				child.stdin.write('\n');
			}),
		close: () => child.stdin.end(),
	};
}

const CLOCK_TICKS =
	Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU time (ms, user + system, all threads) the n8n process has used so far. Per delivery it is a
 * property of the work done, much less affected by other load on the machine than requests/s.
 */
function cpuMs(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// fields[0] is the 3rd field of the line (state); utime and stime are the 14th and 15th.
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

const PENDING = new Set(['new', 'running', 'waiting', 'unknown']);
function tally(byStatus = {}) {
	let finished = 0;
	let pending = 0;
	for (const [status, n] of Object.entries(byStatus)) {
		if (PENDING.has(status)) pending += n;
		else finished += n;
	}
	return { finished, pending, success: byStatus.success ?? 0 };
}

/**
 * One autocannon run against one variant, then waits until n8n has finished every execution the
 * run started and checks that each accepted request became exactly one successful execution.
 */
async function run(n8n, counter, variantKey, build, duration) {
	const v = VARIANTS[variantKey];
	const before = tally((await counter.count())[v.workflowId]);
	const url = new URL(n8n.webhookUrl(v.webhookId));
	const cpuBefore = cpuMs(n8n.child.pid);
	const result = await autocannon({
		url: url.origin,
		connections: CONNECTIONS,
		duration,
		requests: [
			{
				method: 'POST',
				path: url.pathname,
				setupRequest: (req) => {
					const { headers, body } = build();
					return { ...req, method: 'POST', path: url.pathname, headers, body };
				},
			},
		],
	});
	const accepted = result['2xx'];
	const deadline = Date.now() + 180000;
	let after;
	for (;;) {
		after = tally((await counter.count())[v.workflowId]);
		if (after.pending === 0 && after.finished - before.finished >= accepted) break;
		if (Date.now() > deadline) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	const cpuUsed = cpuMs(n8n.child.pid) - cpuBefore;
	const executions = after.success - before.success;
	const failedExecutions = after.finished - before.finished - executions;
	const problems = [];
	if (result.non2xx) problems.push(`${result.non2xx} non-2xx responses`);
	if (result.errors) problems.push(`${result.errors} connection errors`);
	if (result.timeouts) problems.push(`${result.timeouts} timeouts`);
	if (failedExecutions) problems.push(`${failedExecutions} failed executions`);
	if (after.pending) problems.push(`${after.pending} executions still pending`);
	// In-flight requests at the end of the run may have started executions without their response
	// being counted, hence the upper bound `sent`.
	if (executions < accepted || executions > result.requests.sent) {
		problems.push(
			`${executions} successful executions for ${accepted} accepted of ${result.requests.sent} sent requests`,
		);
	}
	return {
		variant: variantKey,
		durationS: result.duration,
		accepted,
		sent: result.requests.sent,
		reqPerSec: accepted / result.duration,
		latencyP50Ms: result.latency.p50,
		latencyP99Ms: result.latency.p99,
		executions,
		/** n8n's CPU time per successful execution, request and execution included. */
		cpuMsPerDelivery: executions ? cpuUsed / executions : NaN,
		problems,
	};
}

/** Alternating rounds A B, B A, … with identical requests; ratios are taken within each round. */
async function comparePair(n8n, counter, pair) {
	const { a, b, buildFor } = pair;
	const ROUNDS = pair.rounds ?? ROUNDS_DEFAULT;
	for (const key of [a, b]) {
		const warm = await run(n8n, counter, key, buildFor(key), WARMUP_DURATION);
		if (warm.problems.length)
			throw new Error(`${VARIANTS[key].label} warm-up: ${warm.problems.join('; ')}`);
	}
	const rounds = [];
	for (let r = 0; r < ROUNDS; r++) {
		const order = r % 2 === 0 ? [a, b] : [b, a];
		const round = {};
		for (const key of order) round[key] = await run(n8n, counter, key, buildFor(key), DURATION);
		rounds.push(round);
		log(
			`  round ${r + 1}/${ROUNDS}: ${order
				.map(
					(k) =>
						`${VARIANTS[k].label} ${fmt(round[k].reqPerSec)} req/s p99 ${round[k].latencyP99Ms} ms ${fmt(round[k].cpuMsPerDelivery, 1)} CPU ms/delivery (${round[k].executions} executions)`,
				)
				.join(', ')}`,
		);
	}
	const side = (key) => ({
		variant: key,
		label: VARIANTS[key].label,
		medianReqPerSec: median(rounds.map((r) => r[key].reqPerSec)),
		medianP99Ms: median(rounds.map((r) => r[key].latencyP99Ms)),
		medianP50Ms: median(rounds.map((r) => r[key].latencyP50Ms)),
		medianCpuMsPerDelivery: median(rounds.map((r) => r[key].cpuMsPerDelivery)),
		executions: rounds.reduce((n, r) => n + r[key].executions, 0),
		accepted: rounds.reduce((n, r) => n + r[key].accepted, 0),
	});
	const ratios = rounds.map((r) => r[a].reqPerSec / r[b].reqPerSec);
	const problems = rounds.flatMap((r, i) =>
		[a, b].flatMap((k) => r[k].problems.map((p) => `round ${i + 1} ${VARIANTS[k].label}: ${p}`)),
	);
	return {
		name: pair.name,
		diagnostic: Boolean(pair.diagnostic),
		a: side(a),
		b: side(b),
		ratioReqPerSec: median(ratios),
		/** Spread of the per-round ratios: how far the machine's noise reaches. */
		ratioQ1: percentile(ratios, 25),
		ratioQ3: percentile(ratios, 75),
		ratioOfMedians: side(a).medianReqPerSec / side(b).medianReqPerSec,
		ratioP99: median(rounds.map((r) => r[a].latencyP99Ms / r[b].latencyP99Ms)),
		ratioCpu: median(rounds.map((r) => r[a].cpuMsPerDelivery / r[b].cpuMsPerDelivery)),
		rounds,
		problems,
	};
}

async function benchLine(line) {
	const started = Date.now();
	const fake = createCurrentsFake({ apiKeys: [API_KEY] });
	const fakeUrl = await fake.listen();
	const mitm = line === 2 ? await startVendorMitm({ fakeUrl }) : undefined;
	let n8n;
	let counter;
	try {
		n8n = await prepareN8n({
			line,
			credentials: credentials(line, fakeUrl),
			workflows: workflows(line),
			activate: workflows(line).map((w) => w.id),
			// Pruning would soft-delete executions mid-run and spoil the counts.
			env: {
				EXECUTIONS_DATA_PRUNE: 'false',
				...(mitm ? mitm.env : {}),
				...N8N_ENV,
				// e.g. "--cpu-prof --cpu-prof-dir=/tmp/n8n-prof" to see where n8n spends a delivery's time.
				...(process.env.BENCH_N8N_NODE_OPTIONS
					? { NODE_OPTIONS: process.env.BENCH_N8N_NODE_OPTIONS }
					: {}),
			},
		});
		if (DIAGNOSE_LINES.includes(line)) addDiagnosticNodes(n8n.userFolder);
		await n8n.start();
		const nodeVersion = execFileSync(n8n.install.nodeBin, ['--version'], {
			encoding: 'utf8',
		}).trim();
		log(
			`n8n ${n8n.install.version} on Node ${nodeVersion} ready after ${((Date.now() - started) / 1000).toFixed(0)} s`,
		);

		// The secrets the triggers registered with the (fake) Currents API on activation.
		const secretFor = (key) => {
			const hook = fake.hooks.find((h) => h.url === n8n.webhookUrl(VARIANTS[key].webhookId));
			const secret = hook && JSON.parse(hook.headers || '{}')['x-webhook-secret'];
			if (!secret)
				throw new Error(
					`${VARIANTS[key].label} registered no hook with a secret in the Currents fake`,
				);
			return secret;
		};
		const builder = (key, secret) => {
			const body = sampleBody(key);
			return () => ({ headers: deliveryHeaders(key, body, secret), body });
		};
		const ourCurrentsSecret = secretFor('currents');
		// Against the Webhook node both sides get the very same requests (the Webhook node ignores
		// the vendor headers); against n8n's Currents Trigger each side gets its own secret.
		const same = (build) => () => build;
		const pairs = [
			{
				name: 'Currents Trigger vs Webhook',
				a: 'currents',
				b: 'webhook',
				buildFor: same(builder('currents', ourCurrentsSecret)),
			},
			{ name: 'Qase Trigger vs Webhook', a: 'qase', b: 'webhook', buildFor: same(builder('qase')) },
			{
				name: 'Openlayer Trigger vs Webhook',
				a: 'openlayer',
				b: 'webhook',
				buildFor: same(builder('openlayer')),
			},
		];
		if (DIAGNOSE_LINES.includes(line)) {
			pairs.push(
				{
					name: 'Qase Trigger: secret credential vs none',
					a: 'qase',
					b: 'qaseNoSecret',
					buildFor: same(builder('qase')),
					rounds: DIAGNOSTIC_ROUNDS,
					diagnostic: true,
				},
				{
					name: 'Openlayer Trigger: retry log vs none',
					a: 'openlayer',
					b: 'openlayerNoLog',
					buildFor: same(builder('openlayer')),
					rounds: DIAGNOSTIC_ROUNDS,
					diagnostic: true,
				},
				{
					// With the pair above: how much of the retry memory's cost is n8n saving static data.
					name: 'Openlayer Trigger, retry log off: one short static value saved per delivery vs none',
					a: 'openlayerTinyState',
					b: 'openlayerNoLog',
					buildFor: same(builder('openlayer')),
					rounds: DIAGNOSTIC_ROUNDS,
					diagnostic: true,
				},
				{
					// What the retry memory's length costs in n8n (read, copied and written whole each time).
					name: `Openlayer Trigger, retry log off: a ${SIZED_STATE_CHARS}-character static value saved per delivery vs a short one`,
					a: 'openlayerSizedState',
					b: 'openlayerTinyState',
					buildFor: same(builder('openlayer')),
					rounds: DIAGNOSTIC_ROUNDS,
					diagnostic: true,
				},
				{
					// What is left for the retry memory's own code: the same save, without the memory.
					name: `Openlayer Trigger: retry log vs a ${SIZED_STATE_CHARS}-character static value saved per delivery`,
					a: 'openlayer',
					b: 'openlayerSizedState',
					buildFor: same(builder('openlayer')),
					rounds: DIAGNOSTIC_ROUNDS,
					diagnostic: true,
				},
				{
					// The Qase deliveries carry x-qase-secret, which this Webhook node checks.
					name: "n8n's Webhook node: Header Auth credential vs none",
					a: 'webhookHeaderAuth',
					b: 'webhook',
					buildFor: same(builder('qase')),
					rounds: DIAGNOSTIC_ROUNDS,
					diagnostic: true,
				},
				{
					name: 'Qase Trigger: execute() vs none',
					a: 'qase',
					b: 'qaseNoExecute',
					buildFor: same(builder('qase')),
					rounds: DIAGNOSTIC_ROUNDS,
					diagnostic: true,
				},
			);
		}
		if (line === 2) {
			const builders = {
				currents: builder('currents', ourCurrentsSecret),
				nativeCurrents: builder('currents', secretFor('nativeCurrents')),
			};
			pairs.push({
				name: "Currents Trigger vs n8n's Currents Trigger",
				a: 'currents',
				b: 'nativeCurrents',
				buildFor: (key) => builders[key],
			});
			if (DIAGNOSE_LINES.includes(line)) {
				// What n8n itself charges a vendor trigger over its Webhook node, our code not involved.
				pairs.push({
					name: "n8n's Currents Trigger vs Webhook",
					a: 'nativeCurrents',
					b: 'webhook',
					buildFor: same(builders.nativeCurrents),
					rounds: DIAGNOSTIC_ROUNDS,
					diagnostic: true,
				});
			}
		}

		if (ONLY.length > 0) {
			const keep = pairs.filter((p) => ONLY.some((word) => p.name.toLowerCase().includes(word)));
			pairs.splice(0, pairs.length, ...keep);
		}
		// One valid delivery per variant first: a clear message beats a run full of errors.
		for (const pair of pairs) {
			for (const key of [pair.a, pair.b]) {
				const { headers, body } = pair.buildFor(key)();
				const res = await fetch(n8n.webhookUrl(VARIANTS[key].webhookId), {
					method: 'POST',
					headers,
					body,
				});
				const text = await res.text();
				if (res.status !== 200)
					throw new Error(
						`${VARIANTS[key].label} answered a valid delivery with ${res.status} ${text.slice(0, 200)}`,
					);
			}
		}

		const comparisons = [];
		counter = executionCounter(n8n);
		for (const pair of pairs) {
			log(
				`${pair.name} (n8n ${n8n.install.version}): ${pair.rounds ?? ROUNDS_DEFAULT} rounds of ${DURATION} s each, ${CONNECTIONS} connections`,
			);
			const c = await comparePair(n8n, counter, pair);
			comparisons.push(c);
			log(
				`  => ratio ${fmt(c.ratioReqPerSec, 3)} req/s (per-round IQR ${fmt(c.ratioQ1, 2)}-${fmt(c.ratioQ3, 2)}), p99 ${fmt(c.ratioP99, 2)}x, n8n CPU per delivery ${fmt(c.ratioCpu, 3)}x`,
			);
		}
		return {
			line,
			n8nVersion: n8n.install.version,
			nodeVersion,
			comparisons,
			mitm: mitm ? { forwarded: mitm.stats.forwarded, refused: mitm.stats.refused } : undefined,
			seconds: (Date.now() - started) / 1000,
		};
	} finally {
		if (counter) counter.close();
		if (n8n) {
			await n8n.stop().catch(() => {});
			if (process.env.KEEP_N8N) log(`kept ${n8n.userFolder}`);
			n8n.cleanup();
		}
		if (mitm) await mitm.close();
		await fake.close();
	}
}

async function main() {
	const lines = [];
	for (const line of LINES) lines.push(await benchLine(line));
	process.stdout.write(
		JSON.stringify({
			durationS: DURATION,
			rounds: ROUNDS_DEFAULT,
			diagnosticRounds: DIAGNOSTIC_ROUNDS,
			connections: CONNECTIONS,
			lines,
		}),
	);
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`[e2e] could not measure: ${error.stack || error}\n`);
		process.exit(1);
	});
}

module.exports = { benchLine };
