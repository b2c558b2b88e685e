import { z } from 'zod/v4';

import { stepFields, qaseEvent, example, type QaseEventSpec } from './shared';

const onlyHash = () => z.looseObject({ hash: z.string().describe('Shared step hash') });

const sharedStepStep = () =>
	z.looseObject({
		hash: z.string().describe('Step hash'),
		...stepFields(),
	});

export const sharedStepEvents: QaseEventSpec[] = [
	qaseEvent({
		name: 'shared_step.created',
		displayName: 'Shared Step Created',
		description: 'A shared step is created',
		payload: () =>
			z.looseObject({
				hash: z.string().describe('Shared step hash'),
				title: z.string().describe('Shared step title'),
				steps: z.array(sharedStepStep()).describe('Steps'),
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
		sample: example('shared_step.updated', 1650540693, {
			hash: '2563d597b756810934dea4185ce31b2b0dbf377c',
		}),
	}),
	qaseEvent({
		name: 'shared_step.deleted',
		displayName: 'Shared Step Deleted',
		description: 'A shared step is deleted',
		payload: onlyHash,
		sample: example('shared_step.deleted', 1650540719, {
			hash: '2563d587b856810934dea4185ce31b9b0dbf352c',
		}),
	}),
];
