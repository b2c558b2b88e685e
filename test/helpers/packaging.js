'use strict';
// What the packaging tests need from the machine: a built dist/, a package staged into a temporary
// folder and walked, and the migration command run as a user runs it. Plain JS for the same reason
// as test/helpers/repo.js: the .ts tests keep n8n's Cloud rules.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const packaging = require('../../scripts/lib/packaging');

const { ROOT } = packaging;

/** Builds dist/ when a fresh checkout has none (the package graph is read from compiled code). */
function ensureBuilt() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes')))
		execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/** Stages a service's package into a fresh temporary folder; returns the folder and its files. */
function stageToTemp(service) {
	ensureBuilt();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `testops-stage-${service.id}-`));
	packaging.stage(service, dir);
	return { dir, files: packaging.walk(dir, '.').map((f) => f.replace(/^\.\//, '')) };
}

const readIn = (dir, file) => fs.readFileSync(path.join(dir, file), 'utf8');
const removeDir = (dir) => fs.rmSync(dir, { recursive: true, force: true });

/** node scripts/migrate-workflow.js <args>, with `input` on stdin. */
function runMigrate(args, input) {
	const res = spawnSync(
		process.execPath,
		[path.join(ROOT, 'scripts', 'migrate-workflow.js'), ...args],
		{
			input,
			encoding: 'utf8',
		},
	);
	return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Writes a temporary file and returns its path (for the migration command's file argument). */
function tempFile(name, text) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'testops-migrate-'));
	fs.writeFileSync(path.join(dir, name), text);
	return path.join(dir, name);
}

/** The node type name (`description.name`) of a compiled node file. */
function nodeTypeNameOf(nodeFile) {
	ensureBuilt();
	const mod = require(path.join(ROOT, nodeFile));
	const Cls = Object.values(mod).find((v) => typeof v === 'function');
	const node = new Cls();
	return (node.description || Object.values(node.nodeVersions)[0].description).name;
}

/** The committed copy of a service's package.json, or undefined. */
function committedManifest(service) {
	const file = packaging.committedManifestPath(service);
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

module.exports = {
	packaging,
	ensureBuilt,
	stageToTemp,
	readIn,
	removeDir,
	runMigrate,
	tempFile,
	nodeTypeNameOf,
	committedManifest,
};
