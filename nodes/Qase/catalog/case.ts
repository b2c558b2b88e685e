import { z } from 'zod/v4';

import {
	id,
	nullableString,
	namedRef,
	styledRef,
	attachments,
	customFieldFields,
	customFieldType,
	stepFields,
	qaseEvent,
	recordEvent,
	example,
	type QaseEventSpec,
} from './shared';

const caseStep = () =>
	z.looseObject({
		position: z.number().describe('Step position'),
		...stepFields(),
		shared: z.boolean().describe('Whether the step is a shared step'),
	});

const caseCustomField = () =>
	z.looseObject({
		...customFieldFields(),
		type: customFieldType(),
		value: z.unknown().describe('Custom field value (selectbox fields: an object of options)'),
	});

export const caseEvents: QaseEventSpec[] = [
	qaseEvent({
		name: 'case.created',
		displayName: 'Test Case Created',
		description: 'A test case is created',
		payload: () =>
			z.looseObject({
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
				steps: z.array(caseStep()).describe('Test steps'),
				attachments: attachments(),
				custom_fields: z.array(caseCustomField()).describe('Custom field values'),
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
	recordEvent('case.cloned', 'Test case', 1650530878, { id: 1611, from_id: 1610 }),
	recordEvent('case.updated', 'Test case', 1650530630, { id: 1610 }),
	recordEvent('case.deleted', 'Test case', 1650530938, { id: 1611 }),
];
