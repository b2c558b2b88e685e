import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { listAll } from '../../api';
import { limitOf, listFields, projectOf } from '../../fields';
import { runSchema } from '../../schemas';
import { FieldError } from '../../validation';

/** `status` of GET /run/{code}: a comma-separated list (testops-api/v1/paths/runs.yaml). */
export const RUN_STATUSES = ['in_progress', 'passed', 'failed', 'aborted'] as const;

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	description: 'List the test runs of a project',
	action: 'Get many runs',
};

export const description: INodeProperties[] = listFields('run', 'getMany', [
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		default: [],
		description: 'Only runs in one of these states',
		options: [
			{ name: 'Aborted', value: 'aborted' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'In Progress', value: 'in_progress' },
			{ name: 'Passed', value: 'passed' },
		],
	},
]);

/** One item per run. */
export const output = runSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const max = limitOf(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as { status?: string[] | string };
	const qs: IDataObject = {};
	const statuses =
		typeof filters.status === 'string' ? filters.status.split(',') : (filters.status ?? []);
	const clean = [...new Set(statuses.map((s) => String(s).trim()).filter((s) => s !== ''))];
	const bad = clean.find((s) => !(RUN_STATUSES as readonly string[]).includes(s));
	if (bad !== undefined)
		throw new FieldError('Status', `Status must be among ${RUN_STATUSES.join(', ')}, got "${bad}"`);
	if (clean.length > 0) qs.status = clean.join(',');
	return await listAll(this, `/run/${project}`, qs, max);
}
