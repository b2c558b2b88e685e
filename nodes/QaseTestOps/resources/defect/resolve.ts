import { operationOption } from '../../../shared/operations';
import { qaseRequest } from '../../api';
import { recordOperation } from '../../operation';
import { doneSchema } from '../../schemas';

export const { option, description, output, execute } = recordOperation({
	resource: 'defect',
	option: operationOption('resolve', 'Mark a defect as resolved', 'Resolve a defect'),
	id: ['Defect ID', 'defectId', 'ID of the defect to resolve'],
	output: doneSchema('resolved'),
	run: async (ctx, { project, id }) => {
		await qaseRequest(ctx, 'PATCH', `/defect/${project}/resolve/${id}`);
		return [{ id, project, resolved: true }];
	},
});
