import { z } from 'zod/v4';

import {
	customFieldFields,
	customFieldType,
	qaseEvent,
	example,
	type QaseEventSpec,
} from './shared';

const customFieldPayload = () =>
	z.looseObject({
		...customFieldFields(),
		isRequired: z.boolean().describe('Must be filled on the create/update page'),
		isFilterable: z.boolean().describe('Shown in filters'),
		isVisible: z.boolean().describe('Visible in previews and on the test case page'),
		default_value: z.string().nullable().describe('Default value'),
		value: z.unknown().describe('Field options (a JSON-encoded string in the documented example)'),
		type: customFieldType(),
		entity: z.string().describe('Entity the field belongs to: case, defect or run'),
	});

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

export const customFieldEvents: QaseEventSpec[] = [
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
