'use strict';
// A faithful local fake of the Qase REST API v1 endpoints the Qase Trigger and the Qase TestOps
// node use (github.com/qase-tms/specs testops-api/v1): the `Token` header, `{status, result}`
// envelopes, `GET /project` (the credential test), single-record GETs, and the node's runs,
// results (single and bulk), defects, test cases and system fields, with the spec's bounds
// (limit 1-100, offset 0-100000, title 255, description 10000, bulk at most 2000 results).
// Errors answer `{status: false, errorMessage}`, invalid data adds `errorFields: [{field, error}]`
// (the error shapes of the spec's BaseErrorResponse / BaseErrorFieldResponse); a rate limit is
// 429 with Retry-After and `{status: false, errorMessage: "API rate limit exceeded."}` (the spec's
// "Rate limiting" section), injected with `rateLimit()` or the kit's faults.
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

/** The severity system field (GET /system_field): defects are created with one of these option ids. */
const SYSTEM_FIELDS = [
	{
		title: 'Severity',
		slug: 'severity',
		default_value: '0',
		is_required: false,
		entity: 1,
		type: 3,
		options: [
			['Not set', 'undefined'],
			['Blocker', 'blocker'],
			['Critical', 'critical'],
			['Major', 'major'],
			['Normal', 'normal'],
			['Minor', 'minor'],
			['Trivial', 'trivial'],
		].map(([title, slug], id) => ({
			id,
			title,
			slug,
			color: null,
			icon: null,
			is_default: id === 0,
			read_only: false,
		})),
	},
];
const RESULT_STATUSES = ['passed', 'failed', 'blocked', 'skipped', 'invalid'];
const DEFECT_STATUSES = ['in_progress', 'resolved', 'invalid'];
const RUN_FILTERS = {
	in_progress: (r) => r.status === 0 || r.status === 3,
	active: (r) => r.status === 0,
	passed: (r) => r.status === 1 && !(r.stats?.statuses?.failed > 0),
	failed: (r) => r.status === 1 && r.stats?.statuses?.failed > 0,
	complete: (r) => r.status === 1,
	aborted: (r) => r.status === 2,
	abort: (r) => r.status === 2,
};

const invalid = (errorFields) => ({
	status: 422,
	body: { status: false, errorMessage: 'Data is invalid.', errorFields },
});
const isInt = (v, min = 1) => Number.isSafeInteger(v) && v >= min;
const isStr = (v) => typeof v === 'string';
const isStrOrNull = (v) => v === undefined || v === null || typeof v === 'string';

/** Field problems of a Result.create body (prefix `results.N.` in a bulk). */
function resultProblems(body, prefix = '') {
	const errors = [];
	const add = (field, error) => errors.push({ field: `${prefix}${field}`, error });
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		add('', 'The result must be an object.');
		return errors;
	}
	if (!isStr(body.status) || body.status === '') add('status', 'The status field is required.');
	else if (!RESULT_STATUSES.includes(body.status)) add('status', 'The selected status is invalid.');
	if (body.case_id === undefined && body.case === undefined)
		add('case_id', 'The case id field is required when case is not present.');
	if (body.case_id !== undefined && !isInt(body.case_id))
		add('case_id', 'The case id must be an integer.');
	if (body.case !== undefined) {
		if (
			body.case === null ||
			typeof body.case !== 'object' ||
			!isStr(body.case.title) ||
			body.case.title === ''
		)
			add('case.title', 'The case.title field is required when case is present.');
		else if (body.case.title.length > 255)
			add('case.title', 'The case.title may not be greater than 255 characters.');
		if (!isStrOrNull(body.case?.suite_title))
			add('case.suite_title', 'The case.suite_title must be a string.');
	}
	if (
		body.time !== undefined &&
		body.time !== null &&
		!(isInt(body.time, 0) && body.time <= 31536000)
	)
		add('time', 'The time must be between 0 and 31536000.');
	if (
		body.time_ms !== undefined &&
		body.time_ms !== null &&
		!(isInt(body.time_ms, 0) && body.time_ms <= 31536000000)
	)
		add('time_ms', 'The time ms must be between 0 and 31536000000.');
	for (const f of ['comment', 'stacktrace'])
		if (!isStrOrNull(body[f])) add(f, `The ${f} must be a string.`);
	if (body.defect !== undefined && body.defect !== null && typeof body.defect !== 'boolean')
		add('defect', 'The defect field must be true or false.');
	if (
		body.attachments !== undefined &&
		body.attachments !== null &&
		!(Array.isArray(body.attachments) && body.attachments.every(isStr))
	)
		add('attachments', 'The attachments must be an array of hashes.');
	return errors;
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
	/** @type {Array<any>} results recorded by POST /result (single and bulk), oldest first */
	let results;
	let seq;
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
		results = [];
		seq = 0;
		for (const [entity, code, key, record] of defaultRecords())
			records.set(keyOf(entity, code, key), record);
	}
	reset();

	/** Records of one entity in one project, by ascending id. */
	function listOf(entity, code) {
		const prefix = `${entity}|${code}|`;
		return [...records.entries()]
			.filter(([k]) => k.startsWith(prefix))
			.map(([, v]) => v)
			.sort((a, b) => a.id - b.id);
	}
	const nextId = (entity, code) => listOf(entity, code).reduce((m, r) => Math.max(m, r.id), 0) + 1;
	const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
	const hash = () => (++seq).toString(16).padStart(8, '0') + 'a'.repeat(32);

	/** limit/offset as the spec bounds them; an error answer, or the page of `entities`. */
	function page(query, entities) {
		const limit = query.has('limit') ? Number(query.get('limit')) : 10;
		const offset = query.has('offset') ? Number(query.get('offset')) : 0;
		if (!Number.isInteger(limit) || limit < 1 || limit > 100)
			return fail(400, 'The limit must be between 1 and 100.');
		if (!Number.isInteger(offset) || offset < 0 || offset > 100000)
			return fail(400, 'The offset must be between 0 and 100000.');
		const slice = entities.slice(offset, offset + limit);
		return ok({
			total: entities.length,
			filtered: entities.length,
			count: slice.length,
			entities: slice,
		});
	}

	/** A case for a result: by id (must exist), or by title (found, or created as automated). */
	function caseFor(code, body) {
		if (body.case_id !== undefined) return records.get(keyOf('case', code, body.case_id));
		const found = listOf('case', code).find((c) => c.title === body.case.title);
		if (found) return found;
		const id = nextId('case', code);
		const created = {
			id,
			title: body.case.title,
			description: body.case.description ?? null,
			suite_id: null,
			suite_title: body.case.suite_title ?? null,
			milestone_id: null,
			status: 0,
			automation: 2,
			steps: [],
			tags: [],
			created_at: now(),
			updated_at: now(),
		};
		records.set(keyOf('case', code, id), created);
		return created;
	}

	function record(code, run, body) {
		const kase = caseFor(code, body);
		const result = {
			hash: hash(),
			run_id: run.id,
			case_id: kase.id,
			status: body.status,
			comment: body.comment ?? null,
			stacktrace: body.stacktrace ?? null,
			time_spent_ms: body.time_ms ?? (body.time != null ? body.time * 1000 : 0),
			attachments: body.attachments ?? [],
			is_api_result: true,
			end_time: now(),
			steps: null,
		};
		results.push(result);
		if (!run.cases.includes(kase.id)) run.cases.push(kase.id);
		run.stats.total = run.cases.length;
		run.stats.statuses[body.status] = (run.stats.statuses[body.status] ?? 0) + 1;
		if (body.defect === true && body.status === 'failed') {
			const id = nextId('defect', code);
			records.set(keyOf('defect', code, id), {
				id,
				title: kase.title,
				actual_result: body.comment ?? '',
				severity: 'undefined',
				status: 'open',
				milestone_id: null,
				custom_fields: [],
				attachments: [],
				resolved_at: null,
				author_id: 1,
				external_data: '',
				runs: [run.id],
				results: [result.hash],
				tags: [],
				created_at: now(),
				updated_at: now(),
			});
		}
		return result;
	}

	function runCreate(code, body) {
		const errors = [];
		const add = (field, error) => errors.push({ field, error });
		if (body === null || typeof body !== 'object')
			return invalid([{ field: 'title', error: 'The title field is required.' }]);
		if (!isStr(body.title) || body.title.trim() === '')
			add('title', 'The title field is required.');
		else if (body.title.length > 255)
			add('title', 'The title may not be greater than 255 characters.');
		if (
			body.description !== undefined &&
			!(isStr(body.description) && body.description.length <= 10000)
		)
			add('description', 'The description may not be greater than 10000 characters.');
		if (
			body.cases !== undefined &&
			!(Array.isArray(body.cases) && body.cases.every((c) => isInt(c)))
		)
			add('cases', 'The cases must be an array of integers.');
		for (const f of ['environment_id', 'milestone_id', 'plan_id'])
			if (body[f] !== undefined && !isInt(body[f]))
				add(f, `The ${f.replace('_', ' ')} must be at least 1.`);
		if (body.tags !== undefined && !(Array.isArray(body.tags) && body.tags.every(isStr)))
			add('tags', 'The tags must be an array of strings.');
		if (body.is_autotest !== undefined && typeof body.is_autotest !== 'boolean')
			add('is_autotest', 'The is autotest field must be true or false.');
		if (errors.length) return invalid(errors);
		let cases = body.cases ? [...new Set(body.cases)] : [];
		if (cases.some((id) => !records.has(keyOf('case', code, id))))
			return invalid([{ field: 'cases', error: 'The selected cases are invalid.' }]);
		if (body.plan_id !== undefined) {
			const plan = records.get(keyOf('plan', code, body.plan_id));
			if (!plan) return invalid([{ field: 'plan_id', error: 'The selected plan id is invalid.' }]);
			cases = plan.cases.map((c) => c.case_id);
		}
		if (body.include_all_cases === true) cases = listOf('case', code).map((c) => c.id);
		const id = nextId('run', code);
		records.set(keyOf('run', code, id), {
			id,
			title: body.title,
			description: body.description ?? null,
			status: 0,
			status_text: 'active',
			start_time: now(),
			end_time: null,
			public: false,
			stats: { total: cases.length, statuses: {} },
			time_spent: 0,
			elapsed_time: 0,
			environment: body.environment_slug
				? { title: body.environment_slug, slug: body.environment_slug }
				: null,
			environment_id: body.environment_id ?? null,
			milestone: null,
			milestone_id: body.milestone_id ?? null,
			custom_fields: [],
			tags: (body.tags ?? []).map((title, n) => ({ title, internal_id: n + 1 })),
			cases,
			plan_id: body.plan_id ?? null,
			is_autotest: body.is_autotest ?? false,
		});
		return ok({ id });
	}

	function defectCreate(code, body) {
		const errors = [];
		const add = (field, error) => errors.push({ field, error });
		if (!isStr(body?.title) || body.title.trim() === '')
			add('title', 'The title field is required.');
		if (!isStr(body?.actual_result) || body.actual_result.trim() === '')
			add('actual_result', 'The actual result field is required.');
		const severity = SYSTEM_FIELDS[0].options.find((o) => o.id === body?.severity);
		if (body?.severity === undefined) add('severity', 'The severity field is required.');
		else if (!severity) add('severity', 'The selected severity is invalid.');
		if (body?.milestone_id !== undefined && body.milestone_id !== null && !isInt(body.milestone_id))
			add('milestone_id', 'The milestone id must be at least 1.');
		if (body?.tags !== undefined && !(Array.isArray(body.tags) && body.tags.every(isStr)))
			add('tags', 'The tags must be an array of strings.');
		if (
			body?.attachments !== undefined &&
			!(Array.isArray(body.attachments) && body.attachments.every(isStr))
		)
			add('attachments', 'The attachments must be an array of hashes.');
		if (errors.length) return invalid(errors);
		const id = nextId('defect', code);
		records.set(keyOf('defect', code, id), {
			id,
			title: body.title,
			actual_result: body.actual_result,
			severity: severity.slug,
			status: 'open',
			milestone_id: body.milestone_id ?? null,
			custom_fields: [],
			attachments: (body.attachments ?? []).map((h) => ({ hash: h })),
			resolved_at: null,
			author_id: 1,
			external_data: '',
			runs: [],
			results: [],
			tags: (body.tags ?? []).map((title, n) => ({ title, internal_id: n + 1 })),
			created_at: now(),
			updated_at: now(),
		});
		return ok({ id });
	}

	function handle({ method, path: fullPath, query, headers, body }) {
		// The API lives under /v1 (base URL https://api.qase.io/v1); the prefix is optional here.
		const path = fullPath.replace(/^\/v1(?=\/)/, '');
		const token = headers.token;
		if (typeof token !== 'string' || token === '') return fail(401, 'Unauthenticated.');
		if (!tokens.has(token)) return fail(401, 'Unauthenticated.');

		if (method === 'GET' && path === '/project') return page(query, projects);
		if (method === 'GET' && path === '/system_field') return ok(SYSTEM_FIELDS);

		const cf = /^\/custom_field\/([^/]+)$/.exec(path);
		if (method === 'GET' && cf) {
			const id = decodeURIComponent(cf[1]);
			if (!/^\d+$/.test(id)) return fail(400, 'The id must be an integer.');
			const record = records.get(keyOf('custom_field', '', Number(id)));
			return record ? ok(record) : fail(404, NOT_FOUND.custom_field);
		}

		// Project-scoped routes: /{entity}/{code}[/...]
		const scoped =
			/^\/(run|result|defect|case|suite|plan|shared_step|milestone)\/([^/]+)(?:\/(.*))?$/.exec(
				path,
			);
		if (!scoped) return fail(404, `No route for ${method} ${fullPath}`);
		const [, entity, rawCode, rest = ''] = scoped;
		const code = decodeURIComponent(rawCode);
		const parts = rest === '' ? [] : rest.split('/').map(decodeURIComponent);
		const route = `${method} ${entity}${parts.length ? '/' + parts.map((p) => (/^\d+$/.test(p) ? ':id' : p)).join('/') : ''}`;
		const known = new Set([
			'GET run',
			'POST run',
			'GET run/:id',
			'DELETE run/:id',
			'POST run/:id/complete',
			'POST result/:id',
			'POST result/:id/bulk',
			'GET defect',
			'POST defect',
			'GET defect/:id',
			'PATCH defect/resolve/:id',
			'PATCH defect/status/:id',
			'GET case',
			'GET case/:id',
		]);
		const singleGet = method === 'GET' && parts.length === 1 && entity !== 'result';
		if (!known.has(route) && !singleGet) {
			// A non-numeric id where one belongs is the API's 400, not a missing route.
			const shape = `${method} ${entity}${parts.length ? '/' + parts.map((p, n) => (n === parts.length - 1 || /^\d+$/.test(p) ? ':id' : p)).join('/') : ''}`;
			if (known.has(shape)) return fail(400, 'The id must be an integer.');
			return fail(404, `No route for ${method} ${fullPath}`);
		}
		if (!projects.some((p) => p.code === code)) return fail(404, 'Project not found');

		if (singleGet) {
			let key;
			if (entity === 'shared_step') key = parts[0];
			else {
				if (!/^\d+$/.test(parts[0])) return fail(400, 'The id must be an integer.');
				key = Number(parts[0]);
			}
			const record = records.get(keyOf(entity, code, key));
			return record ? ok(record) : fail(404, NOT_FOUND[entity]);
		}
		const id = Number(parts.find((p) => /^\d+$/.test(p)));

		switch (route) {
			case 'GET run': {
				let runs = listOf('run', code);
				if (query.has('status')) {
					const wanted = query.get('status').split(',').filter(Boolean);
					const unknown = wanted.filter((s) => !RUN_FILTERS[s]);
					if (unknown.length) return fail(400, `Invalid status: ${unknown.join(', ')}.`);
					runs = runs.filter((r) => wanted.some((s) => RUN_FILTERS[s](r)));
				}
				return page(query, runs);
			}
			case 'POST run':
				return runCreate(code, body);
			case 'DELETE run/:id':
				if (!records.delete(keyOf('run', code, id))) return fail(404, NOT_FOUND.run);
				results = results.filter((r) => !(r.run_id === id && r.project === code));
				return ok({ id });
			case 'POST run/:id/complete': {
				const run = records.get(keyOf('run', code, id));
				if (!run) return fail(404, NOT_FOUND.run);
				if (run.status === 1) return fail(422, 'Run is already completed.');
				Object.assign(run, { status: 1, status_text: 'complete', end_time: now() });
				return ok(undefined);
			}
			case 'POST result/:id':
			case 'POST result/:id/bulk': {
				const run = records.get(keyOf('run', code, id));
				if (!run) return fail(404, NOT_FOUND.run);
				const bulk = route.endsWith('bulk');
				const list = bulk ? body?.results : [body];
				if (!Array.isArray(list) || (bulk && list.length === 0))
					return invalid([{ field: 'results', error: 'The results field is required.' }]);
				if (list.length > 2000)
					return fail(413, 'Payload Too Large: at most 2000 results in one bulk request.');
				const errors = list.flatMap((r, n) => resultProblems(r, bulk ? `results.${n}.` : ''));
				if (errors.length) return invalid(errors);
				const missing = list.find(
					(r) => r.case_id !== undefined && !records.has(keyOf('case', code, r.case_id)),
				);
				if (missing) return fail(404, NOT_FOUND.case);
				const made = list.map((r) => Object.assign(record(code, run, r), { project: code }));
				return bulk ? ok(undefined) : ok({ case_id: made[0].case_id, hash: made[0].hash });
			}
			case 'GET defect': {
				let defects = listOf('defect', code);
				if (query.has('status')) {
					const status = query.get('status');
					if (!['open', 'resolved', 'in_progress', 'invalid'].includes(status))
						return fail(400, 'The selected status is invalid.');
					defects = defects.filter((d) => d.status === status);
				}
				return page(query, defects);
			}
			case 'POST defect':
				return defectCreate(code, body);
			case 'PATCH defect/resolve/:id':
			case 'PATCH defect/status/:id': {
				const defect = records.get(keyOf('defect', code, id));
				if (!defect) return fail(404, NOT_FOUND.defect);
				const status = route.includes('resolve') ? 'resolved' : body?.status;
				if (!DEFECT_STATUSES.includes(status))
					return invalid([{ field: 'status', error: 'The selected status is invalid.' }]);
				Object.assign(defect, {
					status,
					resolved_at: status === 'resolved' ? now() : null,
					updated_at: now(),
				});
				return route.includes('resolve') ? ok({ id }) : ok(undefined);
			}
			case 'GET case': {
				let cases = listOf('case', code);
				if (query.has('suite_id')) {
					const suite = Number(query.get('suite_id'));
					if (!Number.isInteger(suite)) return fail(400, 'The suite id must be an integer.');
					cases = cases.filter((c) => c.suite_id === suite);
				}
				if (query.has('search')) {
					const needle = query.get('search').toLowerCase();
					cases = cases.filter((c) => String(c.title).toLowerCase().includes(needle));
				}
				return page(query, cases);
			}
		}
		return fail(404, `No route for ${method} ${fullPath}`);
	}

	const fake = createFakeServer({
		name: 'qase',
		handle,
		reset,
		snapshot: () => ({ projects, records: Object.fromEntries(records), results }),
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
		/** Results recorded in a run (oldest first). */
		resultsOf(code, runId) {
			return results.filter((r) => r.project === code && r.run_id === runId);
		},
		/** The records of one entity in a project, by ascending id. */
		list(entity, code) {
			return listOf(entity, code);
		},
		/** The next `times` requests (matching `path`, a regex) answer Qase's 429 with Retry-After. */
		rateLimit(times = 1, retryAfterSeconds = 1, path) {
			fake.addFault({
				...(path ? { path } : {}),
				status: 429,
				times,
				headers: { 'Retry-After': String(retryAfterSeconds) },
				body: { status: false, errorMessage: 'API rate limit exceeded.' },
			});
		},
		reset,
	});
}

module.exports = { createQaseFake, QASE_RECORD_ENTITIES: ENTITIES };
