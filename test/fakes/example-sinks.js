'use strict';
// Local stand-ins for the services the examples/ workflows call: a chat webhook (Slack incoming
// webhook style), GitHub's "create an issue" endpoint, an SMTP server and an OpenAI-compatible chat
// completions endpoint. They record what they receive so the e2e suite can check it; loopback only.
const net = require('node:net');
const { createFakeServer } = require('./kit');

/** Slack incoming webhooks answer 200 "ok" to a JSON {text}. */
function createChatSink() {
	return createFakeServer({
		name: 'chat',
		handle: ({ method, body }) => {
			if (method !== 'POST') return { status: 405, body: { error: 'method not allowed' } };
			if (!body || typeof body.text !== 'string' || body.text === '')
				return { status: 400, body: { error: 'no_text' } };
			return { status: 200, body: { ok: true } };
		},
	});
}

/** POST /repos/{owner}/{repo}/issues with a bearer token, as GitHub's REST API. */
function createGithubFake(options = {}) {
	const token = options.token ?? 'gh-test-token';
	let next = 1;
	return createFakeServer({
		name: 'github',
		reset: () => {
			next = 1;
		},
		handle: ({ method, path, headers, body }) => {
			if (headers.authorization !== `Bearer ${token}`)
				return { status: 401, body: { message: 'Bad credentials' } };
			const m = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(path);
			if (!m || method !== 'POST') return { status: 404, body: { message: 'Not Found' } };
			if (!body || typeof body.title !== 'string' || body.title === '')
				return { status: 422, body: { message: 'Validation Failed' } };
			const number = next++;
			return {
				status: 201,
				body: {
					number,
					title: body.title,
					body: body.body ?? null,
					html_url: `https://github.com/${m[1]}/${m[2]}/issues/${number}`,
					state: 'open',
				},
			};
		},
	});
}

/**
 * OpenAI-compatible POST /v1/chat/completions answering a fixed assistant message, as JSON or as
 * server-sent events when the client asks for a stream.
 */
function createOpenAiFake(options = {}) {
	const reply =
		options.reply ?? 'Triage: 1 product bug (login), 1 flaky test (cart). Look at login first.';
	const fake = createFakeServer({
		name: 'openai',
		handle: ({ method, path, body }) => {
			if (method === 'GET' && /\/models$/.test(path))
				return {
					status: 200,
					body: { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] },
				};
			if (method !== 'POST' || !/\/chat\/completions$/.test(path))
				return { status: 404, body: { error: { message: 'not found' } } };
			const created = Math.floor(Date.now() / 1000);
			return {
				status: 200,
				body: {
					id: `chatcmpl-${created}`,
					object: 'chat.completion',
					created,
					model: (body && body.model) || 'gpt-4o-mini',
					choices: [
						{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' },
					],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				},
			};
		},
	});
	// Streaming clients get the same answer as server-sent events.
	const original = fake.server.listeners('request')[0];
	fake.server.removeAllListeners('request');
	fake.server.on('request', (req, res) => {
		if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url)) return original(req, res);
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			let body = {};
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				/* answered as non-streaming below */
			}
			fake.requests.push({
				method: req.method,
				path: req.url,
				query: {},
				headers: req.headers,
				body,
			});
			const created = Math.floor(Date.now() / 1000);
			const base = { id: `chatcmpl-${created}`, created, model: body.model || 'gpt-4o-mini' };
			if (!body.stream) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						...base,
						object: 'chat.completion',
						choices: [
							{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' },
						],
						usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
					}),
				);
				return;
			}
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
			const send = (obj) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
			send({
				...base,
				object: 'chat.completion.chunk',
				choices: [{ index: 0, delta: { role: 'assistant', content: reply }, finish_reason: null }],
			});
			send({
				...base,
				object: 'chat.completion.chunk',
				choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
				usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
			});
			res.end('data: [DONE]\n\n');
		});
	});
	return fake;
}

/** An SMTP server that accepts every message (no TLS offered, any AUTH accepted) and keeps it. */
function createSmtpSink() {
	const messages = [];
	const server = net.createServer((socket) => {
		socket.setEncoding('utf8');
		let buffer = '';
		let inData = false;
		let current = { from: null, to: [], data: '' };
		const reply = (line) => socket.write(`${line}\r\n`);
		reply('220 localhost fake SMTP ready');
		socket.on('data', (chunk) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					current.data = buffer.slice(0, end);
					buffer = buffer.slice(end + 5);
					messages.push(current);
					current = { from: null, to: [], data: '' };
					inData = false;
					reply('250 OK: queued');
					continue;
				}
				const nl = buffer.indexOf('\r\n');
				if (nl < 0) return;
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 2);
				const verb = line.split(' ')[0].toUpperCase();
				if (verb === 'EHLO') reply('250-localhost\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME');
				else if (verb === 'HELO') reply('250 localhost');
				else if (verb === 'AUTH') reply('235 Authentication successful');
				else if (verb === 'MAIL') {
					current.from = line.slice(10).trim();
					reply('250 OK');
				} else if (verb === 'RCPT') {
					current.to.push(line.slice(8).trim());
					reply('250 OK');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
				else if (verb === 'QUIT') {
					reply('221 Bye');
					socket.end();
					return;
				} else reply('502 Command not implemented');
			}
		});
		socket.on('error', () => {});
	});
	return {
		messages,
		listen() {
			return new Promise((resolve) =>
				server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
			);
		},
		close() {
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

module.exports = { createChatSink, createGithubFake, createOpenAiFake, createSmtpSink };
