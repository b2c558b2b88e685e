import { operationOption } from '../../../shared/operations';
import { qaseRecord } from '../../api';
import { recordOperation } from '../../operation';
import { caseSchema } from '../../schemas';

export const { option, description, output, execute } = recordOperation({
	resource: 'case',
	option: operationOption('get', 'Get a test case by ID', 'Get a case'),
	id: ['Case ID', 'caseId', 'ID of the test case'],
	output: caseSchema,
	run: async (ctx, { project, id }) => [await qaseRecord(ctx, 'GET', `/case/${project}/${id}`)],
});
