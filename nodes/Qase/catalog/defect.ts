import { z } from 'zod/v4';

import { id, attachments, qaseEvent, recordEvent, example, type QaseEventSpec } from './shared';

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
	recordEvent('defect.updated', 'Defect', 1650532605, { id: 1 }),
	recordEvent('defect.resolved', 'Defect', 1650533030, { id: 1 }),
	recordEvent('defect.deleted', 'Defect', 1650533058, { id: 1 }),
];
