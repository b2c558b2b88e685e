import axios from 'axios';

import { QaseTestOpsApi } from '../../../credentials/QaseTestOpsApi.credentials';
import { createQaseFake } from '../../fakes/qase-api';
import { makeContext } from '../../helpers/context';
import { useFake } from '../../helpers/fakeApi';
import './helpers';

const TOKEN = 'test-qase-token';
const { fake, baseUrl: url } = useFake(() => createQaseFake({ tokens: [TOKEN] }));

const get = (path: string, token: string | null = TOKEN) =>
	axios.get(`${url()}${path}`, {
		headers: token === null ? {} : { Token: token },
		validateStatus: () => true,
	});

describe('fake Qase API', () => {
	it('refuses requests without the Token header, or with an unknown token, with 401', async () => {
		for (const res of [await get('/v1/project', null), await get('/v1/project', 'nope')]) {
			expect(res.status).toBe(401);
			expect(res.data).toEqual({ status: false, errorMessage: 'Unauthenticated.' });
		}
		// Bearer is not how Qase authenticates.
		const bearer = await axios.get(`${url()}/v1/project`, {
			headers: { Authorization: `Bearer ${TOKEN}` },
			validateStatus: () => true,
		});
		expect(bearer.status).toBe(401);
	});

	it('lists projects in the {status, result} envelope, limited and validated', async () => {
		const res = await get('/v1/project?limit=1');
		expect(res.status).toBe(200);
		expect(res.data.status).toBe(true);
		expect(res.data.result).toMatchObject({ total: 2, filtered: 2, count: 1 });
		expect(res.data.result.entities).toHaveLength(1);
		expect(res.data.result.entities[0]).toMatchObject({ code: 'ID' });
		expect((await get('/v1/project?limit=0')).status).toBe(400);
		expect((await get('/v1/project?limit=101')).status).toBe(400);
	});

	it.each([
		['/v1/case/ID/1610', { id: 1610, title: 'Example test case' }],
		['/v1/suite/ID/11', { id: 11 }],
		['/v1/plan/ID/2', { id: 2, title: 'dd' }],
		[
			'/v1/shared_step/ID/678ec0e6bf8ddeadfc241016f876923542a4761a',
			{ hash: '678ec0e6bf8ddeadfc241016f876923542a4761a' },
		],
		['/v1/milestone/ID/70673', { id: 70673 }],
		['/v1/run/ID/2', { id: 2 }],
		['/v1/defect/ID/1', { id: 1, title: 'Example defect' }],
		['/v1/custom_field/208', { id: 208 }],
		['/case/ID/1610', { id: 1610 }],
	])('serves GET %s', async (path, expected) => {
		const res = await get(path);
		expect(res.status).toBe(200);
		expect(res.data.status).toBe(true);
		expect(res.data.result).toMatchObject(expected);
	});

	it.each([
		['/v1/case/ID/999', 'Test case not found'],
		['/v1/case/NOPE/1610', 'Project not found'],
		['/v1/shared_step/ID/deadbeef', 'Shared step not found'],
		['/v1/custom_field/1', 'Custom field not found'],
		['/v1/defect/ID/2', 'Defect not found'],
		['/v1/review/ID/1', 'No route for GET /v1/review/ID/1'],
	])('answers 404 for %s', async (path, message) => {
		const res = await get(path);
		expect(res.status).toBe(404);
		expect(res.data).toEqual({ status: false, errorMessage: message });
	});

	it('answers 400 for a non-numeric id', async () => {
		expect((await get('/v1/run/ID/abc')).status).toBe(400);
	});

	it('forgets a deleted record and brings it back on reset', async () => {
		expect(fake().deleteRecord('run', 'ID', 1)).toBe(true);
		expect((await get('/v1/run/ID/1')).status).toBe(404);
		await axios.post(`${url()}/__fake/reset`);
		expect((await get('/v1/run/ID/1')).status).toBe(200);
	});

	it('serves records added by a test', async () => {
		fake().setRecord('case', 'DEMO', 7, { id: 7, title: 'Added' });
		expect((await get('/v1/case/DEMO/7')).data.result).toEqual({ id: 7, title: 'Added' });
	});

	it('injects 429 with Retry-After, for a limited number of requests', async () => {
		fake().addFault({ path: '^/v1/case/', status: 429, headers: { 'Retry-After': '7' }, times: 1 });
		const limited = await get('/v1/case/ID/1610');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect((await get('/v1/case/ID/1610')).status).toBe(200);
	});

	it('logs requests with their headers', async () => {
		fake().requests.length = 0;
		await get('/v1/defect/ID/1');
		expect(fake().requests).toHaveLength(1);
		expect(fake().requests[0]).toMatchObject({ method: 'GET', path: '/v1/defect/ID/1' });
		expect(fake().requests[0].headers.token).toBe(TOKEN);
	});
});

describe('Qase TestOps API credential against the fake', () => {
	const credential = new QaseTestOpsApi();

	it('is named for this package and authenticates with the Token header', () => {
		expect(credential.name).toBe('qaseTestOpsApi');
		expect(credential.displayName.endsWith('API')).toBe(true);
		expect(credential.authenticate.properties.headers).toEqual({
			Token: '={{$credentials.apiToken}}',
		});
		expect(credential.properties.find((p) => p.name === 'baseUrl')!.default).toBe(
			'https://api.qase.io/v1',
		);
		expect(credential.properties.find((p) => p.name === 'apiToken')!.typeOptions).toEqual({
			password: true,
		});
	});

	async function runTestRequest(apiToken: string) {
		const { request } = credential.test;
		const baseUrl = `${url()}/v1/`;
		const ctx = makeContext({ credentials: { qaseTestOpsApi: { apiToken, baseUrl } } });
		// The test request's baseURL expression strips trailing slashes from the credential's Base URL.
		const base = baseUrl.replace(/\/+$/, '');
		expect(request.baseURL).toBe('={{$credentials.baseUrl.replace(/\\/+$/, "")}}');
		return ctx.execute.helpers.httpRequestWithAuthentication.call(ctx.execute, 'qaseTestOpsApi', {
			method: 'GET',
			url: `${base}${request.url}`,
			qs: request.qs,
		});
	}

	it('passes its test request (GET /project?limit=1) with a valid token', async () => {
		fake().requests.length = 0;
		const res = (await runTestRequest(TOKEN)) as { status: boolean };
		expect(res.status).toBe(true);
		expect(fake().requests[0]).toMatchObject({ path: '/v1/project', query: { limit: '1' } });
	});

	it('fails its test request with a wrong token', async () => {
		await expect(runTestRequest('wrong')).rejects.toMatchObject({ httpCode: '401' });
	});
});
