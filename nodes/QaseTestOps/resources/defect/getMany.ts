import type { IDataObject } from 'n8n-workflow';

import { byOptionName } from '../../../shared/catalog';
import { operationOption } from '../../../shared/operations';
import { listOperation } from '../../operation';
import { defectSchema } from '../../schemas';
import { checkChoice } from '../../validation';
import { defectStatusOptions } from './status';

/** `status` of GET /defect/{code} (testops-api/v1/paths/defects.yaml). */
const DEFECT_FILTER = ['open', 'resolved', 'in_progress', 'invalid'] as const;

/** One item per defect. */
export const { option, description, output, execute } = listOperation<{ status?: string }>({
	resource: 'defect',
	option: operationOption('getMany', 'List the defects of a project', 'Get many defects'),
	filters: [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'open',
			// Open is a filter, not a status a defect is set to.
			options: [...defectStatusOptions, { name: 'Open', value: 'open' }].sort(byOptionName),
		},
	],
	output: defectSchema,
	query: (filters) => {
		const qs: IDataObject = {};
		if (filters.status !== undefined)
			qs.status = checkChoice(filters.status, 'Status', DEFECT_FILTER);
		return qs;
	},
});
