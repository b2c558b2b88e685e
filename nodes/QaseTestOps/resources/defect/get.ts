import { operationOption } from '../../../shared/operations';
import { qaseRecord } from '../../api';
import { recordOperation } from '../../operation';
import { defectSchema } from '../../schemas';

export const { option, description, output, execute } = recordOperation({
	resource: 'defect',
	option: operationOption('get', 'Get a defect by ID', 'Get a defect'),
	id: ['Defect ID', 'defectId', 'ID of the defect'],
	output: defectSchema,
	run: async (ctx, { project, id }) => [await qaseRecord(ctx, 'GET', `/defect/${project}/${id}`)],
});
