'use strict';
// Sends Openlayer-style webhook deliveries signed by the reference Standard Webhooks library
// (the `standardwebhooks` npm package), so tests prove interoperability rather than agreement of
// our code with itself. Loopback targets only.
const { randomUUID } = require('node:crypto');
const http = require('node:http');
const { Webhook } = require('standardwebhooks');

/**
 * Builds the headers and exact body of one delivery.
 * @param {{secret: string, body: object|string, id?: string, timestamp?: number}} opts  timestamp in epoch seconds
 */
function signDelivery(opts) {
	const rawBody = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
	const id = opts.id ?? `msg_${randomUUID().replace(/-/g, '')}`;
	const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
	const signature = new Webhook(opts.secret).sign(id, new Date(timestamp * 1000), rawBody);
	return {
		rawBody,
		headers: {
			'content-type': 'application/json',
			'webhook-id': id,
			'webhook-timestamp': String(timestamp),
			'webhook-signature': signature,
		},
	};
}

/**
 * POSTs a delivery and resolves with the response status and parsed body.
 * @param {string} url
 * @param {{secret?: string, body: object|string, id?: string, timestamp?: number, headers?: object, rawBody?: string}} opts
 *   `secret` absent sends it unsigned; `rawBody` replaces the signed body (tampering); `headers` are merged last.
 */
async function sendDelivery(url, opts) {
	const target = new URL(url);
	if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname))
		throw new Error(`refusing to send to ${target.hostname}`);
	let headers;
	let rawBody;
	if (opts.secret) {
		({ headers, rawBody } = signDelivery(opts));
	} else {
		rawBody = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
		headers = { 'content-type': 'application/json' };
	}
	if (opts.rawBody !== undefined) rawBody = opts.rawBody;
	headers = { ...headers, ...(opts.headers ?? {}) };
	for (const [k, v] of Object.entries(headers)) if (v === undefined) delete headers[k];
	const res = await postOnFreshConnection(url, headers, rawBody);
	const text = res.text;
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return {
		status: res.status,
		body,
		headers: res.headers,
		sent: { headers, rawBody },
	};
}

/**
 * fetch() reuses keep-alive sockets, and on a loaded machine n8n may close an idle one just as it is
 * reused ("other side closed", no answer): a delivery must not depend on that race, so each one
 * gets its own connection, as a vendor's webhook sender opens one.
 */
function postOnFreshConnection(url, headers, rawBody) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', agent: false, headers }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
		});
		req.on('error', reject);
		req.end(rawBody);
	});
}

module.exports = { signDelivery, sendDelivery };
