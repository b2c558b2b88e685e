'use strict';
// A lean stand-in for n8n's IWebhookFunctions, with an express-like request and response, so that
// a trigger's webhook() runs exactly as n8n calls it. Only our code is timed: the context does no
// more than hand over what n8n would already have (parameters, decrypted credentials, static data,
// the parsed request).

/** n8n-core's returnJsonArray, as the helpers expose it. */
function returnJsonArray(data) {
	const out = [];
	for (const json of Array.isArray(data) ? data : [data]) out.push({ json });
	return out;
}

function makeResponse() {
	return {
		statusCode: 200,
		body: undefined,
		headers: {},
		status(code) {
			this.statusCode = code;
			return this;
		},
		json(body) {
			this.body = body;
			return this;
		},
		send(body) {
			this.body = body;
			return this;
		},
		setHeader(name, value) {
			this.headers[name] = value;
			return this;
		},
		end() {
			return this;
		},
	};
}

/**
 * @param {{nodeType: string, params: object, credentials: object, staticData: object}} opts
 * Returns `{ ctx, deliver(headers, rawBody) }`: deliver() swaps in the next request (outside the
 * timed region), like n8n building a fresh context per request.
 */
function makeWebhookContext(opts) {
	const node = {
		id: 'bench-node',
		name: 'Trigger',
		type: opts.nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters: opts.params,
		credentials: Object.fromEntries(
			Object.keys(opts.credentials).map((t) => [t, { id: `cred-${t}`, name: t }]),
		),
	};
	const workflow = { id: 'wfBench', name: 'Benchmark', active: true };
	let req;
	let res;
	const ctx = {
		getNode: () => node,
		getNodeParameter(name, fallback) {
			const v = opts.params[name];
			return v === undefined ? fallback : v;
		},
		async getCredentials(type) {
			const c = opts.credentials[type];
			if (!c) throw new Error(`Node does not have credentials of type "${type}"`);
			return c;
		},
		getWorkflowStaticData: () => opts.staticData,
		getWorkflow: () => workflow,
		getHeaderData: () => req.headers,
		getRequestObject: () => req,
		getResponseObject: () => res,
		getBodyData: () => req.body,
		getQueryData: () => req.query,
		getParamsData: () => req.params,
		getMode: () => 'webhook',
		getWebhookName: () => 'default',
		getNodeWebhookUrl: () => 'http://127.0.0.1:5678/webhook/bench/webhook',
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: { returnJsonArray },
	};
	function deliver(headers, rawBody, parsedBody) {
		req = {
			method: 'POST',
			url: '/webhook/bench/webhook',
			headers,
			rawBody,
			body: parsedBody,
			query: {},
			params: {},
		};
		res = makeResponse();
	}
	/** A different workflow id makes the node a different trigger (for per-trigger process state). */
	const setWorkflowId = (id) => {
		workflow.id = id;
	};
	return { ctx, deliver, setWorkflowId, response: () => res };
}

module.exports = { makeWebhookContext, returnJsonArray };
