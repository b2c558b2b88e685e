import { operationOption } from '../../../shared/operations';
import { qaseRequest } from '../../api';
import { recordOperation } from '../../operation';
import { doneSchema } from '../../schemas';

export const { option, description, output, execute } = recordOperation({
	resource: 'run',
	option: operationOption('complete', 'Mark a test run as complete', 'Complete a run'),
	id: ['Run ID', 'runId', 'ID of the test run to complete'],
	output: doneSchema('completed'),
	run: async (ctx, { project, id }) => {
		await qaseRequest(ctx, 'POST', `/run/${project}/${id}/complete`);
		return [{ id, project, completed: true }];
	},
});
