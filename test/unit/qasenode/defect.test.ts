import { getSeverities } from '../../../nodes/QaseTestOps/api';
import { execute, loadOptionsContext, project, useFake } from './helpers';

/*
 * Defect operations against the fake Qase API (Qase API v1: paths/defects.yaml, defect.yaml,
 * defect_resolve.yaml, defect_status.yaml, schemas/Defect.create.yaml, Defect.status.yaml).
 */
const { fake, baseUrl } = useFake();
const defect = (params: Record<string, unknown>, options = {}) =>
	execute(baseUrl(), { resource: 'defect', project: project('ID'), ...params }, options);

describe('Qase TestOps node, Defect', () => {
	test('severity options are the workspace severity field (GET /system_field)', async () => {
		const options = await getSeverities.call(loadOptionsContext(baseUrl()));
		expect(options.map((o) => o.name)).toEqual([
			'Not set',
			'Blocker',
			'Critical',
			'Major',
			'Normal',
			'Minor',
			'Trivial',
		]);
		expect(options.find((o) => o.name === 'Critical')!.value).toBe(2);
	});

	test('create, get, get many, update status and resolve', async () => {
		const [created] = await defect({
			operation: 'create',
			title: 'Login accepts a wrong password',
			actualResult: '200 instead of 401',
			severity: 2,
			additionalFields: { tags: 'auth, ci', milestoneId: 1, attachments: 'abcdef12' },
		});
		expect(fake().requests[0].body).toEqual({
			title: 'Login accepts a wrong password',
			actual_result: '200 instead of 401',
			severity: 2,
			milestone_id: 1,
			attachments: ['abcdef12'],
			tags: ['auth', 'ci'],
		});
		expect(created.json).toEqual({ id: 2, project: 'ID' });

		const [got] = await defect({ operation: 'get', defectId: 2 });
		expect(got.json).toMatchObject({ id: 2, severity: 'critical', status: 'open' });

		const status = await defect({ operation: 'updateStatus', defectId: 2, status: 'in_progress' });
		expect(status[0].json).toEqual({ id: 2, project: 'ID', status: 'in_progress' });
		expect(fake().requests.at(-1)).toMatchObject({
			method: 'PATCH',
			path: '/defect/ID/status/2',
			body: { status: 'in_progress' },
		});

		const open = await defect({
			operation: 'getMany',
			returnAll: true,
			filters: { status: 'open' },
		});
		expect(open.map((i) => i.json.id)).toEqual([1]);

		const resolved = await defect({ operation: 'resolve', defectId: 2 });
		expect(resolved[0].json).toEqual({ id: 2, project: 'ID', resolved: true });
		expect(fake().requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/defect/ID/resolve/2' });
		expect(fake().getRecord('defect', 'ID', 2)).toMatchObject({ status: 'resolved' });

		const all = await defect({ operation: 'getMany', returnAll: false, limit: 1 });
		expect(all.map((i) => i.json.id)).toEqual([1]);
		expect(fake().requests.at(-1)!.query).toEqual({ limit: '1', offset: '0' });
	});

	test('resolving a missing defect is Qase 404', async () => {
		const error = await defect({ operation: 'resolve', defectId: 9 }).catch((e) => e);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('Qase API error (HTTP 404): Defect not found');
	});

	test('a severity the workspace does not have is refused by Qase (422)', async () => {
		const error = await defect({
			operation: 'create',
			title: 'T',
			actualResult: 'A',
			severity: 42,
		}).catch((e) => e);
		expect(error.httpCode).toBe('422');
	});

	test.each([
		[{ operation: 'create', title: '', actualResult: 'A', severity: 1 }, 'Title is required'],
		[
			{ operation: 'create', title: 'T', actualResult: ' ', severity: 1 },
			'Actual Result is required',
		],
		[{ operation: 'create', title: 'T', actualResult: 'A', severity: '' }, 'Severity is required'],
		[
			{ operation: 'updateStatus', defectId: 1, status: 'open' },
			'Status must be one of in_progress, resolved, invalid, got "open"',
		],
		[
			{ operation: 'get', defectId: '1/../2' },
			'Defect ID must be a positive whole number, got "1/../2"',
		],
	])('bad input is refused before any request: %j', async (params, message) => {
		const error = await defect(params).catch((e) => e);
		expect(error.message).toBe(message);
		expect(fake().requests).toHaveLength(0);
	});
});
