import { qaseRecord } from '../../api';
import { recordOperation } from '../../operation';
import { runSchema } from '../../schemas';

export const { option, description, output, execute } = recordOperation({
	resource: 'run',
	option: {
		name: 'Get',
		value: 'get',
		description: 'Get a test run by ID',
		action: 'Get a run',
	},
	id: ['Run ID', 'runId', 'ID of the test run'],
	output: runSchema,
	run: async (ctx, { project, id }) => [await qaseRecord(ctx, 'GET', `/run/${project}/${id}`)],
});
