import { operationOption } from '../../../shared/operations';
import { qaseRequest } from '../../api';
import { recordOperation } from '../../operation';
import { doneSchema } from '../../schemas';

export const { option, description, output, execute } = recordOperation({
	resource: 'run',
	option: operationOption('delete', 'Delete a test run and its results', 'Delete a run'),
	id: ['Run ID', 'runId', 'ID of the test run to delete'],
	output: doneSchema('deleted'),
	run: async (ctx, { project, id }) => {
		await qaseRequest(ctx, 'DELETE', `/run/${project}/${id}`);
		return [{ id, project, deleted: true }];
	},
});
