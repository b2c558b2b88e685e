'use strict';
// The three triggers as the benchmarks drive them: node classes from dist, the settings a typical
// user picks, and per-delivery request builders that authenticate every request validly (fresh
// timestamps, unique webhook-ids, real signatures) so that each one is accepted.
const path = require('node:path');
const { createHmac, randomBytes } = require('node:crypto');

// BENCH_DIST: another build to compare against (for example a copy of dist made before a change).
const DIST = process.env.BENCH_DIST || path.resolve(__dirname, '..', '..', 'dist');
const fromDist = (rel) => require(path.join(DIST, rel));

const CURRENTS_SECRET = randomBytes(32).toString('hex');
const QASE_SECRET = 'bench-qase-webhook-secret-' + randomBytes(8).toString('hex');
const OPENLAYER_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** Headers every delivery carries besides the vendor's own, as n8n hands them over (lower-cased). */
function transportHeaders(rawBody, userAgent) {
	return {
		host: '127.0.0.1:5678',
		'user-agent': userAgent,
		accept: 'application/json, text/plain, */*',
		'content-type': 'application/json',
		'content-length': String(rawBody.length),
		'accept-encoding': 'gzip, deflate, br',
		'x-forwarded-for': '203.0.113.7',
		'x-forwarded-proto': 'https',
		connection: 'keep-alive',
	};
}

let idCounter = 0;
const uniqueId = () =>
	`msg_${process.pid.toString(36)}${Date.now().toString(36)}${(idCounter++).toString(36)}`;

/** Standard Webhooks signature, computed independently of the code under test. */
function standardSignature(secret, id, timestamp, rawBody) {
	const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
	return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest('base64')}`;
}

const triggers = {
	currents: {
		label: 'Currents Trigger',
		nodeFile: 'nodes/CurrentsTrigger/CurrentsTrigger.node.js',
		className: 'CurrentsTrigger',
		nodeType: 'n8n-nodes-testops.currentsTrigger',
		events: () => fromDist('nodes/Currents/catalog.js').currentsEvents,
		scalingEvent: 'RUN_FINISH',
		/** Automatic setup (the default): the secret lives in the node's static data. */
		params: {
			setupMode: 'automatic',
			project: { __rl: true, mode: 'id', value: 'proj_alpha' },
			events: ['RUN_START', 'RUN_FINISH', 'RUN_TIMEOUT', 'RUN_CANCELED'],
			options: {},
		},
		credentials: () => ({
			currentsTestOpsApi: { apiKey: 'unused-in-webhook', baseUrl: 'http://127.0.0.1:1' },
		}),
		// As activation leaves it (nodes/Currents/hookLifecycle.ts: one slot per production/test URL).
		staticData: () => ({
			production: {
				hookId: '00000000-0000-4000-8000-000000000001',
				projectId: 'proj_alpha',
				secret: CURRENTS_SECRET,
			},
		}),
		request(rawBody, secret = CURRENTS_SECRET) {
			return {
				...transportHeaders(rawBody, 'axios/1.7.9'),
				'x-webhook-secret': secret,
				'x-timestamp': String(Date.now()),
			};
		},
	},
	qase: {
		label: 'Qase Trigger',
		nodeFile: 'nodes/QaseTrigger/QaseTrigger.node.js',
		className: 'QaseTrigger',
		nodeType: 'n8n-nodes-testops.qaseTrigger',
		events: () => fromDist('nodes/Qase/catalog').qaseEvents,
		scalingEvent: 'run.completed',
		/** All entities, all events, payload with context (the defaults), secret credential set. */
		params: { resource: 'all', events: ['*'], output: 'payload', resolveRecord: false },
		credentials: () => ({ qaseWebhookSecretApi: { secret: QASE_SECRET } }),
		staticData: () => ({}),
		request(rawBody, secret = QASE_SECRET) {
			return { ...transportHeaders(rawBody, 'Qase-Webhook/1.0'), 'x-qase-secret': secret };
		},
	},
	openlayer: {
		label: 'Openlayer Trigger',
		nodeFile: 'nodes/OpenlayerTrigger/OpenlayerTrigger.node.js',
		className: 'OpenlayerTrigger',
		nodeType: 'n8n-nodes-testops.openlayerTrigger',
		events: () => fromDist('nodes/Openlayer/catalog.js').openlayerEvents,
		scalingEvent: 'tests.result.updated',
		/** All events, failing tests not attached, retries ignored (the default). */
		params: { events: ['*'], attachFailingTests: false, options: {} },
		credentials: () => ({
			openlayerSigningSecretApi: { secret: OPENLAYER_SECRET, previousSecret: '' },
		}),
		staticData: () => ({}),
		request(rawBody, secret = OPENLAYER_SECRET) {
			const id = uniqueId();
			const timestamp = Math.floor(Date.now() / 1000);
			return {
				...transportHeaders(rawBody, 'Svix-Webhooks/1.40'),
				'webhook-id': id,
				'webhook-timestamp': String(timestamp),
				'webhook-signature': standardSignature(secret, id, timestamp, rawBody),
			};
		},
	},
};

/**
 * The documented sample of `eventName` grown to about `bytes` bytes of JSON with an `extra` array of
 * run-like records (the shape of real bulk data: many small objects, numbers, strings, arrays).
 * Vendors add fields; every trigger keeps unknown fields, so the padding travels the whole path.
 */
function paddedBody(trigger, eventName, bytes) {
	const spec = triggers[trigger].events().find((e) => e.name === eventName);
	if (!spec) throw new Error(`${trigger}: no documented event ${eventName}`);
	const body = structuredClone(spec.sample);
	// Qase copies the payload's fields into the item; the padding goes where the data lives.
	const holder = trigger === 'qase' ? body.payload : trigger === 'openlayer' ? body.data : body;
	const base = Buffer.byteLength(JSON.stringify(body));
	if (bytes <= base) return Buffer.from(JSON.stringify(body));
	holder.extra = [];
	let size = base + ',"extra":[]'.length;
	for (let i = 0; size < bytes; i++) {
		const record = {
			id: i,
			spec: `cypress/e2e/area-${i % 37}/feature-${i}.cy.ts`,
			status: i % 11 === 0 ? 'failed' : 'passed',
			durationMs: 1000 + ((i * 7919) % 50000),
			retries: i % 3,
			tags: ['nightly', `shard-${i % 8}`],
		};
		holder.extra.push(record);
		size += Buffer.byteLength(JSON.stringify(record)) + 1;
	}
	// Trim the last records so the body does not overshoot by more than one record.
	let raw = JSON.stringify(body);
	while (Buffer.byteLength(raw) > bytes && holder.extra.length > 1) {
		holder.extra.pop();
		raw = JSON.stringify(body);
	}
	return Buffer.from(raw);
}

module.exports = {
	triggers,
	paddedBody,
	fromDist,
	standardSignature,
	uniqueId,
	CURRENTS_SECRET,
	QASE_SECRET,
	OPENLAYER_SECRET,
};
