/**
 * Minimal stand-ins for n8n's node execution contexts. HTTP goes through axios over loopback and
 * failures are wrapped exactly as n8n-core's httpRequestWithAuthentication does
 * (`new NodeApiError(node, axiosError)`), with the credential's own `authenticate` block applied,
 * so unit tests exercise the real request, auth and error paths against the local fakes.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { CurrentsTestOpsApi } from '../../credentials/CurrentsTestOpsApi.credentials';
import { CurrentsWebhookSecretApi } from '../../credentials/CurrentsWebhookSecretApi.credentials';

/** Credential classes by type name; vendors add theirs here. */
export const credentialTypes: Record<string, ICredentialType> = {
	currentsTestOpsApi: new CurrentsTestOpsApi(),
	currentsWebhookSecretApi: new CurrentsWebhookSecretApi(),
};

export function registerCredentialType(type: ICredentialType): void {
	credentialTypes[type.name] = type;
}

function expand(template: string, credentials: IDataObject): string {
	const body = template.startsWith('=') ? template.slice(1) : template;
	return body.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) =>
		String(credentials[key] ?? ''),
	);
}

/** Applies a generic `authenticate` block as n8n's CredentialsHelper does for the common cases. */
function authenticate(
	type: string,
	credentials: IDataObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const auth = credentialTypes[type]?.authenticate;
	if (!auth || typeof auth === 'function' || auth.type !== 'generic') return options;
	const headers = { ...(options.headers ?? {}) } as IDataObject;
	for (const [k, v] of Object.entries(auth.properties.headers ?? {}))
		headers[k] = expand(String(v), credentials);
	const qs = { ...(options.qs ?? {}) } as IDataObject;
	for (const [k, v] of Object.entries(auth.properties.qs ?? {}))
		qs[k] = expand(String(v), credentials);
	return { ...options, headers, qs };
}

export interface ContextOptions {
	params?: Record<string, unknown>;
	credentials?: Record<string, IDataObject>;
	staticData?: IDataObject;
	webhookUrl?: string;
	/** What getMode() answers (n8n's WorkflowExecuteMode); 'trigger' by default. */
	mode?: string;
	workflowName?: string;
	headers?: Record<string, string | string[] | undefined>;
	rawBody?: Buffer | string;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** The node's typeVersion (1 unless given). */
	typeVersion?: number;
}

export interface Recorded {
	status?: number;
	body?: unknown;
	requests: Array<{ method: string; url: string }>;
}

/**
 * What n8n's body parser hands a webhook as its body data: JSON.parse of the raw body when the
 * media type is exactly `application/json`, nothing otherwise. A body it cannot parse never reaches
 * a node in n8n (422); here it gives nothing, and the trigger parses the raw bytes itself.
 */
function bodyDataOf(
	headers: ContextOptions['headers'],
	rawBody: ContextOptions['rawBody'],
): IDataObject | undefined {
	const contentType = headers?.['content-type'];
	if (typeof contentType !== 'string' || rawBody === undefined || rawBody.length === 0)
		return undefined;
	if (contentType.split(';')[0].toLowerCase() !== 'application/json') return undefined;
	try {
		return JSON.parse(rawBody.toString()) as IDataObject;
	} catch {
		return undefined;
	}
}

/** Numbers the contexts, so that each has credentials of its own (see makeContext). */
let contexts = 0;

export function makeContext(opts: ContextOptions = {}) {
	// Tests give one credential type different secrets from one context to the next: each context's
	// credentials get ids of their own, so the nodes' credential cache (keyed by workflow, type and
	// id) never hands one context the secret of another. The cache's own behaviour is tested in
	// test/unit/shared/credentials.test.ts.
	const context = ++contexts;
	const recorded: Recorded = { requests: [] };
	const staticData = opts.staticData ?? {};
	const node: INode = {
		id: 'node-1',
		name: 'Test Node',
		type: 'n8n-nodes-testops.test',
		typeVersion: opts.typeVersion ?? 1,
		position: [0, 0],
		parameters: {},
		credentials: Object.fromEntries(
			Object.keys(opts.credentials ?? {}).map((name) => [name, { id: `${name}-${context}`, name }]),
		),
	};

	const getNodeParameter = (name: string, ...rest: unknown[]) => {
		// Signatures: (name, fallback?, options?) and (name, itemIndex, fallback?, options?)
		const [a, b, c] = rest;
		const fallback = typeof a === 'number' ? b : a;
		const options = (typeof a === 'number' ? c : b) as { extractValue?: boolean } | undefined;
		let value = opts.params && name in opts.params ? opts.params[name] : fallback;
		if (
			options?.extractValue &&
			value &&
			typeof value === 'object' &&
			'__rl' in (value as object)
		) {
			value = (value as { value: unknown }).value;
		}
		if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
		return value;
	};

	const getCredentials = async (type: string) => {
		const creds = opts.credentials?.[type];
		if (!creds) throw new Error(`Node does not have credentials of type "${type}"`);
		return creds;
	};

	const httpRequestWithAuthentication = async (type: string, request: IHttpRequestOptions) => {
		const credentials = await getCredentials(type);
		const req = authenticate(type, credentials, request);
		recorded.requests.push({ method: String(req.method ?? 'GET'), url: req.url });
		const config: AxiosRequestConfig = {
			method: req.method ?? 'GET',
			url: req.url,
			baseURL: req.baseURL,
			params: req.qs,
			data: req.body,
			headers: req.headers as Record<string, string>,
			timeout: req.timeout,
		};
		if (req.ignoreHttpStatusErrors) config.validateStatus = () => true;
		try {
			const res = await axios(config);
			if (req.returnFullResponse) {
				return {
					body: res.data,
					headers: res.headers,
					statusCode: res.status,
					statusMessage: res.statusText,
				};
			}
			return res.data;
		} catch (error) {
			throw new NodeApiError(node, error as never);
		}
	};

	const base = {
		getNode: () => node,
		getNodeParameter,
		getCredentials,
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: 'wf-1', name: opts.workflowName ?? 'Test workflow', active: true }),
		getNodeWebhookUrl: () => opts.webhookUrl ?? 'http://127.0.0.1:5678/webhook/abc/webhook',
		getMode: () => opts.mode ?? 'trigger',
		continueOnFail: () => opts.continueOnFail ?? false,
		getInputData: () => opts.items ?? [{ json: {} }],
		getHeaderData: () => opts.headers ?? {},
		getBodyData: () => bodyDataOf(opts.headers, opts.rawBody),
		getRequestObject: () => ({
			headers: opts.headers ?? {},
			rawBody: typeof opts.rawBody === 'string' ? Buffer.from(opts.rawBody) : opts.rawBody,
		}),
		getResponseObject: () => {
			const res = {
				status(code: number) {
					recorded.status = code;
					return res;
				},
				json(body: unknown) {
					recorded.body = body;
					return res;
				},
				send(body: unknown) {
					recorded.body = body;
					return res;
				},
				end() {
					return res;
				},
			};
			return res;
		},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			httpRequestWithAuthentication,
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};

	return {
		recorded,
		staticData,
		webhook: base as unknown as IWebhookFunctions,
		hook: base as unknown as IHookFunctions,
		execute: base as unknown as IExecuteFunctions,
		loadOptions: base as unknown as ILoadOptionsFunctions,
	};
}
