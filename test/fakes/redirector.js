'use strict';
// Two loopback servers on different ports, for "credentials never follow a redirect": `redirector`
// answers every request with the configured 3xx to the same path on `elsewhere`, another origin,
// which answers 200 with a record-shaped body. Both log what they received (method, path, headers),
// so a test can see whether an API key or token reached the other origin.
const http = require('node:http');

function listen(server) {
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
	});
}

/**
 * @param {{status?: number}} [opts] the redirect status (302 unless given)
 */
function createRedirector(opts = {}) {
	const state = { status: opts.status ?? 302 };
	const redirected = [];
	const received = [];
	let elsewhereUrl = '';
	const elsewhere = http.createServer((req, res) => {
		received.push({ method: req.method, path: req.url, headers: req.headers });
		req.resume();
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify({
				status: true,
				status_code: 'OK',
				result: { id: 1, title: 'served by another origin' },
				data: { specs: [], id: 1 },
			}),
		);
	});
	const redirector = http.createServer((req, res) => {
		redirected.push({ method: req.method, path: req.url, headers: req.headers });
		req.resume();
		res.writeHead(state.status, { location: `${elsewhereUrl}${req.url}` });
		res.end();
	});
	return {
		/** Requests the redirecting server answered with a 3xx. */
		redirected,
		/** Requests that reached the other origin. */
		received,
		setStatus(status) {
			state.status = status;
		},
		async listen() {
			elsewhereUrl = await listen(elsewhere);
			return listen(redirector);
		},
		close() {
			return Promise.all(
				[redirector, elsewhere].map(
					(s) =>
						new Promise((resolve) => {
							s.closeAllConnections?.();
							s.close(() => resolve());
						}),
				),
			);
		},
	};
}

module.exports = { createRedirector };
