import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { qaseRecord } from '../../api';
import { idField, idOf, projectLocator, projectOf, show } from '../../fields';
import { defectSchema } from '../../schemas';

const on = show('defect', 'get');

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description: 'Get a defect by ID',
	action: 'Get a defect',
};

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: on },
	{ ...idField('Defect ID', 'defectId', 'ID of the defect'), displayOptions: on },
];

export const output = defectSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const id = idOf(this, 'defectId', 'Defect ID', i);
	return [await qaseRecord(this, 'GET', `/defect/${project}/${id}`)];
}
