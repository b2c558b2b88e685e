import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { FieldError } from '../../../shared/errors';
import { operationOption } from '../../../shared/operations';
import { qaseRecord } from '../../api';
import { additionalFields, idOf, projectLocator, projectOf, show } from '../../fields';
import { createdSchema } from '../../schemas';
import { checkIdList, checkText, optionalId, stringList } from '../../validation';

const on = show('run', 'create');

export const option = operationOption('create', 'Create a test run in a project', 'Create a run');

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: on },
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Nightly regression',
		description: 'Run title (at most 255 characters)',
		displayOptions: on,
	},
	{
		displayName: 'Cases',
		name: 'casesFrom',
		type: 'options',
		default: 'none',
		description: 'Which test cases the run holds from the start',
		options: [
			{
				name: 'None',
				value: 'none',
				description: 'An empty run; results add their cases (the usual run for automated tests)',
			},
			{ name: 'Case IDs', value: 'cases', description: 'The test cases listed' },
			{ name: 'Test Plan', value: 'plan', description: 'The cases of a test plan' },
			{ name: 'All Cases', value: 'all', description: 'Every case of the project' },
		],
		displayOptions: on,
	},
	{
		displayName: 'Case IDs',
		name: 'caseIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1, 2, 5',
		description: 'Test case IDs, separated by commas',
		displayOptions: { show: { ...on.show, casesFrom: ['cases'] } },
	},
	{
		displayName: 'Plan ID',
		name: 'planId',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'ID of the test plan whose cases the run holds',
		displayOptions: { show: { ...on.show, casesFrom: ['plan'] } },
	},
	additionalFields(on, [
		{
			displayName: 'Automated',
			name: 'isAutotest',
			type: 'boolean',
			default: true,
			description: 'Whether the run records automated test results (is_autotest)',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'At most 10,000 characters',
		},
		{
			displayName: 'Environment ID',
			name: 'environmentId',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description: 'ID of the environment the run tests',
		},
		{
			displayName: 'Environment Slug',
			name: 'environmentSlug',
			type: 'string',
			default: '',
			placeholder: 'e.g. staging',
			description: 'Slug of the environment the run tests (instead of its ID)',
		},
		{
			displayName: 'Milestone ID',
			name: 'milestoneId',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description: 'ID of the milestone the run belongs to',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. ci, nightly',
			description: 'Tags, separated by commas',
		},
	]),
];

export const output = createdSchema;

interface Extra {
	isAutotest?: boolean;
	description?: string;
	environmentId?: number;
	environmentSlug?: string;
	milestoneId?: number;
	tags?: string | string[];
}

/** The request body of `POST /run/{code}` (Run.create), every field checked first. */
export function runBody(ctx: IExecuteFunctions, i: number): IDataObject {
	const body: IDataObject = {
		title: checkText(ctx.getNodeParameter('title', i, ''), 'Title', { required: true, max: 255 }),
	};
	const from = ctx.getNodeParameter('casesFrom', i, 'none') as string;
	if (from === 'cases')
		body.cases = checkIdList(ctx.getNodeParameter('caseIds', i, ''), 'Case IDs');
	else if (from === 'plan') body.plan_id = idOf(ctx, 'planId', 'Plan ID', i);
	else if (from === 'all') body.include_all_cases = true;
	else if (from !== 'none') throw new FieldError('Cases', `Cases: unknown choice "${from}"`);
	const extra = ctx.getNodeParameter('additionalFields', i, {}) as Extra;
	if (extra.isAutotest !== undefined) body.is_autotest = extra.isAutotest === true;
	if (extra.description !== undefined && extra.description !== '')
		body.description = checkText(extra.description, 'Description', { max: 10000 });
	const environmentId = optionalId(extra.environmentId, 'Environment ID');
	const slug = checkText(extra.environmentSlug, 'Environment Slug', { max: 255 }).trim();
	if (environmentId !== undefined && slug !== '')
		throw new FieldError(
			'Environment Slug',
			'Give either Environment ID or Environment Slug, not both',
		);
	if (environmentId !== undefined) body.environment_id = environmentId;
	if (slug !== '') body.environment_slug = slug;
	const milestoneId = optionalId(extra.milestoneId, 'Milestone ID');
	if (milestoneId !== undefined) body.milestone_id = milestoneId;
	const tags = stringList(extra.tags);
	if (tags.length > 0) body.tags = tags;
	return body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const body = runBody(this, i);
	const { id } = await qaseRecord(this, 'POST', `/run/${project}`, { body });
	return [{ id, project }];
}
