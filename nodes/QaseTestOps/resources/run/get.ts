import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { qaseRecord } from '../../api';
import { idField, idOf, projectLocator, projectOf, show } from '../../fields';
import { runSchema } from '../../schemas';

const on = show('run', 'get');

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description: 'Get a test run by ID',
	action: 'Get a run',
};

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: on },
	{ ...idField('Run ID', 'runId', 'ID of the test run'), displayOptions: on },
];

export const output = runSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const id = idOf(this, 'runId', 'Run ID', i);
	return [await qaseRecord(this, 'GET', `/run/${project}/${id}`)];
}
