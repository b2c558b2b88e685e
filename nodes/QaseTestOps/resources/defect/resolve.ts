import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { qaseRequest } from '../../api';
import { idField, idOf, projectLocator, projectOf, show } from '../../fields';
import { doneSchema } from '../../schemas';

const on = show('defect', 'resolve');

export const option: INodePropertyOptions = {
	name: 'Resolve',
	value: 'resolve',
	description: 'Mark a defect as resolved',
	action: 'Resolve a defect',
};

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: on },
	{ ...idField('Defect ID', 'defectId', 'ID of the defect to resolve'), displayOptions: on },
];

export const output = doneSchema('resolved');

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const id = idOf(this, 'defectId', 'Defect ID', i);
	await qaseRequest(this, 'PATCH', `/defect/${project}/resolve/${id}`);
	return [{ id, project, resolved: true }];
}
