import { z } from 'zod/v4';

import { id, nullableString, onlyId, qaseEvent, example, type QaseEventSpec } from './shared';

export const milestoneEvents: QaseEventSpec[] = [
	qaseEvent({
		name: 'milestone.created',
		displayName: 'Milestone Created',
		description: 'A milestone is created',
		payload: () =>
			z.looseObject({
				id: id('Milestone'),
				title: z.string().describe('Milestone title'),
				description: nullableString('Milestone description'),
			}),
		sample: example('milestone.created', 1650533865, {
			id: 70673,
			title: 'example',
			description: 'description',
		}),
	}),
	qaseEvent({
		name: 'milestone.updated',
		displayName: 'Milestone Updated',
		description: 'A milestone is updated (the payload carries only its ID)',
		payload: () => onlyId('Milestone'),
		sample: example('milestone.updated', 1650533896, { id: 1 }),
	}),
	qaseEvent({
		name: 'milestone.deleted',
		displayName: 'Milestone Deleted',
		description: 'A milestone is deleted',
		payload: () => onlyId('Milestone'),
		sample: example('milestone.deleted', 1650533914, { id: 1 }),
	}),
];
