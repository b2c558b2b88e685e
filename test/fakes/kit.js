'use strict';
// A tiny JSON HTTP server kit for the vendor fakes: routing, a request log, and fault injection
// (status, Retry-After, delay, malformed body) driven from tests or over HTTP at /__fake/*.
const http = require('node:http');

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * @param {object} opts
 * @param {string} opts.name
 * @param {(req: {method: string, path: string, query: URLSearchParams, headers: object, body: any, rawBody: Buffer}) => ({status: number, body?: any, headers?: object} | Promise<any>)} opts.handle
 * @param {() => object} [opts.snapshot] state shown at GET /__fake/state
 * @param {() => void} [opts.reset]
 */
function createFakeServer(opts) {
	const requests = [];
	let faults = [];

	function matchFault(method, path) {
		const i = faults.findIndex(
			(f) =>
				(!f.method || f.method === method) &&
				(!f.path || new RegExp(f.path).test(path)) &&
				f.times !== 0,
		);
		if (i < 0) return undefined;
		const fault = faults[i];
		if (typeof fault.times === 'number') fault.times -= 1;
		return fault;
	}

	async function control(method, path, body) {
		if (method === 'GET' && path === '/__fake/requests') return { status: 200, body: requests };
		if (method === 'GET' && path === '/__fake/state')
			return { status: 200, body: opts.snapshot ? opts.snapshot() : {} };
		if (method === 'POST' && path === '/__fake/faults') {
			faults.push(body);
			return { status: 200, body: { faults: faults.length } };
		}
		if (method === 'DELETE' && path === '/__fake/faults') {
			faults = [];
			return { status: 200, body: { faults: 0 } };
		}
		if (method === 'POST' && path === '/__fake/reset') {
			faults = [];
			requests.length = 0;
			if (opts.reset) opts.reset();
			return { status: 200, body: { reset: true } };
		}
		return { status: 404, body: { message: 'unknown control endpoint' } };
	}

	const server = http.createServer(async (req, res) => {
		try {
			const url = new URL(req.url, 'http://fake');
			const rawBody = await readBody(req);
			let body;
			if (rawBody.length) {
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					body = undefined;
				}
			}
			const method = req.method || 'GET';
			let out;
			if (url.pathname.startsWith('/__fake/')) {
				out = await control(method, url.pathname, body);
			} else {
				requests.push({
					method,
					path: url.pathname,
					query: Object.fromEntries(url.searchParams),
					headers: req.headers,
					body,
				});
				const fault = matchFault(method, url.pathname);
				if (fault && fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
				// `perform`: the API does the work, then the answer is lost (a gateway's 504 after the
				// backend committed): the ambiguous failure a non-idempotent request must survive.
				if (fault && fault.perform) {
					await opts.handle({
						method,
						path: url.pathname,
						query: url.searchParams,
						headers: req.headers,
						body,
						rawBody,
					});
				}
				if (fault && fault.status) {
					res.writeHead(fault.status, {
						'content-type': 'application/json',
						...(fault.headers || {}),
					});
					res.end(
						fault.raw !== undefined
							? fault.raw
							: JSON.stringify(fault.body ?? { message: `Injected ${fault.status}` }),
					);
					return;
				}
				if (fault && fault.raw !== undefined) {
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(fault.raw);
					return;
				}
				out = await opts.handle({
					method,
					path: url.pathname,
					query: url.searchParams,
					headers: req.headers,
					body,
					rawBody,
				});
			}
			if (out.status === 204) {
				res.writeHead(204);
				res.end();
				return;
			}
			res.writeHead(out.status, { 'content-type': 'application/json', ...(out.headers || {}) });
			res.end(JSON.stringify(out.body ?? {}));
		} catch (error) {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: `fake ${opts.name} crashed: ${error.message}` }));
		}
	});

	return {
		server,
		requests,
		addFault(fault) {
			faults.push({ ...fault });
		},
		clearFaults() {
			faults = [];
		},
		/** Listens on 127.0.0.1 (port 0 = any free port) and resolves with the base URL. */
		listen(port = 0) {
			return new Promise((resolve) => {
				server.listen(port, '127.0.0.1', () => {
					const address = server.address();
					resolve(`http://127.0.0.1:${address.port}`);
				});
			});
		},
		close() {
			// Clients that keep connections alive (n8n-core's HTTP agent does) would otherwise hold
			// server.close() open until their idle sockets time out.
			const closed = new Promise((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			return closed;
		},
	};
}

module.exports = { createFakeServer };
