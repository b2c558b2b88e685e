'use strict';
// The one place that says which single-service packages are built besides the bundle
// (package.json, `n8n-nodes-testops`), and what each holds. Everything else is derived: the
// credentials (from the nodes' descriptions), the dist files (the compiled require() graph plus the
// assets the nodes reference), the package.json, the README (README.md's sections marked for the
// service) and the tarball. Adding a node to a package is adding its compiled entry file here.
//
// `vendor` is the prefix of the service's own folders (`nodes/<Vendor>…/`) and credential files
// (`credentials/<Vendor>…`): a package may hold those and `nodes/shared/`, never another vendor's.

/** @type {Array<{ id: string, name: string, vendor: string, title: string, description: string, keywords: string[], nodes: string[] }>} */
const SERVICES = [
	{
		id: 'qase',
		name: 'n8n-nodes-testops-qase',
		vendor: 'Qase',
		title: 'Qase',
		description:
			'n8n nodes for Qase (test management): runs, results, defects and cases through the Qase API, and a trigger for all 40 documented webhook events with verified secret, typed output and optional full-record lookup.',
		keywords: ['qase', 'test management', 'test runs', 'webhook', 'trigger', 'testing', 'qa'],
		nodes: [
			'dist/nodes/QaseTestOps/QaseTestOps.node.js',
			'dist/nodes/QaseTrigger/QaseTrigger.node.js',
		],
	},
	{
		id: 'openlayer',
		name: 'n8n-nodes-testops-openlayer',
		vendor: 'Openlayer',
		title: 'Openlayer',
		description:
			'n8n trigger for Openlayer (ML/LLM testing): Standard Webhooks signatures, retry de-duplication, optional failing-test details.',
		keywords: ['openlayer', 'llm', 'ml testing', 'standard webhooks', 'webhook', 'trigger'],
		nodes: ['dist/nodes/OpenlayerTrigger/OpenlayerTrigger.node.js'],
	},
	{
		id: 'currents',
		name: 'n8n-nodes-testops-currents',
		vendor: 'Currents',
		title: 'Currents',
		description:
			'n8n nodes for Currents (Cypress/Playwright dashboard): a trigger with automatic or manual webhook setup, failed tests and run summary, and a Webhooks action node.',
		keywords: ['currents', 'cypress', 'playwright', 'webhook', 'trigger', 'testing'],
		nodes: [
			'dist/nodes/CurrentsTrigger/CurrentsTrigger.node.js',
			'dist/nodes/CurrentsWebhooks/CurrentsWebhooks.node.js',
		],
	},
];

/** The bundle's name: the repository's package.json. */
const BUNDLE = 'n8n-nodes-testops';

module.exports = { SERVICES, BUNDLE };
