import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { qaseRequest } from '../../api';
import { idField, idOf, projectLocator, projectOf, show } from '../../fields';
import { doneSchema } from '../../schemas';

const on = show('run', 'complete');

export const option: INodePropertyOptions = {
	name: 'Complete',
	value: 'complete',
	description: 'Mark a test run as complete',
	action: 'Complete a run',
};

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: on },
	{ ...idField('Run ID', 'runId', 'ID of the test run to complete'), displayOptions: on },
];

export const output = doneSchema('completed');

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const id = idOf(this, 'runId', 'Run ID', i);
	await qaseRequest(this, 'POST', `/run/${project}/${id}/complete`);
	return [{ id, project, completed: true }];
}
