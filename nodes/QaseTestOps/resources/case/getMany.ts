import type { IDataObject } from 'n8n-workflow';

import { operationOption } from '../../../shared/operations';
import { listOperation } from '../../operation';
import { caseSchema } from '../../schemas';
import { checkText, optionalId } from '../../validation';

/** One item per test case. */
export const { option, description, output, execute } = listOperation<{
	search?: string;
	suiteId?: number;
}>({
	resource: 'case',
	option: operationOption('getMany', 'List the test cases of a project', 'Get many cases'),
	filters: [
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
	],
	output: caseSchema,
	query: (filters) => {
		const qs: IDataObject = {};
		const search = checkText(filters.search, 'Search', { max: 255 }).trim();
		if (search !== '') qs.search = search;
		const suite = optionalId(filters.suiteId, 'Suite ID');
		if (suite !== undefined) qs.suite_id = suite;
		return qs;
	},
});
