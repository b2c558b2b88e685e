import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { listAll } from '../../api';
import { limitOf, listFields, projectOf } from '../../fields';
import { caseSchema } from '../../schemas';
import { checkText, optionalId } from '../../validation';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	description: 'List the test cases of a project',
	action: 'Get many cases',
};

export const description: INodeProperties[] = listFields('case', 'getMany', [
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		description: 'Only cases whose title contains this text',
	},
	{
		displayName: 'Suite ID',
		name: 'suiteId',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'Only cases of this suite',
	},
]);

/** One item per test case. */
export const output = caseSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const max = limitOf(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as { search?: string; suiteId?: number };
	const qs: IDataObject = {};
	const search = checkText(filters.search, 'Search', { max: 255 }).trim();
	if (search !== '') qs.search = search;
	const suite = optionalId(filters.suiteId, 'Suite ID');
	if (suite !== undefined) qs.suite_id = suite;
	return await listAll(this, `/case/${project}`, qs, max);
}
