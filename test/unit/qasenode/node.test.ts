import { NodeHelpers, NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { searchProjects } from '../../../nodes/QaseTestOps/api';
import { outputSchemas } from '../../../nodes/QaseTestOps/outputSchemas';
import { resources } from '../../../nodes/QaseTestOps/resources';
import { createQaseFake } from '../../fakes/qase-api';
import { makeContext } from '../../helpers/context';
import { readRepoFile } from '../../helpers/repo';
import { execute, loadOptionsContext, node, project, TOKEN, useFake } from './helpers';

const { fake, baseUrl } = useFake();
const { description } = node;

describe('Qase TestOps node description', () => {
	test('an action node on the Qase TestOps API credential, usable as an AI tool', () => {
		expect(description).toMatchObject({
			name: 'qaseTestOps',
			displayName: 'Qase TestOps',
			usableAsTool: true,
			credentials: [{ name: 'qaseTestOpsApi', required: true }],
			icon: { light: 'file:../Qase/qase.svg', dark: 'file:../Qase/qase.dark.svg' },
		});
		const pkg = JSON.parse(readRepoFile('package.json')) as { n8n: { nodes: string[] } };
		expect(pkg.n8n.nodes).toContain('dist/nodes/QaseTestOps/QaseTestOps.node.js');
		const codex = JSON.parse(readRepoFile('nodes/QaseTestOps/QaseTestOps.node.json'));
		expect(codex.node).toBe('n8n-nodes-testops.qaseTestOps');
	});

	test('every operation the issue lists is offered, each with an action for the AI tool', () => {
		const offered = Object.fromEntries(
			Object.entries(resources).map(([r, { operations }]) => [r, Object.keys(operations).sort()]),
		);
		expect(offered).toEqual({
			case: ['get', 'getMany'],
			defect: ['create', 'get', 'getMany', 'resolve', 'updateStatus'],
			result: ['create', 'createMany'],
			run: ['complete', 'create', 'delete', 'get', 'getMany'],
		});
		for (const { operations } of Object.values(resources))
			for (const op of Object.values(operations)) expect(op.option.action).toMatch(/^[A-Z]/);
	});

	test.each(
		Object.entries(resources).flatMap(([resource, { operations }]) =>
			Object.keys(operations).map((operation) => [resource, operation]),
		),
	)(
		'%s: %s shows the project picker and its own fields (as n8n resolves them)',
		(resource, operation) => {
			const params = NodeHelpers.getNodeParameters(
				description.properties,
				{ resource, operation },
				true,
				false,
				null,
				description,
			) as INodeParameters;
			expect(params).toMatchObject({ resource, operation });
			expect(params.project).toEqual({ __rl: true, mode: 'list', value: '' });
			// Exactly the operation's own fields are kept (n8n drops what displayOptions hide).
			const own = resources[resource].operations[operation].description
				.filter((p) =>
					Object.entries(p.displayOptions?.show ?? {}).every(([key, values]) =>
						(values as unknown[]).includes(params[key]),
					),
				)
				.map((p) => p.name);
			expect(Object.keys(params).sort()).toEqual(['operation', 'resource', ...own].sort());
		},
	);

	test('one output-schema preview per operation, at the path n8n reads', () => {
		expect(
			outputSchemas()
				.map((s) => s.file)
				.sort(),
		).toEqual(
			Object.entries(resources)
				.flatMap(([r, { operations }]) =>
					Object.keys(operations).map((o) => `v1.0.0/${r}/${o}.json`),
				)
				.sort(),
		);
	});
});

describe('Qase TestOps node outputs fit their previews', () => {
	const cases: Array<[string, string, Record<string, unknown>]> = [
		['run', 'create', { title: 'T' }],
		['run', 'get', { runId: 1 }],
		['run', 'getMany', { returnAll: true }],
		['run', 'complete', { runId: 1 }],
		['run', 'delete', { runId: 2 }],
		['result', 'create', { runId: 1, caseBy: 'id', caseId: 1610, status: 'passed' }],
		['result', 'createMany', { runId: 1, caseBy: 'id', caseId: 1610, status: 'passed' }],
		['defect', 'create', { title: 'T', actualResult: 'A', severity: 1 }],
		['defect', 'get', { defectId: 1 }],
		['defect', 'getMany', { returnAll: true }],
		['defect', 'resolve', { defectId: 1 }],
		['defect', 'updateStatus', { defectId: 1, status: 'invalid' }],
		['case', 'get', { caseId: 1610 }],
		['case', 'getMany', { returnAll: true }],
	];
	test.each(cases)('%s: %s', async (resource, operation, params) => {
		const out = await execute(baseUrl(), {
			resource,
			operation,
			project: project('ID'),
			...params,
		});
		expect(out.length).toBeGreaterThan(0);
		const schema = resources[resource].operations[operation].output();
		for (const item of out) expect(schema.safeParse(item.json).error).toBeUndefined();
	});
});

describe('project picker', () => {
	test('lists projects as "Title (CODE)", filters by code or title, pages by offset', async () => {
		const many = createQaseFake({
			tokens: [TOKEN],
			projects: Array.from({ length: 130 }, (_, n) => ({ code: `P${n}`, title: `Project ${n}` })),
		});
		const url = await many.listen();
		try {
			const ctx = loadOptionsContext(url);
			const first = await searchProjects.call(ctx);
			expect(first.results).toHaveLength(100);
			expect(first.results[0]).toEqual({ name: 'Project 0 (P0)', value: 'P0' });
			expect(first.paginationToken).toBe('100');
			const second = await searchProjects.call(ctx, undefined, first.paginationToken as string);
			expect(second.results).toHaveLength(30);
			expect(second.paginationToken).toBeUndefined();
			const filtered = await searchProjects.call(ctx, 'project 12');
			expect(filtered.results.map((r) => r.value)).toEqual(['P12']);
		} finally {
			await many.close();
		}
	});

	test("a refused token says so with Qase's status", async () => {
		const ctx = makeContext({
			credentials: { qaseTestOpsApi: { apiToken: 'wrong', baseUrl: baseUrl() } },
		}).loadOptions;
		const error = await searchProjects.call(ctx).catch((e) => e);
		expect(error.message).toBe('Could not list Qase projects (HTTP 401): Unauthenticated.');
		expect(fake().requests[0].headers.token).toBe('wrong');
	});
});

describe('Custom API Call', () => {
	test.each([
		['as the resource', { resource: '__CUSTOM_API_CALL__' }],
		['as the operation', { resource: 'run', operation: '__CUSTOM_API_CALL__' }],
	])('%s: no request, an error pointing to the HTTP Request node', async (_, params) => {
		const error = await execute(baseUrl(), params, { continueOnFail: true }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Custom API calls to Qase are made with the HTTP Request node');
		expect(error.description).toContain('"Qase TestOps API"');
		expect(fake().requests).toEqual([]);
	});
});
