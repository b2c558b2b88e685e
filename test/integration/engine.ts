/**
 * Runs a workflow made of our nodes through n8n-core's real execution engine, in process:
 * a real `Workflow`, `WorkflowExecute.processRunExecutionData`, the real node execution contexts
 * (parameters, expressions, `helpers.httpRequestWithAuthentication`, NodeApiError wrapping,
 * continueOnFail, pairedItem checks), with credentials from a small ICredentialsHelper that applies
 * each credential type's own `authenticate` block through the workflow's expression engine.
 * Vendor APIs are the local fakes in test/fakes; nothing leaves 127.0.0.1.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createDeferredPromise,
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { CurrentsTestOpsApi } from '../../credentials/CurrentsTestOpsApi.credentials';
import { CurrentsWebhookSecretApi } from '../../credentials/CurrentsWebhookSecretApi.credentials';
import { OpenlayerSigningSecretApi } from '../../credentials/OpenlayerSigningSecretApi.credentials';
import { OpenlayerTestOpsApi } from '../../credentials/OpenlayerTestOpsApi.credentials';
import { QaseTestOpsApi } from '../../credentials/QaseTestOpsApi.credentials';
import { QaseWebhookSecretApi } from '../../credentials/QaseWebhookSecretApi.credentials';
import { CurrentsTrigger } from '../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { CurrentsWebhooks } from '../../nodes/CurrentsWebhooks/CurrentsWebhooks.node';
import { OpenlayerTrigger } from '../../nodes/OpenlayerTrigger/OpenlayerTrigger.node';
import { QaseTrigger } from '../../nodes/QaseTrigger/QaseTrigger.node';
import pkg from '../../package.json';

const PACKAGE = pkg.name;

/** The package's nodes and credentials, under the names package.json registers them with n8n. */
export const nodeClasses: Record<string, INodeType> = Object.fromEntries(
	[new CurrentsTrigger(), new CurrentsWebhooks(), new OpenlayerTrigger(), new QaseTrigger()].map(
		(n) => [n.description.name, n],
	),
);
export const credentialClasses: Record<string, ICredentialType> = Object.fromEntries(
	[
		new CurrentsTestOpsApi(),
		new CurrentsWebhookSecretApi(),
		new OpenlayerSigningSecretApi(),
		new OpenlayerTestOpsApi(),
		new QaseTestOpsApi(),
		new QaseWebhookSecretApi(),
	].map((c) => [c.name, c]),
);

/** n8n's INodeTypes for the package: `n8n-nodes-testops.<name>`, as n8n loads a community package. */
class PackageNodeTypes implements INodeTypes {
	getByName(type: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(type);
	}

	getByNameAndVersion(type: string): INodeType {
		const nodeType = type.startsWith(`${PACKAGE}.`)
			? nodeClasses[type.slice(PACKAGE.length + 1)]
			: undefined;
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return nodeType;
	}

	getKnownTypes() {
		return {};
	}
}

/** Credentials by id, decrypted; `authenticate` runs the credential type's generic block. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly byId: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const auth = credentialClasses[typeName]?.authenticate;
		if (!auth || typeof auth === 'function' || auth.type !== 'generic') return requestOptions;
		const resolve = (value: string) =>
			String(
				workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', {
					$credentials: credentials,
				} as IDataObject),
			);
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [key, value] of Object.entries(auth.properties.headers ?? {}))
			headers[key] = resolve(String(value));
		const qs = { ...(requestOptions.qs ?? {}) } as IDataObject;
		for (const [key, value] of Object.entries(auth.properties.qs ?? {}))
			qs[key] = resolve(String(value));
		return { ...requestOptions, headers, qs };
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used: nodes read credentials through getDecrypted');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		const data = nodeCredentials.id ? this.byId[nodeCredentials.id] : undefined;
		if (!data) throw new Error(`No credentials with id ${nodeCredentials.id}`);
		return structuredClone(data);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return credentialClasses[type]?.properties ?? [];
	}
}

export interface RunOptions {
	/** The node under test: type without the package prefix, its parameters and credentials. */
	type: string;
	/** The node's typeVersion, 1 unless given (saved workflows of 0.1 are version 1). */
	typeVersion?: number;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string; data: ICredentialDataDecryptedObject }>;
	/** Items the node receives (a trigger's execute() receives what its webhook() emitted). */
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	/** The node's main output items, as n8n stored them in the run data. */
	items: INodeExecutionData[];
	/** The execution error, when the node failed the execution. */
	error?: IRun['data']['resultData']['error'];
}

const NODE_NAME = 'Under Test';

/** One execution of a one-node workflow through WorkflowExecute, as n8n runs the node. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const nodeType = nodeClasses[options.type];
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: `${PACKAGE}.${options.type}`,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: {},
		credentials: Object.fromEntries(
			Object.entries(options.credentials ?? {}).map(([type, c]) => [
				type,
				{ id: c.id, name: c.name },
			]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	// Defaults filled in as the editor saves them, so the node reads exactly what n8n would give it.
	node.parameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			options.parameters as INodeParameters,
			true,
			false,
			node,
			nodeType.description,
		) ?? {};

	const workflow = new Workflow({
		id: 'integration',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new PackageNodeTypes(),
		settings: { executionOrder: 'v1' },
	});
	const credentialsById = Object.fromEntries(
		Object.values(options.credentials ?? {}).map((c) => [c.id, c.data]),
	);

	const workflowData: IWorkflowBase = {
		id: 'integration',
		name: 'integration',
		active: false,
		isArchived: false,
		activeVersionId: null,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const hooks = new ExecutionLifecycleHooks(
		options.mode ?? 'manual',
		'integration-1',
		workflowData,
	);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));

	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentialsById),
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		restartExecutionId: undefined,
		variables: {},
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		instanceBaseUrl: 'http://127.0.0.1/',
		restApiUrl: 'http://127.0.0.1/rest',
		userId: 'integration',
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: async () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const execute = new WorkflowExecute(
		additionalData,
		options.mode ?? 'manual',
		createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
				],
			},
		}),
	);
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return { run, items: taskData?.data?.main?.[0] ?? [], error: run.data.resultData.error };
}
