import { operationOption } from '../../../shared/operations';
import { qaseRecord } from '../../api';
import { recordOperation } from '../../operation';
import { runSchema } from '../../schemas';

export const { option, description, output, execute } = recordOperation({
	resource: 'run',
	option: operationOption('get', 'Get a test run by ID', 'Get a run'),
	id: ['Run ID', 'runId', 'ID of the test run'],
	output: runSchema,
	run: async (ctx, { project, id }) => [await qaseRecord(ctx, 'GET', `/run/${project}/${id}`)],
});
