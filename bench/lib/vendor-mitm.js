'use strict';
// Lets n8n's built-in Currents Trigger, which hardcodes https://api.currents.dev/v1, talk to the
// local Currents fake instead of the real service. n8n honours HTTPS_PROXY/NO_PROXY; this is that
// proxy. It accepts CONNECT to api.currents.dev:443 only, terminates TLS itself with a certificate
// from a throw-away CA (passed to n8n through NODE_EXTRA_CA_CERTS) and forwards the decrypted
// requests to the fake on 127.0.0.1. Every other destination is refused here, so nothing leaves
// the machine.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');

const VENDOR_HOST = 'api.currents.dev';

/** A CA and a leaf certificate for the vendor host, made with openssl in a temporary folder. */
function makeCertificates() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'testops-bench-ca-'));
	const file = (name) => path.join(dir, name);
	const openssl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
	openssl([
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		file('ca.key'),
		'-out',
		file('ca.crt'),
		'-days',
		'2',
		'-subj',
		'/CN=n8n-nodes-testops benchmark CA',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
	]);
	openssl([
		'req',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		file('leaf.key'),
		'-out',
		file('leaf.csr'),
		'-subj',
		`/CN=${VENDOR_HOST}`,
	]);
	fs.writeFileSync(
		file('leaf.ext'),
		`subjectAltName=DNS:${VENDOR_HOST}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
	);
	openssl([
		'x509',
		'-req',
		'-in',
		file('leaf.csr'),
		'-CA',
		file('ca.crt'),
		'-CAkey',
		file('ca.key'),
		'-CAcreateserial',
		'-out',
		file('leaf.crt'),
		'-days',
		'2',
		'-extfile',
		file('leaf.ext'),
	]);
	return {
		dir,
		caFile: file('ca.crt'),
		key: fs.readFileSync(file('leaf.key')),
		cert: fs.readFileSync(file('leaf.crt')),
	};
}

/**
 * @param {{fakeUrl: string, pathPrefix?: string}} opts  fakeUrl: the local fake's base URL;
 *   pathPrefix is stripped from forwarded paths (the vendor's /v1).
 */
async function startVendorMitm({ fakeUrl, pathPrefix = '/v1' }) {
	const certs = makeCertificates();
	const target = new URL(fakeUrl);
	const stats = { forwarded: 0, refused: [] };

	const inner = http.createServer((req, res) => {
		const forwardPath = req.url.startsWith(pathPrefix)
			? req.url.slice(pathPrefix.length) || '/'
			: req.url;
		stats.forwarded++;
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: forwardPath,
				headers: { ...req.headers, host: target.host },
			},
			(up) => {
				res.writeHead(up.statusCode, up.headers);
				up.pipe(res);
			},
		);
		upstream.on('error', () => {
			res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	const secureContext = tls.createSecureContext({ key: certs.key, cert: certs.cert });

	const proxy = http.createServer((req, res) => {
		// Plain-HTTP proxying is never needed: refuse it.
		stats.refused.push(`${req.method} ${req.url}`);
		res.writeHead(403);
		res.end();
	});
	proxy.on('connect', (req, socket, head) => {
		if (req.url !== `${VENDOR_HOST}:443`) {
			stats.refused.push(`CONNECT ${req.url}`);
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head && head.length) socket.unshift(head);
		const tlsSocket = new tls.TLSSocket(socket, { isServer: true, secureContext });
		tlsSocket.on('error', () => socket.destroy());
		inner.emit('connection', tlsSocket);
	});
	proxy.on('clientError', (_e, socket) => socket.destroy());
	await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
	return {
		stats,
		/** Environment for n8n: the proxy for everything but loopback, and the CA to trust. */
		env: {
			HTTPS_PROXY: proxyUrl,
			HTTP_PROXY: proxyUrl,
			NO_PROXY: '127.0.0.1,localhost,::1',
			NODE_EXTRA_CA_CERTS: certs.caFile,
		},
		async close() {
			await new Promise((resolve) => proxy.close(resolve));
			inner.close();
			fs.rmSync(certs.dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startVendorMitm, VENDOR_HOST };
