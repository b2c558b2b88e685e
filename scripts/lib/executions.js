'use strict';
// What n8n recorded, read the same way from SQLite (one process) and PostgreSQL (queue mode): the
// count query, the execution rows turned into records, and the wait for a workflow's executions
// to finish. Plain Node without dependencies, because read-executions.js and
// bench/lib/count-executions.js load it under each n8n line's own Node binary.

/** Quoted identifiers and a CAST, so that the same text runs on SQLite and on PostgreSQL. */
function executionCountsSql(workflowId) {
	const where = workflowId ? ` WHERE "workflowId" = ${literal(workflowId)}` : '';
	return `SELECT "workflowId", status, CAST(COUNT(*) AS INTEGER) AS n FROM execution_entity${where} GROUP BY "workflowId", status`;
}

/** n8n's workflow ids are short word strings; anything else is refused rather than quoted. */
function literal(workflowId) {
	if (!/^[\w-]{1,36}$/.test(String(workflowId)))
		throw new Error(`not a workflow id: ${JSON.stringify(workflowId)}`);
	return `'${workflowId}'`;
}

/** Rows of executionCountsSql() as { workflowId: { status: count } }. */
function countsByWorkflow(rows) {
	const out = {};
	for (const row of rows) (out[row.workflowId] ??= {})[row.status] = Number(row.n);
	return out;
}

const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
const unfinished = (counts) => (counts.new ?? 0) + (counts.running ?? 0) + (counts.waiting ?? 0);

/**
 * Waits until at least `expected` executions of the workflow exist and none is unfinished, then
 * until the count has stayed the same for `quietMs`, so that a late extra execution is still seen.
 * `source` is anything with executionCounts(workflowId): an N8nInstance or a QueueCluster.
 * Returns the last counts, also when the time ran out: the caller asserts them.
 */
async function drain(source, workflowId, expected, { timeoutMs = 300000, quietMs = 3000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let counts = source.executionCounts(workflowId);
	let last = -1;
	let stableSince = Date.now();
	while (Date.now() < deadline) {
		counts = source.executionCounts(workflowId);
		const n = total(counts);
		if (n !== last) {
			last = n;
			stableSince = Date.now();
		}
		if (n >= expected && unfinished(counts) === 0 && Date.now() - stableSince >= quietMs)
			return counts;
		await new Promise((r) => setTimeout(r, 500));
	}
	return counts;
}

/**
 * One execution_entity row joined with its execution_data, as a record: each node's first run
 * (output items and error) parsed with n8n's own flatted, and the raw stored text for secret scans.
 */
function executionRecord(row, flatted) {
	const nodes = {};
	let error;
	let lastNode;
	if (row.data) {
		const data = flatted.parse(row.data);
		for (const [name, runs] of Object.entries(data.resultData?.runData ?? {})) {
			const first = runs[0] || {};
			nodes[name] = {
				items: (first.data?.main?.[0] ?? []).map((i) => i.json),
				error: first.error?.message,
			};
		}
		error = data.resultData?.error?.message;
		lastNode = data.resultData?.lastNodeExecuted;
	}
	return {
		id: String(row.id),
		workflowId: row.workflowId,
		status: row.status,
		mode: row.mode,
		finished: Boolean(row.finished),
		startedAt: row.startedAt,
		stoppedAt: row.stoppedAt,
		lastNode,
		error,
		nodes,
		raw: row.data || '',
	};
}

/** The executions with their data, oldest first, in SQL both databases run. */
function executionsSql(workflowId) {
	const where = workflowId ? ` WHERE e."workflowId" = ${literal(workflowId)}` : '';
	return (
		'SELECT e.id, e."workflowId", e.status, e.mode, e.finished, e."startedAt", e."stoppedAt", d.data ' +
		'FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id' +
		where +
		' ORDER BY CAST(e.id AS INTEGER)'
	);
}

module.exports = {
	executionCountsSql,
	countsByWorkflow,
	total,
	unfinished,
	drain,
	executionRecord,
	executionsSql,
};
