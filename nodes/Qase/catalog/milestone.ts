import { z } from 'zod/v4';

import { id, nullableString, qaseEvent, recordEvent, example, type QaseEventSpec } from './shared';

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
	recordEvent('milestone.updated', 'Milestone', 1650533896, { id: 1 }),
	recordEvent('milestone.deleted', 'Milestone', 1650533914, { id: 1 }),
];
