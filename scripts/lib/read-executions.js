'use strict';
// Prints the executions recorded in an n8n user folder's SQLite database as JSON, reading it with
// n8n's own sqlite3 and flatted modules. Runs under the Node binary of that n8n line, because the
// sqlite3 addon is built for it.
//   node read-executions.js <n8n cache dir> <n8n user folder> [workflowId]
const path = require('node:path');

const [n8nDir, userFolder, workflowId] = process.argv.slice(2);
const sqlite3 = require(path.join(n8nDir, 'node_modules', 'sqlite3'));
const flatted = require(path.join(n8nDir, 'node_modules', 'flatted'));

const db = new sqlite3.Database(
	path.join(userFolder, '.n8n', 'database.sqlite'),
	sqlite3.OPEN_READONLY,
);
const sql =
	'SELECT e.id, e.workflowId, e.status, e.mode, e.finished, e.startedAt, e.stoppedAt, d.data ' +
	'FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id' +
	(workflowId ? ' WHERE e.workflowId = ?' : '') +
	' ORDER BY CAST(e.id AS INTEGER)';

db.all(sql, workflowId ? [workflowId] : [], (err, rows) => {
	if (err) {
		process.stderr.write(String(err.message) + '\n');
		process.exit(1);
	}
	const out = rows.map((row) => {
		let nodes = {};
		let error;
		let lastNode;
		if (row.data) {
			const data = flatted.parse(row.data);
			const runData = (data.resultData && data.resultData.runData) || {};
			for (const [name, runs] of Object.entries(runData)) {
				const first = runs[0] || {};
				nodes[name] = {
					items: ((first.data && first.data.main && first.data.main[0]) || []).map((i) => i.json),
					error: first.error ? first.error.message : undefined,
				};
			}
			error = data.resultData && data.resultData.error ? data.resultData.error.message : undefined;
			lastNode = data.resultData && data.resultData.lastNodeExecuted;
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
	});
	process.stdout.write(JSON.stringify(out));
	db.close();
});
