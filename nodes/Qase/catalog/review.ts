import { z } from 'zod/v4';

import { id, user, qaseEvent, example, type QaseEventSpec } from './shared';

/** The proposed test case carried by review.updated / review.reopened. */
const reviewCaseData = () =>
	z
		.looseObject({
			id: z
				.union([z.number(), z.string()])
				.describe('Test case ID (a number, or a string in some deliveries)'),
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

const reviewUpdatePayload = () =>
	z.looseObject({
		id: id('Test case review'),
		title: z.string().describe('Test case title'),
		case_id: id('Test case'),
		project: z.string().describe('Project code'),
		data: reviewCaseData(),
		approves: z.array(z.unknown()).describe('Approvals'),
		updated_by: user('Who updated the review'),
		updated: z.string().describe('When the review was updated (YYYY-MM-DD HH:MM:SS)'),
	});

const bob = { email: 'bob@bar.io', name: 'Bob Bar' };

/** A review declined, deleted or merged: the review's ID and who did it (Bob, in the examples). */
const reviewedBy = <const A extends string>(
	action: A,
	timestamp: number,
	reviewId: number,
	teamMemberId?: number,
) =>
	qaseEvent({
		name: `review.${action}`,
		displayName: `Test Review ${action[0].toUpperCase()}${action.slice(1)}`,
		description: `A test case review is ${action}`,
		payload: () =>
			z.looseObject({
				id: id('Test case review'),
				[`${action}_by`]: user(`Who ${action} the review`),
			}),
		sample: example(
			`review.${action}`,
			timestamp,
			{ id: reviewId, [`${action}_by`]: bob },
			teamMemberId,
		),
	});
const bib = { email: 'bib@bob.io', name: 'Bib Bob' };

export const reviewEvents: QaseEventSpec[] = [
	qaseEvent({
		name: 'review.created',
		displayName: 'Test Review Created',
		description: 'A test case review is created',
		payload: () =>
			z.looseObject({
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
		payload: () =>
			z.looseObject({
				id: id('Test case review'),
				status: z.string().describe('unapproved, approved or request changes'),
				updated_by: user('Who changed the status'),
			}),
		sample: example(
			'review.approval_status_changed',
			1650544272,
			{ id: 2, status: 'approved', updated_by: bob },
			48,
		),
	}),
	qaseEvent({
		name: 'review.commented',
		displayName: 'Test Review Commented',
		description: 'A test case review gets a comment',
		payload: () =>
			z.looseObject({
				id: id('Test case review'),
				comment: z.string().describe('Comment text'),
				commented_by: user('Who commented'),
			}),
		sample: example('review.commented', 1650534928, {
			id: 2,
			comment: 'comment',
			commented_by: bob,
		}),
	}),
	reviewedBy('declined', 1650534857, 2),
	reviewedBy('deleted', 1650534818, 1),
	reviewedBy('merged', 1650544276, 2, 48),
	qaseEvent({
		name: 'review.reviewer_added',
		displayName: 'Test Review Reviewer Added',
		description: 'A reviewer is added to a test case review',
		payload: () => z.looseObject({ id: id('Test case review'), reviewer: user('The reviewer') }),
		sample: example('review.reviewer_added', 1650534955, { id: 2, reviewer: bob }),
	}),
	qaseEvent({
		name: 'review.reviewer_removed',
		displayName: 'Test Review Reviewer Removed',
		description: 'A reviewer is removed from a test case review',
		payload: () => z.looseObject({ id: id('Test case review'), reviewer: user('The reviewer') }),
		sample: example('review.reviewer_removed', 1650534974, { id: 2, reviewer: bib }),
	}),
];
