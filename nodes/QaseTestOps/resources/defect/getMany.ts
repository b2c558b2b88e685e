import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { listAll } from '../../api';
import { limitOf, listFields, projectOf } from '../../fields';
import { defectSchema } from '../../schemas';
import { checkChoice } from '../../validation';

/** `status` of GET /defect/{code} (testops-api/v1/paths/defects.yaml). */
const DEFECT_FILTER = ['open', 'resolved', 'in_progress', 'invalid'] as const;

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	description: 'List the defects of a project',
	action: 'Get many defects',
};

export const description: INodeProperties[] = listFields('defect', 'getMany', [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'open',
		options: [
			{ name: 'In Progress', value: 'in_progress' },
			{ name: 'Invalid', value: 'invalid' },
			{ name: 'Open', value: 'open' },
			{ name: 'Resolved', value: 'resolved' },
		],
	},
]);

/** One item per defect. */
export const output = defectSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const max = limitOf(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as { status?: string };
	const qs: IDataObject = {};
	if (filters.status !== undefined)
		qs.status = checkChoice(filters.status, 'Status', DEFECT_FILTER);
	return await listAll(this, `/defect/${project}`, qs, max);
}
