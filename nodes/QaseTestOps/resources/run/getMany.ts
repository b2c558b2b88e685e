import type { IDataObject } from 'n8n-workflow';

import { FieldError } from '../../../shared/errors';
import { operationOption } from '../../../shared/operations';
import { listOperation } from '../../operation';
import { runSchema } from '../../schemas';

/** `status` of GET /run/{code}: a comma-separated list (testops-api/v1/paths/runs.yaml). */
export const RUN_STATUSES = ['in_progress', 'passed', 'failed', 'aborted'] as const;

/** One item per run. */
export const { option, description, output, execute } = listOperation<{
	status?: string[] | string;
}>({
	resource: 'run',
	option: operationOption('getMany', 'List the test runs of a project', 'Get many runs'),
	filters: [
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
	],
	output: runSchema,
	query: (filters) => {
		const qs: IDataObject = {};
		const statuses =
			typeof filters.status === 'string' ? filters.status.split(',') : (filters.status ?? []);
		const clean = [...new Set(statuses.map((s) => String(s).trim()).filter((s) => s !== ''))];
		const bad = clean.find((s) => !(RUN_STATUSES as readonly string[]).includes(s));
		if (bad !== undefined)
			throw new FieldError(
				'Status',
				`Status must be among ${RUN_STATUSES.join(', ')}, got "${bad}"`,
			);
		if (clean.length > 0) qs.status = clean.join(',');
		return qs;
	},
});
