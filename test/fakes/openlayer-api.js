'use strict';
// A faithful local fake of the parts of the Openlayer REST API (api.openlayer.com/v1, per
// openlayer-ts src/resources) that Openlayer Trigger uses: bearer API keys, GET /projects and the
// test results of a commit (GET /versions/{projectVersionId}/results) or of a monitoring pipeline
// (GET /inference-pipelines/{inferencePipelineId}/results), with `status` filtering and
// `{_meta: {page, perPage, totalItems, totalPages}, items}` page/perPage pagination.
// Unknown ids answer 404; faults (status, delay, malformed body) come from the kit.
const { randomUUID } = require('node:crypto');
const { createFakeServer } = require('./kit');

const STATUSES = ['running', 'passing', 'failing', 'skipped', 'error'];
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 25;

const fail = (status, message) => ({ status, body: { error: message, code: status } });

function paginate(all, query) {
	const page = query.has('page') ? Number(query.get('page')) : 1;
	const perPage = query.has('perPage') ? Number(query.get('perPage')) : DEFAULT_PER_PAGE;
	if (!Number.isInteger(page) || page < 1) return fail(400, 'page must be a positive integer');
	if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
		return fail(400, `perPage must be an integer from 1 to ${MAX_PER_PAGE}`);
	}
	const totalItems = all.length;
	const totalPages = Math.max(1, Math.ceil(totalItems / perPage));
	const items = all.slice((page - 1) * perPage, page * perPage);
	return { status: 200, body: { _meta: { page, perPage, totalItems, totalPages }, items } };
}

/** A test result as Openlayer lists it, with its goal (the test). */
function makeResult({ status, number, projectVersionId = null, inferencePipelineId = null, name }) {
	const goalId = randomUUID();
	const now = new Date(0).toISOString();
	return {
		id: randomUUID(),
		status,
		statusMessage: status === 'failing' ? `Test ${number} did not meet its threshold` : null,
		dateCreated: now,
		dateUpdated: now,
		dateDataStarts: null,
		dateDataEnds: null,
		projectVersionId,
		inferencePipelineId,
		goalId,
		goal: {
			id: goalId,
			name: name ?? `Test ${number}`,
			number,
			type: 'integrity',
			subtype: 'duplicateRowCount',
			description: null,
			commentCount: 0,
			creatorId: null,
			dateArchived: null,
			dateCreated: now,
			dateUpdated: now,
			originProjectVersionId: projectVersionId,
			suggested: false,
			thresholds: [{ measurement: 'duplicateRowCount', operator: '<=', value: 0 }],
		},
	};
}

/**
 * @param {{apiKeys?: string[], projects?: Array<{id: string, name: string}>}} [options]
 */
function createOpenlayerFake(options = {}) {
	const apiKeys = new Set(options.apiKeys ?? ['test-openlayer-key']);
	const initialProjects = options.projects ?? [
		{ id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', name: 'Churn model' },
		{ id: '7d1f0c1e-0b6e-4a59-9b0a-2f4b1f3b9c11', name: 'Support bot' },
	];
	let projects;
	/** @type {Map<string, any[]>} */
	let versions;
	/** @type {Map<string, any[]>} */
	let pipelines;
	function reset() {
		projects = initialProjects.map((p) => ({
			dateCreated: new Date(0).toISOString(),
			taskType: 'tabular-classification',
			...p,
		}));
		versions = new Map();
		pipelines = new Map();
	}
	reset();

	/**
	 * Stores the results of one run and returns them.
	 * @param {{projectVersionId?: string, inferencePipelineId?: string, failing?: number, passing?: number, skipped?: number}} run
	 */
	function addRun(run) {
		const owner = run.projectVersionId
			? { projectVersionId: run.projectVersionId }
			: { inferencePipelineId: run.inferencePipelineId };
		const results = [];
		let number = 1;
		for (const [status, n] of [
			['failing', run.failing ?? 0],
			['passing', run.passing ?? 0],
			['skipped', run.skipped ?? 0],
		]) {
			for (let i = 0; i < n; i++) results.push(makeResult({ status, number: number++, ...owner }));
		}
		const map = run.projectVersionId ? versions : pipelines;
		const key = run.projectVersionId ?? run.inferencePipelineId;
		if (!key) throw new Error('addRun needs projectVersionId or inferencePipelineId');
		map.set(key, results);
		return results;
	}

	function results(map, id, query, what) {
		const all = map.get(id);
		if (!all) return fail(404, `${what} not found`);
		const status = query.get('status');
		if (status !== null && !STATUSES.includes(status))
			return fail(400, `status must be one of ${STATUSES.join(', ')}`);
		return paginate(status === null ? all : all.filter((r) => r.status === status), query);
	}

	function handle({ method, path, query, headers }) {
		const auth = headers.authorization;
		const m = typeof auth === 'string' ? /^Bearer (.+)$/.exec(auth) : null;
		if (!m || !apiKeys.has(m[1])) return fail(401, 'Invalid or missing API key');
		if (method !== 'GET') return fail(405, `Method ${method} not allowed`);

		if (path === '/projects') return paginate(projects, query);
		const v = /^\/versions\/([^/]+)\/results$/.exec(path);
		if (v) return results(versions, decodeURIComponent(v[1]), query, 'Project version');
		const p = /^\/inference-pipelines\/([^/]+)\/results$/.exec(path);
		if (p) return results(pipelines, decodeURIComponent(p[1]), query, 'Inference pipeline');
		return fail(404, `No route for ${method} ${path}`);
	}

	const fake = createFakeServer({
		name: 'openlayer',
		handle,
		reset,
		snapshot: () => ({
			projects,
			versions: Object.fromEntries(versions),
			inferencePipelines: Object.fromEntries(pipelines),
		}),
	});
	return Object.assign(fake, { addRun, reset });
}

module.exports = { createOpenlayerFake, MAX_PER_PAGE, DEFAULT_PER_PAGE };
