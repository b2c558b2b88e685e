#!/usr/bin/env node
'use strict';
// `npm run scan`: n8n's own community-package scanner (@n8n/scan-community-package), run the way its
// registry scan runs it, but on this checkout instead of a published version (its CLI only fetches
// from npm), for all four packages `npm run packages` builds (the bundle and one per service): once on
// the source (package.json, nodes/, credentials/) and once on the packed tarball (compiled .js and the
// published package.json); and `n8n-node lint` in each single-service package's staging folder.
// Exit code 1 on any error.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { buildAll } = require('./packages');

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

/** Unpacks a tarball into a fresh temporary folder; returns the package folder inside it. */
function unpack(tarball) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'testops-scan-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	return { dir, packageDir: path.join(dir, 'package') };
}

/** `n8n-node lint` (n8n's stock config, strict) in a package's staging folder; true when clean. */
function nodeLint(cwd) {
	try {
		execFileSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'), ['lint'], {
			cwd,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		return { passed: true };
	} catch (error) {
		return { passed: false, details: `${error.stdout || ''}${error.stderr || ''}` };
	}
}

async function main() {
	const tsVersion = assertParserTypescript();
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const packages = buildAll();
	let failed = false;
	const report = (label, result) => {
		console.log(
			`${result.passed ? 'PASS' : 'FAIL'} ${label}${result.message ? `: ${result.message}` : ''}`,
		);
		if (result.details) console.log(result.details);
		if (!result.passed) failed = true;
	};
	for (const { name, dir, tarball } of packages) {
		const unpacked = unpack(tarball);
		try {
			// What n8n's verification lints: the source the package is built from (here the repository
			// for the bundle, the staging folder's sources for a single-service package) and the tarball.
			report(
				`${name} source (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`,
				await scanner.analyzePackage(dir, scanner.SOURCE_FILE_PATTERNS),
			);
			report(
				`${name} tarball ${path.relative(ROOT, tarball)} (**/*.js, package.json)`,
				await scanner.analyzePackage(unpacked.packageDir, ['**/*.js', 'package.json']),
			);
			// The bundle's n8n-node lint is `npm run lint` (the whole repository).
			if (dir !== ROOT)
				report(`${name} n8n-node lint in ${path.relative(ROOT, dir)}`, nodeLint(dir));
		} finally {
			fs.rmSync(unpacked.dir, { recursive: true, force: true });
		}
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
