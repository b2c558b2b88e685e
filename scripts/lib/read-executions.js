'use strict';
// Prints the executions recorded in an n8n user folder's SQLite database as JSON, reading it with
// n8n's own sqlite3 and flatted modules. Runs under the Node binary of that n8n line, because the
// sqlite3 addon is built for it.
//   node read-executions.js <n8n cache dir> <n8n user folder> [workflowId]
const path = require('node:path');

const { executionRecord, executionsSql } = require('./executions');

const [n8nDir, userFolder, workflowId] = process.argv.slice(2);
const sqlite3 = require(path.join(n8nDir, 'node_modules', 'sqlite3'));
const flatted = require(path.join(n8nDir, 'node_modules', 'flatted'));

const db = new sqlite3.Database(
	path.join(userFolder, '.n8n', 'database.sqlite'),
	sqlite3.OPEN_READONLY,
);

db.all(executionsSql(workflowId), [], (err, rows) => {
	if (err) {
		process.stderr.write(String(err.message) + '\n');
		process.exit(1);
	}
	process.stdout.write(JSON.stringify(rows.map((row) => executionRecord(row, flatted))));
	db.close();
});
