'use strict';
// Reads a file of this repository for tests that check its configuration (workflows, .ci/run).
// Plain JS for the same reason as test/e2e/host.js: the .ts tests keep n8n's Cloud rules.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** The UTF-8 text of `relativePath` (from the repository root). */
const readRepoFile = (relativePath) => fs.readFileSync(path.join(ROOT, relativePath), 'utf8');

/** The bytes of `relativePath` (from the repository root), e.g. a committed screenshot. */
const readRepoBytes = (relativePath) => fs.readFileSync(path.join(ROOT, relativePath));

/**
 * Evaluates the body of a `={{ … }}` subtitle expression with `$parameter` bound, as the editor's
 * legacy expression engine does for these plain JavaScript expressions.
 */
const evaluateSubtitle = (body, parameters) =>
	new Function('$parameter', `return (${body});`)(parameters);

module.exports = { readRepoFile, readRepoBytes, evaluateSubtitle };
