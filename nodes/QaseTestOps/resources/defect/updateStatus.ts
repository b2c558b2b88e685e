import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { qaseRequest } from '../../api';
import { idField, idOf, projectLocator, projectOf, show } from '../../fields';
import { defectStatusSchema } from '../../schemas';
import { checkChoice } from '../../validation';

const on = show('defect', 'updateStatus');

/** Defect.status's enum (testops-api/v1/schemas/Defect.status.yaml). */
const DEFECT_STATUSES = ['in_progress', 'resolved', 'invalid'] as const;

export const option: INodePropertyOptions = {
	name: 'Update Status',
	value: 'updateStatus',
	description: 'Set the status of a defect',
	action: 'Update the status of a defect',
};

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: on },
	{ ...idField('Defect ID', 'defectId', 'ID of the defect'), displayOptions: on },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'in_progress',
		options: [
			{ name: 'In Progress', value: 'in_progress' },
			{ name: 'Invalid', value: 'invalid' },
			{ name: 'Resolved', value: 'resolved' },
		],
		displayOptions: on,
	},
];

export const output = defectStatusSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const id = idOf(this, 'defectId', 'Defect ID', i);
	const status = checkChoice(this.getNodeParameter('status', i, ''), 'Status', DEFECT_STATUSES);
	await qaseRequest(this, 'PATCH', `/defect/${project}/status/${id}`, { body: { status } });
	return [{ id, project, status }];
}
