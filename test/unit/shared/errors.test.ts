import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { attachFailedTests } from '../../../nodes/Openlayer/failedTests';
import { resolveRecords } from '../../../nodes/Qase/enrich';
import { forItem, itemError, withStep } from '../../../nodes/shared/errors';
import { authenticatedRequest } from '../../../nodes/shared/http';
import { createCurrentsFake } from '../../fakes/currents-api';
import { createOpenlayerFake } from '../../fakes/openlayer-api';
import { createQaseFake } from '../../fakes/qase-api';
import { makeContext } from '../../helpers/context';
import { useFake } from '../../helpers/fakeApi';

describe('one error path (issue 10)', () => {
	// As before, the fakes are not reset between tests.
	const qase = useFake(() => createQaseFake({ tokens: ['qase-token-value'] }), {
		path: '/v1',
		reset: false,
	});
	const openlayer = useFake(() => createOpenlayerFake({ apiKeys: ['openlayer-key-value'] }), {
		reset: false,
	});
	const currents = useFake(() => createCurrentsFake({ apiKeys: ['currents-key-value'] }), {
		reset: false,
	});

	it('the same 404 reads the same in Qase record_error and Openlayer failingTestsError', async () => {
		const body = { message: 'Not found' };
		qase.fake().addFault({ path: '/case/', status: 404, body });
		openlayer.fake().addFault({ path: '/results$', status: 404, body });
		const q = makeContext({
			credentials: { qaseTestOpsApi: { apiToken: 'qase-token-value', baseUrl: qase.baseUrl() } },
		});
		const o = makeContext({
			credentials: {
				openlayerTestOpsApi: { apiKey: 'openlayer-key-value', baseUrl: openlayer.baseUrl() },
			},
		});
		const [fromQase] = await resolveRecords(
			q.execute,
			[{ json: { event: 'case.updated', project_code: 'ID', id: 1 } }],
			'payload',
			{ authenticated: true },
		);
		const [fromOpenlayer] = await attachFailedTests(o.execute, [
			{
				json: {
					type: 'tests.result.updated',
					data: { tests: { failing: 1, projectVersionId: 'a1b2c3d4-0000-4000-8000-000000000001' } },
				},
			},
		]);
		const strip = (e: unknown) => ({
			...(e as object),
			message: String((e as { message: string }).message).replace(/^\w+ /, ''),
		});
		expect(fromQase.json.record_error).toEqual({
			status: 404,
			message: 'Qase API error (HTTP 404): Not found',
		});
		expect(fromOpenlayer.json.failingTestsError).toEqual({
			status: 404,
			message: 'Openlayer API error (HTTP 404): Not found',
		});
		expect(strip(fromQase.json.record_error)).toEqual(strip(fromOpenlayer.json.failingTestsError));
		for (const out of [fromQase, fromOpenlayer])
			expect(JSON.stringify(out)).not.toMatch(/token-value|key-value/);
	});

	it('the HTTP helper throws one NodeApiError with status and vendor message, nothing of the request', async () => {
		currents.fake().addFault({
			path: '^/projects$',
			status: 500,
			body: { message: 'database unavailable' },
			times: 3,
		});
		const c = makeContext({
			credentials: {
				currentsTestOpsApi: { apiKey: 'currents-key-value', baseUrl: currents.baseUrl() },
			},
		});
		const error = (await authenticatedRequest(
			c.execute,
			'currentsTestOpsApi',
			{ method: 'GET', url: `${currents.baseUrl()}/projects` },
			'Currents',
		).catch((e) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Currents API error (HTTP 500): database unavailable');
		expect(error.description).toBe('database unavailable');
		expect(error.httpCode).toBe('500');
		expect(JSON.stringify(error)).not.toContain('currents-key-value');
		expect(itemError(error)).toEqual({
			status: 500,
			message: 'Currents API error (HTTP 500): database unavailable',
		});
	});

	it("withStep says the step once, with the vendor's words, however often it is applied", () => {
		const c = makeContext({});
		const api = new NodeApiError(
			c.execute.getNode(),
			{ message: 'x' },
			{ message: 'Currents API error (HTTP 500): boom', description: 'boom', httpCode: '500' },
		);
		const once = withStep(c.execute, api, 'Could not register the Currents webhook');
		expect(once.message).toBe('Could not register the Currents webhook (HTTP 500): boom');
		// n8n 1.x shows `description ?? message` of a failed activation (NodeApiError drops an equal description).
		expect((once as NodeApiError).description ?? once.message).toBe(once.message);
		const item = forItem(c.execute, once, 2) as NodeApiError;
		expect(item.message).toBe(once.message);
		expect(item.httpCode).toBe('500');
		const plain = withStep(
			c.execute,
			new Error('no answer'),
			'Could not delete the Currents webhook',
		);
		expect(plain).toBeInstanceOf(NodeOperationError);
		expect(plain.message).toBe('Could not delete the Currents webhook: no answer');
	});
});
