'use strict';
// Prints { <workflow id>: <triggerCount> } from an n8n user folder's SQLite database, read with
// n8n's own sqlite3 (so it runs under that n8n line's Node binary). n8n writes a workflow's
// triggerCount as the last step of activating it, after its webhooks' create() and the static
// data they stored were saved (ActiveWorkflowManager.add, n8n 1.x and 2.x).
//   node read-trigger-counts.js <n8n cache dir> <n8n user folder>
const path = require('node:path');

const [n8nDir, userFolder] = process.argv.slice(2);
const sqlite3 = require(path.join(n8nDir, 'node_modules', 'sqlite3'));

const db = new sqlite3.Database(
	path.join(userFolder, '.n8n', 'database.sqlite'),
	sqlite3.OPEN_READONLY,
);
db.all('SELECT id, triggerCount FROM workflow_entity', [], (err, rows) => {
	if (err) {
		process.stderr.write(String(err.message) + '\n');
		process.exit(1);
	}
	process.stdout.write(JSON.stringify(Object.fromEntries(rows.map((r) => [r.id, r.triggerCount]))));
	db.close();
});
