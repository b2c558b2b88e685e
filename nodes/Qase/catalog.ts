import { z } from 'zod/v4';

import { defineEvent, type EventSpec } from '../shared/catalog';

/**
 * Qase webhook deliveries, per github.com/qase-tms/docs `general/webhooks/*.md` (mirrored at
 * docs.qase.io/general/webhooks and developers.qase.io/docs/webhooks). Every delivery is one
 * envelope `{event_name, timestamp, payload, team_member_id, project_code}`; the payload depends on
 * the event. The samples are the documented examples, verbatim.
 *
 * Where the docs contradict themselves the schemas accept every reading:
 * - run.updated: the example carries `cases_added`, the field table `cases_count`;
 * - run.completed / run.aborted: `duration` is "seconds" on one page and "milliseconds" on another;
 * - run.aborted: the example says `skipped`, the field table `skiped`.
 *
 * The UI also offers test-run *result* events, whose names and payloads are not documented
 * anywhere; they are not in this catalog.
 */

/** The nine webhook entities, as the node's `resource` values (the event name prefixes). */
export const QASE_ENTITIES = [
	'case',
	'suite',
	'plan',
	'shared_step',
	'milestone',
	'custom_field',
	'run',
	'defect',
	'review',
] as const;
export type QaseEntity = (typeof QASE_ENTITIES)[number];

export const ENTITY_DISPLAY_NAMES: Record<QaseEntity, string> = {
	case: 'Test Case',
	suite: 'Test Suite',
	plan: 'Test Plan',
	shared_step: 'Shared Step',
	milestone: 'Milestone',
	custom_field: 'Custom Field',
	run: 'Test Run',
	defect: 'Defect',
	review: 'Test Review',
};

// ---------------------------------------------------------------------------------------------
// Building blocks

const id = (what: string) => z.number().describe(`${what} ID`);
const nullableString = (what: string) => z.string().nullable().describe(what);

const namedRef = (what: string) =>
	z.looseObject({ id: z.number(), title: z.string() }).describe(what);

const styledRef = (what: string) =>
	z.looseObject({ id: z.number(), title: z.string(), icon: z.string(), color: z.string() }).describe(what);

const attachments = z.array(z.unknown()).describe('Attachments (IDs or hashes)');

const user = (what: string) =>
	z.looseObject({ email: z.string().describe('User email'), name: z.string().describe('User name') }).describe(what);

const caseStep = z.looseObject({
	position: z.number().describe('Step position'),
	action: z.string().describe('Step action'),
	expected_result: z.string().nullable().describe('Expected result'),
	data: z.string().nullable().describe('Input data'),
	attachments,
	shared: z.boolean().describe('Whether the step is a shared step'),
});

const caseCustomField = z.looseObject({
	id: id('Custom field'),
	title: z.string().describe('Custom field title'),
	type: z.string().describe('Custom field type: number, string, text, selectbox or checkbox'),
	value: z.unknown().describe('Custom field value (selectbox fields: an object of options)'),
});

const sharedStepStep = z.looseObject({
	hash: z.string().describe('Step hash'),
	action: z.string().describe('Step action'),
	expected_result: z.string().nullable().describe('Expected result'),
	data: z.string().nullable().describe('Input data'),
	attachments,
});

/** The proposed test case carried by review.updated / review.reopened. */
const reviewCaseData = z
	.looseObject({
		id: z.union([z.number(), z.string()]).describe('Test case ID (a number, or a string in some deliveries)'),
		title: z.string(),
		status: z.number().optional(),
		description: z.string().nullable().optional(),
		suite_id: z.number().nullable().optional(),
		severity: z.number().optional(),
		priority: z.number().optional(),
		type: z.number().optional(),
		layer: z.number().optional(),
		is_flaky: z.number().optional(),
		milestone_id: z.number().nullable().optional(),
		behavior: z.number().optional(),
		automation: z.number().optional(),
		params: z.array(z.unknown()).optional(),
		tags: z.array(z.unknown()).optional(),
		preconditions: z.string().nullable().optional(),
		postconditions: z.string().nullable().optional(),
		custom_field: z.array(z.unknown()).optional(),
		steps_type: z.string().optional(),
		code: z.string().optional(),
		review: z.boolean().optional(),
	})
	.describe('Test case fields as proposed in the review');

const customFieldPayload = z.looseObject({
	id: id('Custom field'),
	title: z.string().describe('Custom field title'),
	isRequired: z.boolean().describe('Must be filled on the create/update page'),
	isFilterable: z.boolean().describe('Shown in filters'),
	isVisible: z.boolean().describe('Visible in previews and on the test case page'),
	default_value: z.string().nullable().describe('Default value'),
	value: z.unknown().describe('Field options (a JSON-encoded string in the documented example)'),
	type: z.string().describe('Custom field type: number, string, text, selectbox or checkbox'),
	entity: z.string().describe('Entity the field belongs to: case, defect or run'),
});

const reviewUpdatePayload = z.looseObject({
	id: id('Test case review'),
	title: z.string().describe('Test case title'),
	case_id: id('Test case'),
	project: z.string().describe('Project code'),
	data: reviewCaseData,
	approves: z.array(z.unknown()).describe('Approvals'),
	updated_by: user('Who updated the review'),
	updated: z.string().describe('When the review was updated (YYYY-MM-DD HH:MM:SS)'),
});

const onlyId = (what: string) => z.looseObject({ id: id(what) });
const onlyHash = z.looseObject({ hash: z.string().describe('Shared step hash') });
const cloned = (what: string) =>
	z.looseObject({ id: id(`${what} (the clone)`), from_id: id(`${what} (the original)`) });

// ---------------------------------------------------------------------------------------------
// Envelope

/** Fields of every delivery besides `payload`. */
export const envelopeFields = {
	timestamp: z.number().describe('When the event happened (unix seconds)'),
	team_member_id: z.number().describe('Team member who triggered the event; 0 for an automation (API token)'),
	project_code: z.string().describe('Code of the project the event happened in'),
};

function envelope<const N extends string, P extends z.ZodObject>(name: N, payload: P) {
	return z.looseObject({
		event_name: z.literal(name).describe('Event name'),
		timestamp: envelopeFields.timestamp,
		payload,
		team_member_id: envelopeFields.team_member_id,
		project_code: envelopeFields.project_code,
	});
}

/** A catalog entry: the shared EventSpec plus what the Qase trigger needs to know about it. */
export interface QaseEventSpec<Name extends string = string> extends EventSpec<Name> {
	group: QaseEntity;
	/** Schema of `payload` alone. */
	payload: z.ZodObject;
}

function qaseEvent<const N extends string, P extends z.ZodObject>(spec: {
	name: N;
	displayName: string;
	description: string;
	payload: P;
	sample: Record<string, unknown>;
}) {
	const group = spec.name.split('.')[0] as QaseEntity;
	const event = defineEvent({
		name: spec.name,
		displayName: spec.displayName,
		description: spec.description,
		schema: envelope(spec.name, spec.payload),
		sample: spec.sample,
		group,
	});
	return { ...event, group, payload: spec.payload };
}

function example(name: string, timestamp: number, payload: Record<string, unknown>, teamMemberId = 40) {
	return { event_name: name, timestamp, payload, team_member_id: teamMemberId, project_code: 'ID' };
}

// ---------------------------------------------------------------------------------------------
// Events

const caseEvents = [
	qaseEvent({
		name: 'case.created',
		displayName: 'Test Case Created',
		description: 'A test case is created',
		payload: z.looseObject({
			id: id('Test case'),
			title: z.string().describe('Test case title'),
			description: nullableString('Test case description'),
			preconditions: nullableString('Test case preconditions'),
			postconditions: nullableString('Test case postconditions'),
			priority: styledRef('Priority'),
			severity: styledRef('Severity'),
			behavior: namedRef('Behavior'),
			type: namedRef('Type'),
			automation: namedRef('Automation status'),
			status: namedRef('Status'),
			suite_id: z.number().nullable().describe('Suite ID'),
			milestone_id: z.number().nullable().describe('Milestone ID'),
			steps: z.array(caseStep).describe('Test steps'),
			attachments,
			custom_fields: z.array(caseCustomField).describe('Custom field values'),
		}),
		sample: example('case.created', 1650530190, {
			id: 1610,
			title: 'Example test case',
			description: 'Description test case',
			preconditions: 'something',
			postconditions: 'something',
			priority: { id: 2, title: 'Medium', icon: 'genderless', color: 'medium' },
			severity: { id: 4, title: 'Normal', icon: 'genderless', color: 'normal' },
			behavior: { id: 2, title: 'Positive' },
			type: { id: 8, title: 'Functional' },
			automation: { id: 1, title: 'To be automated' },
			status: { id: 0, title: 'Actual' },
			suite_id: 12,
			milestone_id: null,
			steps: [
				{
					position: 1,
					action: 'simple action',
					expected_result: 'expected result',
					data: 'input data',
					attachments: [],
					shared: false,
				},
			],
			attachments: [],
			custom_fields: [{ id: 174, title: 'Test Number', type: 'number', value: '1' }],
		}),
	}),
	qaseEvent({
		name: 'case.cloned',
		displayName: 'Test Case Cloned',
		description: 'A test case is cloned',
		payload: cloned('Test case'),
		sample: example('case.cloned', 1650530878, { id: 1611, from_id: 1610 }),
	}),
	qaseEvent({
		name: 'case.updated',
		displayName: 'Test Case Updated',
		description: 'A test case is updated (the payload carries only its ID)',
		payload: onlyId('Test case'),
		sample: example('case.updated', 1650530630, { id: 1610 }),
	}),
	qaseEvent({
		name: 'case.deleted',
		displayName: 'Test Case Deleted',
		description: 'A test case is deleted',
		payload: onlyId('Test case'),
		sample: example('case.deleted', 1650530938, { id: 1611 }),
	}),
];

const suiteEvents = [
	qaseEvent({
		name: 'suite.created',
		displayName: 'Test Suite Created',
		description: 'A test suite is created',
		payload: z.looseObject({
			id: id('Test suite'),
			title: z.string().describe('Test suite title'),
			description: nullableString('Test suite description'),
			preconditions: nullableString('Test suite preconditions'),
			parent_id: z.number().nullable().describe('Parent test suite ID'),
		}),
		sample: example('suite.created', 1650540917, {
			id: 312,
			title: 'd',
			description: null,
			preconditions: null,
			parent_id: null,
		}),
	}),
	qaseEvent({
		name: 'suite.cloned',
		displayName: 'Test Suite Cloned',
		description: 'A test suite is cloned',
		payload: cloned('Test suite'),
		sample: example('suite.cloned', 1650541053, { id: 314, from_id: 13 }),
	}),
	qaseEvent({
		name: 'suite.updated',
		displayName: 'Test Suite Updated',
		description: 'A test suite is updated (the payload carries only its ID)',
		payload: onlyId('Test suite'),
		sample: example('suite.updated', 1650540955, { id: 11 }),
	}),
	qaseEvent({
		name: 'suite.deleted',
		displayName: 'Test Suite Deleted',
		description: 'A test suite is deleted',
		payload: onlyId('Test suite'),
		sample: example('suite.deleted', 1650540989, { id: 313 }),
	}),
];

const planCases = z
	.record(z.string(), z.unknown())
	.describe('Test cases in the plan, keyed by test case ID');

const planEvents = [
	qaseEvent({
		name: 'plan.created',
		displayName: 'Test Plan Created',
		description: 'A test plan is created',
		payload: z.looseObject({
			id: id('Test plan'),
			title: z.string().describe('Test plan title'),
			description: nullableString('Test plan description'),
			cases: planCases,
		}),
		sample: example('plan.created', 1650534130, { id: 2, title: 'dd', description: 'd', cases: { '1033': 0 } }),
	}),
	qaseEvent({
		name: 'plan.updated',
		displayName: 'Test Plan Updated',
		description: 'A test plan is updated',
		payload: z.looseObject({ id: id('Test plan'), cases: planCases }),
		sample: example('plan.updated', 1650534183, { id: 2, cases: { '1033': 0 } }),
	}),
	qaseEvent({
		name: 'plan.deleted',
		displayName: 'Test Plan Deleted',
		description: 'A test plan is deleted',
		payload: onlyId('Test plan'),
		sample: example('plan.deleted', 1650534261, { id: 59884 }),
	}),
];

const sharedStepEvents = [
	qaseEvent({
		name: 'shared_step.created',
		displayName: 'Shared Step Created',
		description: 'A shared step is created',
		payload: z.looseObject({
			hash: z.string().describe('Shared step hash'),
			title: z.string().describe('Shared step title'),
			steps: z.array(sharedStepStep).describe('Steps'),
			data: z.string().nullable().optional().describe('Shared step data'),
		}),
		sample: example('shared_step.created', 1650577292, {
			hash: '678ec0e6bf8ddeadfc241016f876923542a4761a',
			title: 'fff',
			steps: [
				{
					hash: '40bf38b525073257aad38a51c5f5734f8b0f30b8',
					action: 'action',
					expected_result: 'expected',
					data: 'data',
					attachments: [],
				},
			],
		}),
	}),
	qaseEvent({
		name: 'shared_step.updated',
		displayName: 'Shared Step Updated',
		description: 'A shared step is updated (the payload carries only its hash)',
		payload: onlyHash,
		sample: example('shared_step.updated', 1650540693, { hash: '2563d597b756810934dea4185ce31b2b0dbf377c' }),
	}),
	qaseEvent({
		name: 'shared_step.deleted',
		displayName: 'Shared Step Deleted',
		description: 'A shared step is deleted',
		payload: onlyHash,
		sample: example('shared_step.deleted', 1650540719, { hash: '2563d587b856810934dea4185ce31b9b0dbf352c' }),
	}),
];

const milestoneEvents = [
	qaseEvent({
		name: 'milestone.created',
		displayName: 'Milestone Created',
		description: 'A milestone is created',
		payload: z.looseObject({
			id: id('Milestone'),
			title: z.string().describe('Milestone title'),
			description: nullableString('Milestone description'),
		}),
		sample: example('milestone.created', 1650533865, { id: 70673, title: 'example', description: 'description' }),
	}),
	qaseEvent({
		name: 'milestone.updated',
		displayName: 'Milestone Updated',
		description: 'A milestone is updated (the payload carries only its ID)',
		payload: onlyId('Milestone'),
		sample: example('milestone.updated', 1650533896, { id: 1 }),
	}),
	qaseEvent({
		name: 'milestone.deleted',
		displayName: 'Milestone Deleted',
		description: 'A milestone is deleted',
		payload: onlyId('Milestone'),
		sample: example('milestone.deleted', 1650533914, { id: 1 }),
	}),
];

const customFieldExample = {
	id: 208,
	title: 'test',
	isRequired: false,
	isFilterable: false,
	isVisible: true,
	default_value: '5',
	value: '[]',
	type: 'number',
	entity: 'case',
};

const customFieldEvents = [
	qaseEvent({
		name: 'custom_field.created',
		displayName: 'Custom Field Created',
		description: 'A custom field is created',
		payload: customFieldPayload,
		sample: example('custom_field.created', 1650533521, customFieldExample),
	}),
	qaseEvent({
		name: 'custom_field.updated',
		displayName: 'Custom Field Updated',
		description: 'A custom field is updated',
		payload: customFieldPayload,
		sample: example('custom_field.updated', 1650533629, customFieldExample),
	}),
	qaseEvent({
		name: 'custom_field.deleted',
		displayName: 'Custom Field Deleted',
		description: 'A custom field is deleted',
		payload: customFieldPayload,
		sample: example('custom_field.deleted', 1650533655, customFieldExample),
	}),
];

const duration = z
	.number()
	.describe('Run duration; documented as seconds on one Qase page and as milliseconds on another');

const runEvents = [
	qaseEvent({
		name: 'run.started',
		displayName: 'Test Run Started',
		description: 'A test run is started',
		payload: z.looseObject({
			id: id('Test run'),
			title: z.string().describe('Test run title'),
			description: nullableString('Test run description'),
			plan: namedRef('Test plan the run was started from').nullable(),
			cases_count: z.number().describe('Number of test cases in the run'),
			environment: z.string().nullable().describe('Environment slug'),
		}),
		sample: example('run.started', 1650540069, {
			id: 1,
			title: 'Test run 2022/04/21',
			description: null,
			plan: { id: 3, title: 'd' },
			cases_count: 14,
			environment: null,
		}),
	}),
	qaseEvent({
		name: 'run.updated',
		displayName: 'Test Run Updated',
		description: 'Test cases are added to a test run',
		payload: z.looseObject({
			id: id('Test run'),
			// The example sends cases_added, the field table names cases_count: either may arrive.
			cases_added: z.number().optional().describe('Number of test cases added (as in the documented example)'),
			cases_count: z.number().optional().describe('Number of test cases in the run (as in the documented field table)'),
		}),
		sample: example('run.updated', 1650540114, { id: 1, cases_added: 14 }),
	}),
	qaseEvent({
		name: 'run.completed',
		displayName: 'Test Run Completed',
		description: 'A test run is completed',
		payload: z.looseObject({
			id: id('Test run'),
			cases: z.number().describe('Number of test cases in the run'),
			passed: z.number().describe('Passed cases'),
			failed: z.number().describe('Failed cases'),
			blocked: z.number().describe('Blocked cases'),
			duration,
		}),
		sample: example('run.completed', 1650540194, { id: 2, cases: 14, passed: 0, failed: 0, blocked: 0, duration: 0 }),
	}),
	qaseEvent({
		name: 'run.aborted',
		displayName: 'Test Run Aborted',
		description: 'A test run is aborted',
		payload: z.looseObject({
			id: id('Test run'),
			cases: z.number().describe('Number of test cases in the run'),
			passed: z.number().describe('Passed cases'),
			untested: z.number().describe('Untested cases'),
			failed: z.number().describe('Failed cases'),
			blocked: z.number().describe('Blocked cases'),
			// The example spells it skipped, the field table skiped: either may arrive.
			skipped: z.number().optional().describe('Skipped cases (as in the documented example)'),
			skiped: z.number().optional().describe('Skipped cases (spelled so in the documented field table)'),
			duration,
		}),
		sample: example('run.aborted', 1650540148, {
			id: 1,
			cases: 14,
			passed: 0,
			untested: 14,
			failed: 0,
			blocked: 0,
			skipped: 0,
			duration: 0,
		}),
	}),
	qaseEvent({
		name: 'run.deleted',
		displayName: 'Test Run Deleted',
		description: 'A test run is deleted',
		payload: onlyId('Test run'),
		sample: example('run.deleted', 1650540289, { id: 1 }),
	}),
	qaseEvent({
		name: 'run.report_changed',
		displayName: 'Test Run Report Visibility Changed',
		description: "A test run's public report is turned on or off",
		payload: z.looseObject({
			id: id('Test run'),
			visible: z.boolean().describe('Whether the public report is available'),
		}),
		sample: example('run.report_changed', 1650540222, { id: 2, visible: true }),
	}),
];

const defectEvents = [
	qaseEvent({
		name: 'defect.created',
		displayName: 'Defect Created',
		description: 'A defect is created',
		payload: z.looseObject({
			id: id('Defect'),
			title: z.string().describe('Defect title'),
			severity: z.string().describe('Severity'),
			actual_result: z.string().nullable().describe('What happened'),
			attachments,
		}),
		sample: example('defect.created', 1650532563, {
			id: 1,
			title: 'Example defect',
			severity: 'normal',
			actual_result: 'Something',
			attachments: [],
		}),
	}),
	qaseEvent({
		name: 'defect.updated',
		displayName: 'Defect Updated',
		description: 'A defect is updated (the payload carries only its ID)',
		payload: onlyId('Defect'),
		sample: example('defect.updated', 1650532605, { id: 1 }),
	}),
	qaseEvent({
		name: 'defect.resolved',
		displayName: 'Defect Resolved',
		description: 'A defect is resolved',
		payload: onlyId('Defect'),
		sample: example('defect.resolved', 1650533030, { id: 1 }),
	}),
	qaseEvent({
		name: 'defect.deleted',
		displayName: 'Defect Deleted',
		description: 'A defect is deleted',
		payload: onlyId('Defect'),
		sample: example('defect.deleted', 1650533058, { id: 1 }),
	}),
];

const bob = { email: 'bob@bar.io', name: 'Bob Bar' };
const bib = { email: 'bib@bob.io', name: 'Bib Bob' };

const reviewEvents = [
	qaseEvent({
		name: 'review.created',
		displayName: 'Test Review Created',
		description: 'A test case review is created',
		payload: z.looseObject({
			id: id('Test case review'),
			title: z.string().describe('Test case title'),
			case_id: id('Test case'),
			project: z.string().describe('Project code'),
			created_by: user('Who created the review'),
			created: z.string().describe('When the review was created (YYYY-MM-DD HH:MM:SS)'),
		}),
		sample: example('review.created', 1650534458, {
			id: 1,
			title: 'Check edit function and result of updates',
			case_id: 25,
			project: 'ID',
			created_by: bob,
			created: '2022-04-21 09:47:38',
		}),
	}),
	qaseEvent({
		name: 'review.updated',
		displayName: 'Test Review Updated',
		description: 'A test case review is updated',
		payload: reviewUpdatePayload,
		sample: example('review.updated', 1650534611, {
			id: 1,
			title: 'Check edit function and result of updates',
			case_id: 25,
			project: 'ID',
			data: {
				id: 25,
				title: 'Check edit function and result of updates f',
				status: 0,
				description: 'frfr',
				suite_id: 12,
				severity: 0,
				priority: 0,
				type: 1,
				layer: 0,
				is_flaky: 0,
				milestone_id: null,
				behavior: 1,
				automation: 0,
				params: [],
				tags: ['jira'],
				preconditions: null,
				postconditions: null,
				steps_type: 'classic',
			},
			approves: [],
			updated_by: bib,
			updated: '2022-04-21 09:47:38',
		}),
	}),
	qaseEvent({
		name: 'review.reopened',
		displayName: 'Test Review Reopened',
		description: 'A test case review is reopened',
		payload: reviewUpdatePayload,
		sample: example('review.reopened', 1650534883, {
			id: 2,
			title: 'Check edit function and result of updates',
			case_id: 25,
			project: 'ID',
			data: {
				id: '25',
				title: 'Check edit function and result of updates',
				status: 0,
				description: 'description',
				suite_id: 12,
				severity: 0,
				priority: 0,
				type: 1,
				layer: 0,
				is_flaky: 0,
				milestone_id: null,
				behavior: 1,
				automation: 0,
				params: [],
				tags: [],
				preconditions: null,
				postconditions: null,
				custom_field: [],
				steps_type: 'classic',
				code: 'ID',
				review: true,
			},
			approves: [],
			updated_by: bob,
			updated: '2022-04-21 09:54:09',
		}),
	}),
	qaseEvent({
		name: 'review.approval_status_changed',
		displayName: 'Test Review Approval Status Changed',
		description: "A test case review's approval status changes",
		payload: z.looseObject({
			id: id('Test case review'),
			status: z.string().describe('unapproved, approved or request changes'),
			updated_by: user('Who changed the status'),
		}),
		sample: example('review.approval_status_changed', 1650544272, { id: 2, status: 'approved', updated_by: bob }, 48),
	}),
	qaseEvent({
		name: 'review.commented',
		displayName: 'Test Review Commented',
		description: 'A test case review gets a comment',
		payload: z.looseObject({
			id: id('Test case review'),
			comment: z.string().describe('Comment text'),
			commented_by: user('Who commented'),
		}),
		sample: example('review.commented', 1650534928, { id: 2, comment: 'comment', commented_by: bob }),
	}),
	qaseEvent({
		name: 'review.declined',
		displayName: 'Test Review Declined',
		description: 'A test case review is declined',
		payload: z.looseObject({ id: id('Test case review'), declined_by: user('Who declined the review') }),
		sample: example('review.declined', 1650534857, { id: 2, declined_by: bob }),
	}),
	qaseEvent({
		name: 'review.deleted',
		displayName: 'Test Review Deleted',
		description: 'A test case review is deleted',
		payload: z.looseObject({ id: id('Test case review'), deleted_by: user('Who deleted the review') }),
		sample: example('review.deleted', 1650534818, { id: 1, deleted_by: bob }),
	}),
	qaseEvent({
		name: 'review.merged',
		displayName: 'Test Review Merged',
		description: 'A test case review is merged',
		payload: z.looseObject({ id: id('Test case review'), merged_by: user('Who merged the review') }),
		sample: example('review.merged', 1650544276, { id: 2, merged_by: bob }, 48),
	}),
	qaseEvent({
		name: 'review.reviewer_added',
		displayName: 'Test Review Reviewer Added',
		description: 'A reviewer is added to a test case review',
		payload: z.looseObject({ id: id('Test case review'), reviewer: user('The reviewer') }),
		sample: example('review.reviewer_added', 1650534955, { id: 2, reviewer: bob }),
	}),
	qaseEvent({
		name: 'review.reviewer_removed',
		displayName: 'Test Review Reviewer Removed',
		description: 'A reviewer is removed from a test case review',
		payload: z.looseObject({ id: id('Test case review'), reviewer: user('The reviewer') }),
		sample: example('review.reviewer_removed', 1650534974, { id: 2, reviewer: bib }),
	}),
];

/** Every documented Qase webhook event, grouped by entity in catalog order. */
export const qaseEvents: readonly QaseEventSpec[] = [
	...caseEvents,
	...suiteEvents,
	...planEvents,
	...sharedStepEvents,
	...milestoneEvents,
	...customFieldEvents,
	...runEvents,
	...defectEvents,
	...reviewEvents,
];

export const QASE_EVENT_NAMES: readonly string[] = qaseEvents.map((e) => e.name);

const byName = new Map(qaseEvents.map((e) => [e.name, e]));

export function findQaseEvent(name: string): QaseEventSpec | undefined {
	return byName.get(name);
}

export function eventsOfEntity(entity: QaseEntity): QaseEventSpec[] {
	return qaseEvents.filter((e) => e.group === entity);
}

// ---------------------------------------------------------------------------------------------
// Output shapes

/** Fields the default output ("Payload with Context") lifts beside the payload's own fields. */
export const contextFields = {
	event: z.string().describe('Qase event name, e.g. case.updated'),
	project_code: envelopeFields.project_code,
	team_member_id: envelopeFields.team_member_id,
	occurred_at: z
		.string()
		.nullable()
		.describe('When the event happened, ISO 8601 (from the unix timestamp; null if the delivery had none)'),
};

/** The item the trigger outputs by default for one event: payload fields plus context. */
export function payloadOutputSchema(event: QaseEventSpec): z.ZodObject {
	// At run time the context fields win over a payload field of the same name (none is documented).
	const own = Object.fromEntries(Object.entries(event.payload.shape).filter(([key]) => !(key in contextFields)));
	return z.looseObject({
		...contextFields,
		event: z.literal(event.name).describe('Qase event name'),
		...own,
	});
}

/** Fields the "Resolve Full Record" option adds to an item of a resolvable event. */
export const resolvedFields = {
	record: z
		.record(z.string(), z.unknown())
		.nullable()
		.optional()
		.describe('The full record fetched from the Qase API (Resolve Full Record); null if the lookup failed'),
	record_error: z
		.looseObject({ status: z.number().nullable(), message: z.string() })
		.optional()
		.describe('Why the record could not be fetched (e.g. 404 when it was deleted since, 429 when rate limited)'),
};
