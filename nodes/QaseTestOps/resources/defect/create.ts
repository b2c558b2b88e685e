import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { FieldError } from '../../../shared/errors';
import { operationOption } from '../../../shared/operations';
import { qaseRecord } from '../../api';
import { additionalFields, projectLocator, projectOf, show } from '../../fields';
import { createdSchema } from '../../schemas';
import { checkCount, checkHashes, checkText, optionalId, stringList } from '../../validation';

/** The id of a severity option (0 is one: "Not set"); nothing chosen is refused. */
function severityOf(value: unknown): number {
	if (value === '' || value === undefined || value === null)
		throw new FieldError('Severity', 'Severity is required');
	return checkCount(value, 'Severity', 1000000);
}

const on = show('defect', 'create');

export const option = operationOption('create', 'File a defect in a project', 'Create a defect');

export const description: INodeProperties[] = [
	{ ...projectLocator, displayOptions: on },
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		displayOptions: on,
	},
	{
		displayName: 'Actual Result',
		name: 'actualResult',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'What happened',
		displayOptions: on,
	},
	{
		displayName: 'Severity Name or ID',
		name: 'severity',
		type: 'options',
		required: true,
		default: '',
		typeOptions: { loadOptionsMethod: 'getSeverities' },
		description:
			'The severity, from your workspace\'s severity field. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: on,
	},
	additionalFields(on, [
		{
			displayName: 'Attachment Hashes',
			name: 'attachments',
			type: 'string',
			default: '',
			description: 'Hashes of files uploaded to Qase, separated by commas',
		},
		{
			displayName: 'Milestone ID',
			name: 'milestoneId',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			description: 'Tags, separated by commas',
		},
	]),
];

export const output = createdSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const project = projectOf(this, i);
	const body: IDataObject = {
		title: checkText(this.getNodeParameter('title', i, ''), 'Title', { required: true, max: 255 }),
		actual_result: checkText(this.getNodeParameter('actualResult', i, ''), 'Actual Result', {
			required: true,
		}),
		severity: severityOf(this.getNodeParameter('severity', i, '')),
	};
	const extra = this.getNodeParameter('additionalFields', i, {}) as {
		attachments?: string;
		milestoneId?: number;
		tags?: string;
	};
	const milestone = optionalId(extra.milestoneId, 'Milestone ID');
	if (milestone !== undefined) body.milestone_id = milestone;
	const hashes = checkHashes(extra.attachments, 'Attachment Hashes');
	if (hashes.length > 0) body.attachments = hashes;
	const tags = stringList(extra.tags);
	if (tags.length > 0) body.tags = tags;
	const { id } = await qaseRecord(this, 'POST', `/defect/${project}`, { body });
	return [{ id, project }];
}
