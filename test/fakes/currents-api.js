'use strict';
// A faithful local fake of the Currents REST API (docs.currents.dev api/resources/webhooks and
// projects): bearer keys, {status, data} envelopes, cursor pagination, the documented field limits
// and error statuses. Used by unit tests, the e2e suite and `npm run fake:currents`.
const { randomUUID } = require('node:crypto');
const { createFakeServer } = require('./kit');

const HOOK_EVENTS = ['RUN_START', 'RUN_FINISH', 'RUN_TIMEOUT', 'RUN_CANCELED'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ok = (data, extra = {}, status = 200) => ({ status, body: { status: 'OK', ...extra, data } });
const fail = (status, message, code) => ({
	status,
	body: { status: 'FAILED', message, ...(code ? { code } : {}) },
});

function validateFields(body, { create }) {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		return 'Body must be a JSON object';
	const { url, headers, label, hookEvents } = body;
	if (create && url === undefined) return 'url is required';
	if (url !== undefined) {
		if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url))
			return 'url must be a valid URI';
		if (url.length > 2048) return 'url must be at most 2048 characters';
	}
	if (headers !== undefined && headers !== null) {
		if (typeof headers !== 'string') return 'headers must be a string';
		if (headers.length > 4096) return 'headers must be at most 4096 characters';
		let parsed;
		try {
			parsed = JSON.parse(headers);
		} catch {
			return 'headers must be a JSON object string';
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
			return 'headers must be a JSON object string';
	}
	if (label !== undefined && label !== null) {
		if (typeof label !== 'string' || label.length < 1 || label.length > 255)
			return 'label must be 1 to 255 characters';
	}
	if (hookEvents !== undefined) {
		if (!Array.isArray(hookEvents) || hookEvents.some((e) => !HOOK_EVENTS.includes(e))) {
			return `hookEvents must be an array of ${HOOK_EVENTS.join(', ')}`;
		}
	}
	return undefined;
}

/**
 * @param {{apiKeys?: string[], projects?: Array<{projectId: string, name: string}>, deleteStatus?: 200|204}} [options]
 */
function createCurrentsFake(options = {}) {
	const apiKeys = new Set(options.apiKeys ?? ['test-currents-key']);
	const initialProjects = options.projects ?? [
		{ projectId: 'proj_alpha', name: 'Alpha Web' },
		{ projectId: 'proj_beta', name: 'Beta Mobile' },
	];
	let projects;
	/** @type {Map<string, any>} */
	let hooks;
	/** Runs and spec-file instances (docs.currents.dev api/resources/runs and instances). */
	let runs;
	let instances;
	function reset() {
		projects = initialProjects.map((p, i) => ({
			createdAt: new Date(0).toISOString(),
			...p,
			cursor: `cur_${i}_${p.projectId}`,
		}));
		hooks = new Map();
		runs = new Map();
		instances = new Map();
	}
	reset();

	function handle({ method, path, query, headers, body }) {
		const auth = headers.authorization;
		if (!auth) return fail(401, 'API key is required', 'api_key_required');
		const m = /^Bearer (.+)$/.exec(auth);
		if (!m || !apiKeys.has(m[1])) return fail(401, 'Invalid API key');

		if (method === 'GET' && path === '/projects') {
			const limit = query.has('limit') ? Number(query.get('limit')) : 10;
			if (!Number.isInteger(limit) || limit < 1 || limit > 100)
				return fail(400, 'limit must be an integer from 1 to 100');
			let start = 0;
			const after = query.get('starting_after');
			if (after) {
				const i = projects.findIndex((p) => p.cursor === after);
				if (i < 0) return fail(400, 'starting_after is not a valid cursor');
				start = i + 1;
			}
			const page = projects.slice(start, start + limit);
			return ok(page, { has_more: start + limit < projects.length });
		}

		if (path === '/webhooks' && (method === 'GET' || method === 'POST')) {
			const projectId = query.get('projectId');
			if (!projectId) return fail(400, 'projectId is required');
			if (!projects.some((p) => p.projectId === projectId)) return fail(404, 'Project not found');
			if (method === 'GET') return ok([...hooks.values()].filter((h) => h.projectId === projectId));
			const problem = validateFields(body, { create: true });
			if (problem) return fail(400, problem);
			const now = new Date().toISOString();
			const hook = {
				hookId: randomUUID(),
				projectId,
				url: body.url,
				headers: body.headers ?? null,
				hookEvents: body.hookEvents ?? [],
				label: body.label ?? null,
				createdAt: now,
				updatedAt: now,
			};
			hooks.set(hook.hookId, hook);
			return ok(hook, {}, 201);
		}

		const rm = /^\/runs\/([^/]+)$/.exec(path);
		if (rm && method === 'GET') {
			const run = runs.get(decodeURIComponent(rm[1]));
			return run ? ok(run) : fail(404, 'Run not found');
		}
		const im = /^\/instances\/([^/]+)$/.exec(path);
		if (im && method === 'GET') {
			const instance = instances.get(decodeURIComponent(im[1]));
			return instance ? ok(instance) : fail(404, 'Instance not found');
		}

		const hm = /^\/webhooks\/([^/]+)$/.exec(path);
		if (hm) {
			const hookId = decodeURIComponent(hm[1]);
			if (!UUID.test(hookId)) return fail(400, 'hookId must be a UUID');
			const hook = hooks.get(hookId);
			if (!hook) return fail(404, 'Webhook not found');
			if (method === 'GET') return ok(hook);
			if (method === 'PUT') {
				const problem = validateFields(body, { create: false });
				if (problem) return fail(400, problem);
				for (const key of ['url', 'headers', 'label', 'hookEvents']) {
					if (body[key] !== undefined) hook[key] = body[key];
				}
				hook.updatedAt = new Date().toISOString();
				return ok(hook);
			}
			if (method === 'DELETE') {
				hooks.delete(hookId);
				return options.deleteStatus === 204 ? { status: 204 } : ok({ hookId });
			}
		}
		return fail(404, `No route for ${method} ${path}`);
	}

	const fake = createFakeServer({
		name: 'currents',
		handle,
		reset,
		snapshot: () => ({ projects, hooks: [...hooks.values()], runs: [...runs.values()] }),
	});
	// defineProperty, not Object.assign: assign would copy the getter's value once.
	Object.defineProperty(fake, 'hooks', { get: () => [...hooks.values()], enumerable: true });
	/**
	 * Records a run the way Currents' API returns it: `GET /runs/{runId}` lists the spec files
	 * (instanceId, spec, groupId, results.stats), `GET /instances/{instanceId}` holds each spec
	 * file's tests with title path, state, displayError and attempts[{state, error{name, message}}].
	 * @param {{runId: string, projectId?: string, specs: Array<{spec: string, groupId?: string,
	 *   tests: Array<{title: string[], state: 'passed'|'failed'|'pending'|'skipped', error?: string, attempts?: number}>}>}} run
	 */
	function addRun(run) {
		const specs = run.specs.map((s, si) => {
			const instanceId = `${run.runId}-inst-${si}`;
			const tests = s.tests.map((t, ti) => {
				const attemptCount = t.attempts ?? 1;
				const attempts = Array.from({ length: attemptCount }, (_, a) => ({
					state: t.state,
					attempt: a,
					error:
						t.state === 'failed'
							? {
									name: 'Error',
									message: t.error ?? 'Test failed',
									stack: `Error: ${t.error ?? 'Test failed'}\n    at spec`,
								}
							: null,
				}));
				return {
					testId: `t${si}_${ti}`,
					title: t.title,
					state: t.state,
					displayError:
						t.state === 'failed' ? `Error: ${t.error ?? 'Test failed'}\n    at spec` : null,
					attempts,
				};
			});
			const count = (state) => tests.filter((t) => t.state === state).length;
			const stats = {
				tests: tests.length,
				passes: count('passed'),
				failures: count('failed'),
				pending: count('pending'),
				skipped: count('skipped'),
				retries: 0,
			};
			const groupId = s.groupId ?? run.groupId ?? 'default';
			instances.set(instanceId, {
				instanceId,
				runId: run.runId,
				groupId,
				spec: s.spec,
				machineId: 'm1',
				results: { stats, tests },
			});
			return { instanceId, spec: s.spec, groupId, machineId: 'm1', results: { stats } };
		});
		const record = {
			runId: run.runId,
			projectId: run.projectId ?? 'proj_alpha',
			createdAt: new Date().toISOString(),
			specs,
		};
		runs.set(run.runId, record);
		return record;
	}

	return Object.assign(fake, {
		addRun,
		addProject(project) {
			projects.push({
				createdAt: new Date(0).toISOString(),
				...project,
				cursor: `cur_${projects.length}_${project.projectId}`,
			});
		},
		reset,
	});
}

module.exports = { createCurrentsFake, HOOK_EVENTS };
