import { operationOption } from '../../../shared/operations';
import { qaseRequest } from '../../api';
import { recordOperation } from '../../operation';
import { defectStatusSchema } from '../../schemas';
import { checkChoice } from '../../validation';
import { DEFECT_STATUSES, defectStatusOptions } from './status';

export const { option, description, output, execute } = recordOperation({
	resource: 'defect',
	option: operationOption(
		'updateStatus',
		'Set the status of a defect',
		'Update the status of a defect',
	),
	id: ['Defect ID', 'defectId', 'ID of the defect'],
	fields: [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'in_progress',
			options: defectStatusOptions,
		},
	],
	output: defectStatusSchema,
	run: async (ctx, { project, id }, i) => {
		const status = checkChoice(ctx.getNodeParameter('status', i, ''), 'Status', DEFECT_STATUSES);
		await qaseRequest(ctx, 'PATCH', `/defect/${project}/status/${id}`, { body: { status } });
		return [{ id, project, status }];
	},
});
