'use strict';
// Marks workflows active or inactive in an n8n user folder's SQLite database, as n8n's own
// `update:workflow --active` (1.x) and `publish:workflow` / `unpublish:workflow` (2.x) do: both
// set `active` and `activeVersionId` and nothing else. One process for every id instead of one
// n8n CLI start per workflow (each loads all of n8n: seconds per id). Runs under the Node binary
// of that n8n line, because n8n's sqlite3 addon is built for it.
//   node set-active.js <n8n cache dir> <n8n user folder> <publish|true|false> <workflowId>...
// (`publish` is 2.x's publish:workflow, which also requires the version's history entry.)
const path = require('node:path');

const [n8nDir, userFolder, state, ...ids] = process.argv.slice(2);
const sqlite3 = require(path.join(n8nDir, 'node_modules', 'sqlite3'));

const db = new sqlite3.Database(path.join(userFolder, '.n8n', 'database.sqlite'));
const fail = (message) => {
	process.stderr.write(`${message}\n`);
	process.exit(1);
};
const run = (sql, params) =>
	new Promise((resolve, reject) =>
		db.run(sql, params, function done(err) {
			if (err) reject(err);
			else resolve(this.changes);
		}),
	);
const get = (sql, params) =>
	new Promise((resolve, reject) =>
		db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))),
	);

(async () => {
	for (const id of ids) {
		if (state === 'true' || state === 'publish') {
			const wf = await get('SELECT versionId FROM workflow_entity WHERE id = ?', [id]);
			if (!wf) fail(`workflow "${id}" not found`);
			if (state === 'publish') {
				const version = await get(
					'SELECT 1 AS ok FROM workflow_history WHERE workflowId = ? AND versionId = ?',
					[id, wf.versionId],
				);
				if (!version) fail(`version ${wf.versionId} of workflow "${id}" has no history entry`);
			}
			await run('UPDATE workflow_entity SET active = 1, activeVersionId = versionId WHERE id = ?', [
				id,
			]);
		} else {
			const changed = await run(
				'UPDATE workflow_entity SET active = 0, activeVersionId = NULL WHERE id = ?',
				[id],
			);
			if (changed !== 1) fail(`workflow "${id}" not found`);
		}
	}
	db.close((err) => (err ? fail(err.message) : undefined));
})().catch((error) => fail(error.message));
