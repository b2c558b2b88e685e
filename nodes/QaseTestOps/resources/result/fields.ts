import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { FieldError } from '../../../shared/errors';
import { additionalFields, idField, idOf, projectLocator, projectOf, show } from '../../fields';
import { checkChoice, checkCount, checkHashes, checkId, checkText } from '../../validation';

/** Result statuses of Result.create (custom statuses are lower-case slugs, given by expression). */
export const RESULT_STATUSES = ['passed', 'failed', 'blocked', 'skipped', 'invalid'] as const;

/** The fields of Result: Create and Result: Create Many (one result per input item). */
export function resultFields(operation: string): INodeProperties[] {
	const on = show('result', operation);
	return [
		{ ...projectLocator, displayOptions: on },
		{
			...idField('Run ID', 'runId', 'ID of the test run the result belongs to'),
			displayOptions: on,
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'passed',
			description:
				'Result status. A custom status of your workspace can be given by its slug with an expression.',
			options: RESULT_STATUSES.map((s) => ({ name: s[0].toUpperCase() + s.slice(1), value: s })),
			displayOptions: on,
		},
		{
			displayName: 'Case',
			name: 'caseBy',
			type: 'options',
			default: 'id',
			description: 'How the test case is identified',
			options: [
				{ name: 'By ID', value: 'id', description: 'An existing test case' },
				{
					name: 'By Title',
					value: 'title',
					description:
						'The case with this title; Qase creates it when there is none (automated tests)',
				},
			],
			displayOptions: on,
		},
		{
			...idField('Case ID', 'caseId', 'ID of the test case'),
			displayOptions: { show: { ...on.show, caseBy: ['id'] } },
		},
		{
			displayName: 'Case Title',
			name: 'caseTitle',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Login > rejects a wrong password',
			description: 'Title of the test case (at most 255 characters)',
			displayOptions: { show: { ...on.show, caseBy: ['title'] } },
		},
		additionalFields(on, [
			{
				displayName: 'Attachment Hashes',
				name: 'attachments',
				type: 'string',
				default: '',
				description:
					'Hashes of files uploaded to Qase (POST /attachment answers them), separated by commas',
			},
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
			},
			{
				displayName: 'Create Defect',
				name: 'defect',
				type: 'boolean',
				default: false,
				description: 'Whether Qase files a defect for this failed result',
			},
			{
				displayName: 'Stacktrace',
				name: 'stacktrace',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
			},
			{
				displayName: 'Suite Title',
				name: 'suiteTitle',
				type: 'string',
				default: '',
				description:
					'With Case By Title: the suite of a case Qase creates (nested suites separated by a tab)',
			},
			{
				displayName: 'Time (Ms)',
				name: 'timeMs',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'How long the test ran, in milliseconds (at most 31,536,000,000)',
			},
		]),
	];
}

interface Extra {
	attachments?: string | string[];
	comment?: string;
	defect?: boolean;
	stacktrace?: string;
	suiteTitle?: string;
	timeMs?: number;
}

/** Project, run and the Result.create body of one item, every field checked first. */
export function resultOf(
	ctx: IExecuteFunctions,
	i: number,
): { project: string; runId: number; body: IDataObject } {
	const project = projectOf(ctx, i);
	const runId = idOf(ctx, 'runId', 'Run ID', i);
	const body: IDataObject = {
		status: checkChoice(ctx.getNodeParameter('status', i, ''), 'Status', RESULT_STATUSES, true),
	};
	const by = ctx.getNodeParameter('caseBy', i, 'id');
	const extra = ctx.getNodeParameter('additionalFields', i, {}) as Extra;
	if (by === 'id') body.case_id = checkId(ctx.getNodeParameter('caseId', i, ''), 'Case ID');
	else if (by === 'title') {
		const kase: IDataObject = {
			title: checkText(ctx.getNodeParameter('caseTitle', i, ''), 'Case Title', {
				required: true,
				max: 255,
			}),
		};
		if (extra.suiteTitle)
			kase.suite_title = checkText(extra.suiteTitle, 'Suite Title', { max: 255 });
		body.case = kase;
	} else throw new FieldError('Case', `Case: unknown choice "${String(by)}"`);
	if (extra.timeMs !== undefined && extra.timeMs !== null && String(extra.timeMs) !== '')
		body.time_ms = checkCount(extra.timeMs, 'Time (Ms)', 31536000000);
	if (extra.comment) body.comment = checkText(extra.comment, 'Comment');
	if (extra.stacktrace) body.stacktrace = checkText(extra.stacktrace, 'Stacktrace');
	if (extra.attachments !== undefined) {
		const hashes = checkHashes(extra.attachments, 'Attachment Hashes');
		if (hashes.length > 0) body.attachments = hashes;
	}
	if (extra.defect === true) body.defect = true;
	return { project, runId, body };
}
