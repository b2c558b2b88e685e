/** Unit and in-process integration tests: fast, loopback only. */
const os = require('node:os');
const path = require('node:path');

// n8n-core (test/integration) keeps its instance settings in <N8N_USER_FOLDER>/.n8n: a throwaway
// folder, never the developer's own ~/.n8n. Jest's workers inherit it.
process.env.N8N_USER_FOLDER ??= path.join(os.tmpdir(), 'n8n-nodes-testops-jest');
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
};
