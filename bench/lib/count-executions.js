'use strict';
// Counts the executions per workflow and status in an n8n user folder's SQLite database, as JSON
// {workflowId: {status: count}}. Runs under the Node binary of that n8n line (its sqlite3 addon is
// built for it).
//   node count-executions.js <n8n cache dir> <n8n user folder>           one count, then exits
//   node count-executions.js <n8n cache dir> <n8n user folder> --serve   one count per stdin line
const path = require('node:path');
const readline = require('node:readline');

const { countsByWorkflow, executionCountsSql } = require('../../scripts/lib/executions');

const [n8nDir, userFolder] = process.argv.slice(2);
const serve = process.argv.includes('--serve');
const sqlite3 = require(path.join(n8nDir, 'node_modules', 'sqlite3'));

const db = new sqlite3.Database(
	path.join(userFolder, '.n8n', 'database.sqlite'),
	sqlite3.OPEN_READONLY,
);
db.configure('busyTimeout', 10000);

function count(done) {
	db.all(executionCountsSql(), [], (err, rows) => {
		if (err) return done(JSON.stringify({ error: String(err.message) }));
		done(JSON.stringify(countsByWorkflow(rows)));
	});
}

if (serve) {
	const rl = readline.createInterface({ input: process.stdin });
	rl.on('line', () => count((json) => process.stdout.write(json + '\n')));
	rl.on('close', () => db.close());
} else {
	count((json) => {
		process.stdout.write(json);
		db.close();
	});
}
