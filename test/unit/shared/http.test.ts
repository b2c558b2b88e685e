import { NodeApiError, type INode } from 'n8n-workflow';

import { authenticatedRequest, describeFailure } from '../../../nodes/shared/http';
import { createCurrentsFake } from '../../fakes/currents-api';
import { makeContext } from '../../helpers/context';
import { useFake } from '../../helpers/fakeApi';

const node: INode = {
	id: '1',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('describeFailure: timeouts', () => {
	it('reports a timeout as one, not as n8n\'s "perhaps the server is offline"', () => {
		// What n8n-core throws for an axios timeout: NodeApiError around the AxiosError.
		const axiosTimeout = Object.assign(new Error('timeout of 15000ms exceeded'), {
			code: 'ECONNABORTED',
		});
		const error = new NodeApiError(node, axiosTimeout as never);
		expect(error.message).toBe('The connection was aborted, perhaps the server is offline');
		expect(describeFailure(error)).toMatchObject({
			status: undefined,
			message: 'The request timed out (no answer within 15 s)',
		});
	});

	it("keeps n8n's message for a connection that was really refused", () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
			code: 'ECONNREFUSED',
		});
		expect(describeFailure(new NodeApiError(node, refused as never)).message).not.toContain(
			'timed out',
		);
	});
});

describe('authenticatedRequest against a slow API', () => {
	const { fake, baseUrl } = useFake(() => createCurrentsFake({ apiKeys: ['k'] }), { reset: false });

	it('fails with a timeout message naming the wait, and the status left empty', async () => {
		fake().addFault({ path: '^/projects$', delayMs: 1000, times: 1 });
		const c = makeContext({
			credentials: { currentsTestOpsApi: { apiKey: 'k', baseUrl: baseUrl() } },
		});
		const error = await authenticatedRequest(
			c.execute,
			'currentsTestOpsApi',
			{ method: 'GET', url: `${baseUrl()}/projects`, timeout: 200 },
			'Currents',
		).catch((e: NodeApiError) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'Currents API error: The request timed out (no answer within 0.2 s)',
		);
		expect((error as NodeApiError).httpCode).toBeNull();
	});
});
