'use strict';
// A faithful local fake of the Qase REST API v1 endpoints the Qase Trigger uses
// (github.com/qase-tms/specs testops-api/v1): the `Token` header, `{status, result}` envelopes,
// `GET /project` (the credential test) and single-record GETs. Errors answer
// `{status: false, errorMessage}`; 429 with Retry-After is injected through the kit's faults.
const { createFakeServer } = require('./kit');

const ENTITIES = [
	'case',
	'suite',
	'plan',
	'shared_step',
	'milestone',
	'custom_field',
	'run',
	'defect',
];
const NOT_FOUND = {
	case: 'Test case not found',
	suite: 'Suite not found',
	plan: 'Plan not found',
	shared_step: 'Shared step not found',
	milestone: 'Milestone not found',
	custom_field: 'Custom field not found',
	run: 'Run not found',
	defect: 'Defect not found',
};

const ok = (result, status = 200) => ({ status, body: { status: true, result } });
const fail = (status, errorMessage) => ({ status, body: { status: false, errorMessage } });

/** Records matching the documented webhook examples (project ID), so their lookups succeed. */
function defaultRecords() {
	const at = '2022-04-21T09:47:38+00:00';
	return [
		[
			'case',
			'ID',
			1610,
			{
				id: 1610,
				position: 1,
				title: 'Example test case',
				description: 'Description test case',
				preconditions: 'something',
				postconditions: 'something',
				severity: 4,
				priority: 2,
				type: 8,
				layer: 0,
				is_flaky: 0,
				behavior: 2,
				automation: 1,
				status: 0,
				milestone_id: null,
				suite_id: 12,
				custom_fields: [{ id: 174, value: '1' }],
				attachments: [],
				steps_type: 'classic',
				steps: [
					{
						hash: 'a1b2c3',
						shared_step_hash: null,
						position: 1,
						action: 'simple action',
						expected_result: 'expected result',
						data: 'input data',
						attachments: [],
						steps: [],
					},
				],
				params: [],
				tags: [],
				member_id: 40,
				author_id: 40,
				created_at: at,
				updated_at: at,
			},
		],
		[
			'case',
			'ID',
			1611,
			{
				id: 1611,
				position: 2,
				title: 'Example test case (clone)',
				description: null,
				suite_id: 12,
				milestone_id: null,
				status: 0,
				severity: 4,
				priority: 2,
				steps: [],
				tags: [],
				created_at: at,
				updated_at: at,
			},
		],
		[
			'suite',
			'ID',
			312,
			{
				id: 312,
				title: 'd',
				description: null,
				preconditions: null,
				position: 1,
				cases_count: 0,
				parent_id: null,
				created_at: at,
				updated_at: at,
			},
		],
		[
			'suite',
			'ID',
			314,
			{
				id: 314,
				title: 'd (clone)',
				description: null,
				preconditions: null,
				position: 2,
				cases_count: 0,
				parent_id: null,
				created_at: at,
				updated_at: at,
			},
		],
		[
			'suite',
			'ID',
			11,
			{
				id: 11,
				title: 'Authentication',
				description: 'Login and logout',
				preconditions: null,
				position: 3,
				cases_count: 7,
				parent_id: null,
				created_at: at,
				updated_at: at,
			},
		],
		[
			'plan',
			'ID',
			2,
			{
				id: 2,
				title: 'dd',
				description: 'd',
				cases_count: 1,
				cases: [{ case_id: 1033, assignee_id: null }],
				average_time: 0,
				created_at: at,
				updated_at: at,
			},
		],
		[
			'shared_step',
			'ID',
			'678ec0e6bf8ddeadfc241016f876923542a4761a',
			{
				hash: '678ec0e6bf8ddeadfc241016f876923542a4761a',
				title: 'fff',
				action: 'action',
				expected_result: 'expected',
				data: 'data',
				steps: [
					{
						hash: '40bf38b525073257aad38a51c5f5734f8b0f30b8',
						action: 'action',
						expected_result: 'expected',
						data: 'data',
						attachments: [],
					},
				],
				cases: [],
				cases_count: 0,
				created_at: at,
				updated_at: at,
			},
		],
		[
			'shared_step',
			'ID',
			'2563d597b756810934dea4185ce31b2b0dbf377c',
			{
				hash: '2563d597b756810934dea4185ce31b2b0dbf377c',
				title: 'Log in as admin',
				action: 'Log in',
				expected_result: 'Dashboard shows',
				data: '',
				steps: [],
				cases: [1610],
				cases_count: 1,
				created_at: at,
				updated_at: at,
			},
		],
		[
			'milestone',
			'ID',
			70673,
			{
				id: 70673,
				title: 'example',
				description: 'description',
				status: 'active',
				due_date: null,
				created_at: at,
				updated_at: at,
			},
		],
		[
			'milestone',
			'ID',
			1,
			{
				id: 1,
				title: 'Release 1.0',
				description: null,
				status: 'completed',
				due_date: '2022-05-01T00:00:00+00:00',
				created_at: at,
				updated_at: at,
			},
		],
		[
			'custom_field',
			null,
			208,
			{
				id: 208,
				title: 'test',
				entity: 0,
				type: 0,
				placeholder: null,
				default_value: '5',
				value: '[]',
				is_required: false,
				is_visible: true,
				is_filterable: false,
				is_enabled_for_all_projects: true,
				projects_codes: [],
				created_at: at,
				updated_at: at,
			},
		],
		[
			'run',
			'ID',
			1,
			{
				id: 1,
				title: 'Test run 2022/04/21',
				description: null,
				status: 0,
				status_text: 'active',
				start_time: at,
				end_time: null,
				public: false,
				stats: { total: 14, statuses: { untested: 14 } },
				time_spent: 0,
				elapsed_time: 0,
				environment: null,
				milestone: null,
				custom_fields: [],
				tags: [],
				cases: [1610],
				plan_id: 3,
			},
		],
		[
			'run',
			'ID',
			2,
			{
				id: 2,
				title: 'Nightly regression',
				description: null,
				status: 1,
				status_text: 'complete',
				start_time: at,
				end_time: at,
				public: true,
				stats: { total: 14, statuses: { passed: 14 } },
				time_spent: 120000,
				elapsed_time: 125000,
				environment: null,
				milestone: null,
				custom_fields: [],
				tags: [],
				cases: [1610],
				plan_id: null,
			},
		],
		[
			'defect',
			'ID',
			1,
			{
				id: 1,
				title: 'Example defect',
				actual_result: 'Something',
				severity: 'normal',
				status: 'open',
				milestone_id: null,
				custom_fields: [],
				attachments: [],
				resolved_at: null,
				author_id: 40,
				external_data: '',
				runs: [1],
				results: [],
				tags: [],
				created_at: at,
				updated_at: at,
			},
		],
	];
}

/**
 * @param {{tokens?: string[], projects?: Array<{code: string, title: string}>}} [options]
 */
function createQaseFake(options = {}) {
	const tokens = new Set(options.tokens ?? ['test-qase-token']);
	const initialProjects = options.projects ?? [
		{ code: 'ID', title: 'Documentation project' },
		{ code: 'DEMO', title: 'Demo project' },
	];
	let projects;
	/** @type {Map<string, any>} key `${entity}|${code}|${key}` (code empty for custom fields) */
	let records;
	const keyOf = (entity, code, key) => `${entity}|${entity === 'custom_field' ? '' : code}|${key}`;

	function reset() {
		projects = initialProjects.map((p) => ({
			...p,
			counts: {
				cases: 0,
				suites: 0,
				milestones: 0,
				runs: { total: 0, active: 0 },
				defects: { total: 0, open: 0 },
			},
		}));
		records = new Map();
		for (const [entity, code, key, record] of defaultRecords())
			records.set(keyOf(entity, code, key), record);
	}
	reset();

	function handle({ method, path: fullPath, query, headers }) {
		// The API lives under /v1 (base URL https://api.qase.io/v1); the prefix is optional here.
		const path = fullPath.replace(/^\/v1(?=\/)/, '');
		const token = headers.token;
		if (typeof token !== 'string' || token === '') return fail(401, 'Unauthenticated.');
		if (!tokens.has(token)) return fail(401, 'Unauthenticated.');
		if (method !== 'GET') return fail(405, 'Method not allowed');

		if (path === '/project') {
			const limit = query.has('limit') ? Number(query.get('limit')) : 10;
			const offset = query.has('offset') ? Number(query.get('offset')) : 0;
			if (!Number.isInteger(limit) || limit < 1 || limit > 100)
				return fail(400, 'The limit must be between 1 and 100.');
			if (!Number.isInteger(offset) || offset < 0)
				return fail(400, 'The offset must be at least 0.');
			const entities = projects.slice(offset, offset + limit);
			return ok({
				total: projects.length,
				filtered: projects.length,
				count: entities.length,
				entities,
			});
		}

		const cf = /^\/custom_field\/([^/]+)$/.exec(path);
		if (cf) {
			const id = decodeURIComponent(cf[1]);
			if (!/^\d+$/.test(id)) return fail(400, 'The id must be an integer.');
			const record = records.get(keyOf('custom_field', '', Number(id)));
			return record ? ok(record) : fail(404, NOT_FOUND.custom_field);
		}

		const m = /^\/([a-z_]+)\/([^/]+)\/([^/]+)$/.exec(path);
		if (m && ENTITIES.includes(m[1]) && m[1] !== 'custom_field') {
			const entity = m[1];
			const code = decodeURIComponent(m[2]);
			const raw = decodeURIComponent(m[3]);
			if (!projects.some((p) => p.code === code)) return fail(404, 'Project not found');
			let key;
			if (entity === 'shared_step') {
				key = raw;
			} else {
				if (!/^\d+$/.test(raw)) return fail(400, 'The id must be an integer.');
				key = Number(raw);
			}
			const record = records.get(keyOf(entity, code, key));
			return record ? ok(record) : fail(404, NOT_FOUND[entity]);
		}
		return fail(404, `No route for ${method} ${fullPath}`);
	}

	const fake = createFakeServer({
		name: 'qase',
		handle,
		reset,
		snapshot: () => ({ projects, records: Object.fromEntries(records) }),
	});
	return Object.assign(fake, {
		/** Adds or replaces one record; `code` is ignored for custom fields. */
		setRecord(entity, code, key, record) {
			records.set(keyOf(entity, code, key), record);
		},
		/** Removes one record, as if it had been deleted in Qase; returns whether it existed. */
		deleteRecord(entity, code, key) {
			return records.delete(keyOf(entity, code, key));
		},
		getRecord(entity, code, key) {
			return records.get(keyOf(entity, code, key));
		},
		reset,
	});
}

module.exports = { createQaseFake, QASE_RECORD_ENTITIES: ENTITIES };
