#!/usr/bin/env node
'use strict';
// `npm run scan`: n8n's own community-package scanner (@n8n/scan-community-package), run the way its
// registry scan runs it, but on this checkout instead of a published version (its CLI only fetches
// from npm): once on the source (package.json, nodes/, credentials/) and once on the packed tarball
// (compiled .js and the published package.json). Exit code 1 on any error.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/**
 * The scanner pins typescript 7, which has no compiler API: if @typescript-eslint/parser ever
 * resolved that copy, every .ts file would fail to parse. The lock file keeps the parser hoisted
 * beside the repository's typescript 5; npm `overrides` would force it too, but the scanner itself
 * forbids an `overrides` field in a community package.json (no-overrides-field), so check instead.
 */
function assertParserTypescript() {
	const scannerDir = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
	const parserDir = path.dirname(
		require.resolve('@typescript-eslint/typescript-estree/package.json', { paths: [scannerDir] }),
	);
	const ts = require(require.resolve('typescript', { paths: [parserDir] }));
	if (typeof ts.createSourceFile !== 'function') {
		throw new Error(
			`the scanner's TypeScript parser resolves typescript ${ts.version}, which has no compiler API; ` +
				'run `npm ci` so the lock file layout applies',
		);
	}
	return ts.version;
}

function packTarball() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'testops-scan-'));
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const tarball = path.join(dir, JSON.parse(out)[0].filename);
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	return { dir, packageDir: path.join(dir, 'package') };
}

async function main() {
	const tsVersion = assertParserTypescript();
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const { dir, packageDir } = packTarball();
	const legs = [
		['source', ROOT, scanner.SOURCE_FILE_PATTERNS],
		['tarball', packageDir, ['**/*.js', 'package.json']],
	];
	let failed = false;
	try {
		for (const [name, cwd, patterns] of legs) {
			const result = await scanner.analyzePackage(cwd, patterns);
			console.log(
				`${result.passed ? 'PASS' : 'FAIL'} ${name} (${patterns.join(', ')})${result.message ? `: ${result.message}` : ''}`,
			);
			if (result.details) console.log(result.details);
			if (!result.passed) failed = true;
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	console.log(
		`scanner @n8n/scan-community-package ${require('@n8n/scan-community-package/package.json').version}, parser typescript ${tsVersion}`,
	);
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
