// Build steps after tsc: copy icons and codex files next to the compiled nodes, and write each
// node's output-schema previews (__schema__) from the zod catalogs compiled into dist.
const fs = require('node:fs');
const path = require('node:path');
const { src, dest, series } = require('gulp');

const DIST = path.join(__dirname, 'dist');

function copyAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.node.json', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest(DIST));
}

function writeSchemas(done) {
	const pkg = require('./package.json');
	let count = 0;
	for (const nodePath of pkg.n8n.nodes) {
		const nodeDir = path.dirname(path.join(__dirname, nodePath));
		const generator = path.join(nodeDir, 'outputSchemas.js');
		if (!fs.existsSync(generator)) continue;
		const schemaDir = path.join(nodeDir, '__schema__');
		fs.rmSync(schemaDir, { recursive: true, force: true });
		for (const { file, schema } of require(generator).outputSchemas()) {
			const target = path.join(schemaDir, file);
			fs.mkdirSync(path.dirname(target), { recursive: true });
			fs.writeFileSync(target, JSON.stringify(schema, null, 2) + '\n');
			count++;
		}
	}
	console.log(`wrote ${count} output schema files`);
	done();
}

exports.build = series(copyAssets, writeSchemas);
exports['build:schemas'] = writeSchemas;
