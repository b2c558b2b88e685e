/** The local Openlayer fake behaves like the documented API, so tests against it mean something. */
import { OpenlayerTestOpsApi } from '../../../credentials/OpenlayerTestOpsApi.credentials';
import { createOpenlayerFake } from '../../fakes/openlayer-api';
import { makeContext, registerCredentialType } from '../../helpers/context';
import { useFake } from '../../helpers/fakeApi';
import type { Page } from '../../helpers/json';

const credential = new OpenlayerTestOpsApi();
registerCredentialType(credential);

const { fake, baseUrl: base } = useFake(() => createOpenlayerFake({ apiKeys: ['k1'] }));

const get = async (path: string, key: string | null = 'k1') => {
	const res = await fetch(`${base()}${path}`, {
		headers: key ? { authorization: `Bearer ${key}` } : {},
	});
	return { status: res.status, body: (await res.json()) as Page & { error?: string } };
};

describe('Openlayer fake', () => {
	it('answers the credential test request (GET /projects, Bearer key) and refuses bad keys with 401', async () => {
		expect(credential.test.request).toMatchObject({ url: '/projects', qs: { perPage: 1 } });
		const ctx = makeContext({
			credentials: { openlayerTestOpsApi: { apiKey: 'k1', baseUrl: base() } },
		});
		const ok = (await ctx.execute.helpers.httpRequestWithAuthentication.call(
			ctx.execute,
			'openlayerTestOpsApi',
			{
				method: 'GET',
				url: `${base()}/projects`,
				qs: { perPage: 1 },
				json: true,
			},
		)) as Page;
		expect(ok._meta).toEqual({ page: 1, perPage: 1, totalItems: 2, totalPages: 2 });
		expect(ok.items).toHaveLength(1);
		expect((await get('/projects', 'nope')).status).toBe(401);
		expect((await get('/projects', null)).status).toBe(401);
	});

	it('pages results with _meta and filters by status', async () => {
		fake().addRun({ projectVersionId: 'v1', failing: 7, passing: 3 });
		const page2 = await get('/versions/v1/results?status=failing&page=2&perPage=5');
		expect(page2.status).toBe(200);
		expect(page2.body._meta).toEqual({ page: 2, perPage: 5, totalItems: 7, totalPages: 2 });
		expect(page2.body.items).toHaveLength(2);
		expect(
			page2.body.items.every((r) => r.status === 'failing' && r.projectVersionId === 'v1'),
		).toBe(true);
		const all = await get('/versions/v1/results');
		expect(all.body._meta).toMatchObject({ perPage: 25, totalItems: 10 });
		const beyond = await get('/versions/v1/results?status=failing&page=9&perPage=5');
		expect(beyond.body.items).toEqual([]);
	});

	it('keeps commits and monitoring pipelines apart, and 404s unknown ids', async () => {
		fake().addRun({ inferencePipelineId: 'p1', failing: 1 });
		expect(
			(await get('/inference-pipelines/p1/results?status=failing')).body.items[0],
		).toMatchObject({
			inferencePipelineId: 'p1',
			projectVersionId: null,
		});
		expect(await get('/versions/p1/results')).toEqual({
			status: 404,
			body: { error: 'Project version not found', code: 404 },
		});
		expect((await get('/inference-pipelines/zzz/results')).status).toBe(404);
	});

	it('validates paging and status parameters', async () => {
		fake().addRun({ projectVersionId: 'v1', failing: 1 });
		for (const q of ['perPage=101', 'perPage=0', 'page=0', 'page=x', 'status=broken']) {
			expect((await get(`/versions/v1/results?${q}`)).status).toBe(400);
		}
	});
});
