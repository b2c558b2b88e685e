import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { qaseRecord } from '../../api';
import { idField, idOf, projectLocator, projectOf, show } from '../../fields';
import { caseSchema } from '../../schemas';

const on = show('case', 'get');

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description: 'Get a test case by ID',
	action: 'Get a case',
};

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: on },
	{ ...idField('Case ID', 'caseId', 'ID of the test case'), displayOptions: on },
];

export const output = caseSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const id = idOf(this, 'caseId', 'Case ID', i);
	return [await qaseRecord(this, 'GET', `/case/${project}/${id}`)];
}
