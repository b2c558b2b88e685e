import { z } from 'zod/v4';

import { defineLazyEvent, eventNames, once, type EventSpec } from '../shared/catalog';

/**
 * Currents HTTP webhook deliveries, per docs.currents.dev "HTTP Webhooks" (payload schema) and the
 * webhooks REST API (hookEvents). Every run lifecycle event carries the same payload shape.
 */
/*
 * The zod schemas are built on first use, not when the module loads: n8n loads every node at start-up
 * and the trigger needs only the event names then (it does not validate payloads); the build and the
 * tests use the schemas.
 */

const nullableString = () => z.string().nullable();

const commitSchema = once(() =>
	z.looseObject({
		sha: nullableString(),
		branch: nullableString(),
		authorName: nullableString(),
		authorEmail: nullableString(),
		message: nullableString(),
		remoteOrigin: nullableString(),
		defaultBranch: nullableString(),
	}),
);

function runPayload<E extends z.ZodType>(event: E) {
	return z.looseObject({
		event: event.describe('Run lifecycle event'),
		runUrl: z.string().describe('Currents dashboard URL of the run'),
		buildId: z.string().describe('Build ID as reported by CI'),
		groupId: z.string().optional().describe('Group of a multi-group run (one delivery per group)'),
		tags: z.array(z.string()).optional().describe('Run tags'),
		commit: commitSchema().describe('Git commit of the run'),
		overall: z.number().describe('Overall number of tests'),
		passes: z.number().describe('Passed tests'),
		failures: z.number().describe('Failed tests'),
		pending: z.number().describe('Pending tests'),
		skipped: z.number().describe('Skipped tests'),
		retries: z.number().describe('Test retries in the run'),
		flaky: z.number().describe('Flaky tests in the run'),
	});
}

/** The documented example (an HTTP POST for RUN_START); other events share its shape. */
const documentedExample = {
	event: 'RUN_START',
	runUrl: 'https://app.currents.dev/run/950a13c3edf4f28b6e8ce301a404b4aa',
	buildId: 'demo-build-cdx3314',
	commit: {
		authorEmail: 'john@doe.com',
		authorName: 'John Doe',
		defaultBranch: 'main',
		branch: 'feature-A',
		message: 'feat: change button color',
		remoteOrigin: 'https://github.com/org/repo.git',
		sha: '5a7edc9a156e417068060d67109021351fc7d9b8',
	},
	failures: 0,
	flaky: 0,
	overall: 1,
	passes: 1,
	pending: 0,
	retries: 0,
	skipped: 0,
};

export const currentsEvents = [
	defineLazyEvent({
		name: 'RUN_START',
		displayName: 'Run Started',
		description: 'A new test run starts',
		schema: () => runPayload(z.literal('RUN_START')),
		sample: documentedExample,
	}),
	defineLazyEvent({
		name: 'RUN_FINISH',
		displayName: 'Run Finished',
		description: 'A run completes, passed or failed',
		schema: () => runPayload(z.literal('RUN_FINISH')),
		sample: { ...documentedExample, event: 'RUN_FINISH' },
	}),
	defineLazyEvent({
		name: 'RUN_TIMEOUT',
		displayName: 'Run Timed Out',
		description: 'A run times out',
		schema: () => runPayload(z.literal('RUN_TIMEOUT')),
		sample: { ...documentedExample, event: 'RUN_TIMEOUT' },
	}),
	defineLazyEvent({
		name: 'RUN_CANCELED',
		displayName: 'Run Canceled',
		description: 'A run is cancelled',
		schema: () => runPayload(z.literal('RUN_CANCELED')),
		sample: { ...documentedExample, event: 'RUN_CANCELED' },
	}),
] as const satisfies readonly EventSpec[];

/** The run lifecycle events, derived from the entries above. */
export const CURRENTS_EVENT_NAMES = eventNames(currentsEvents);
export type CurrentsEventName = (typeof CURRENTS_EVENT_NAMES)[number];

/** Any run event: the shape the trigger outputs and previews. */
export const runEventSchema = once(() => runPayload(z.enum(CURRENTS_EVENT_NAMES)));

// ---------------------------------------------------------------------------------------------
// REST API objects (docs.currents.dev api/resources/webhooks)

export const webhookSchema = once(() =>
	z.looseObject({
		hookId: z.string().describe('Globally unique webhook ID (UUID)'),
		projectId: z.string().describe('Project the webhook belongs to'),
		url: z.string().describe('Where Currents POSTs events'),
		hookEvents: z.array(z.enum(CURRENTS_EVENT_NAMES)).describe('Events the webhook is sent for'),
		headers: z
			.string()
			.nullable()
			.optional()
			.describe('Custom headers, a JSON object encoded as a string'),
		label: z.string().nullable().optional().describe('Human-readable label'),
		createdAt: z.string().optional(),
		updatedAt: z.string().optional(),
	}),
);
export type CurrentsWebhook = z.infer<ReturnType<typeof webhookSchema>>;

export const projectSchema = once(() =>
	z.looseObject({
		projectId: z.string(),
		name: z.string(),
		cursor: z.string().optional(),
	}),
);
export type CurrentsProject = z.infer<ReturnType<typeof projectSchema>>;
