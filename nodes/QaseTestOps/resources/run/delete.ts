import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { qaseRequest } from '../../api';
import { idField, idOf, projectLocator, projectOf, show } from '../../fields';
import { doneSchema } from '../../schemas';

const on = show('run', 'delete');

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a test run and its results',
	action: 'Delete a run',
};

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: on },
	{ ...idField('Run ID', 'runId', 'ID of the test run to delete'), displayOptions: on },
];

export const output = doneSchema('deleted');

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const id = idOf(this, 'runId', 'Run ID', i);
	await qaseRequest(this, 'DELETE', `/run/${project}/${id}`);
	return [{ id, project, deleted: true }];
}
