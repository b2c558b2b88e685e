/** The browser suite (test/ui): n8n's real editor in Chromium; N8N_LINE picks the n8n line. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.js'],
	testTimeout: 600000,
	transform: {},
};
