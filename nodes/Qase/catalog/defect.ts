import { z } from 'zod/v4';

import { id, attachments, onlyId, qaseEvent, example, type QaseEventSpec } from './shared';

export const defectEvents: QaseEventSpec[] = [
	qaseEvent({
		name: 'defect.created',
		displayName: 'Defect Created',
		description: 'A defect is created',
		payload: () =>
			z.looseObject({
				id: id('Defect'),
				title: z.string().describe('Defect title'),
				severity: z.string().describe('Severity'),
				actual_result: z.string().nullable().describe('What happened'),
				attachments: attachments(),
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
		payload: () => onlyId('Defect'),
		sample: example('defect.updated', 1650532605, { id: 1 }),
	}),
	qaseEvent({
		name: 'defect.resolved',
		displayName: 'Defect Resolved',
		description: 'A defect is resolved',
		payload: () => onlyId('Defect'),
		sample: example('defect.resolved', 1650533030, { id: 1 }),
	}),
	qaseEvent({
		name: 'defect.deleted',
		displayName: 'Defect Deleted',
		description: 'A defect is deleted',
		payload: () => onlyId('Defect'),
		sample: example('defect.deleted', 1650533058, { id: 1 }),
	}),
];
