import { execute, project, useFake } from './helpers';

/* Case operations against the fake Qase API (Qase API v1: paths/cases.yaml, case.yaml). */
const { fake, baseUrl } = useFake();
const kase = (params: Record<string, unknown>) =>
	execute(baseUrl(), { resource: 'case', project: project('ID'), ...params });

describe('Qase TestOps node, Case', () => {
	test('get returns the case', async () => {
		const [got] = await kase({ operation: 'get', caseId: 1610 });
		expect(got.json).toMatchObject({ id: 1610, title: 'Example test case', suite_id: 12 });
		const error = await kase({ operation: 'get', caseId: 1 }).catch((e) => e);
		expect(error.message).toBe('Qase API error (HTTP 404): Test case not found');
	});

	test('get many filters by suite and search text, and pages', async () => {
		for (let n = 0; n < 3; n++)
			fake().setRecord('case', 'ID', 2000 + n, { id: 2000 + n, title: `Login ${n}`, suite_id: 11 });
		const suite = await kase({ operation: 'getMany', returnAll: true, filters: { suiteId: 11 } });
		expect(suite.map((i) => i.json.id)).toEqual([2000, 2001, 2002]);
		expect(fake().requests[0].query).toMatchObject({ suite_id: '11' });
		const search = await kase({
			operation: 'getMany',
			returnAll: true,
			filters: { search: 'clone' },
		});
		expect(search.map((i) => i.json.id)).toEqual([1611]);
		const two = await kase({ operation: 'getMany', returnAll: false, limit: 2 });
		expect(two.map((i) => i.json.id)).toEqual([1610, 1611]);
	});

	test('a limit below 1 is refused before any request', async () => {
		const error = await kase({ operation: 'getMany', returnAll: false, limit: 0 }).catch((e) => e);
		expect(error.message).toBe('Limit must be a whole number of at least 1, got "0"');
		expect(fake().requests).toHaveLength(0);
	});
});
