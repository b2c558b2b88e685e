import { operationOption } from '../../../shared/operations';
import { qaseRequest } from '../../api';
import { recordOperation } from '../../operation';
import { defectStatusSchema } from '../../schemas';
import { checkChoice } from '../../validation';

/** Defect.status's enum (testops-api/v1/schemas/Defect.status.yaml). */
const DEFECT_STATUSES = ['in_progress', 'resolved', 'invalid'] as const;

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
			options: [
				{ name: 'In Progress', value: 'in_progress' },
				{ name: 'Invalid', value: 'invalid' },
				{ name: 'Resolved', value: 'resolved' },
			],
		},
	],
	output: defectStatusSchema,
	run: async (ctx, { project, id }, i) => {
		const status = checkChoice(ctx.getNodeParameter('status', i, ''), 'Status', DEFECT_STATUSES);
		await qaseRequest(ctx, 'PATCH', `/defect/${project}/status/${id}`, { body: { status } });
		return [{ id, project, status }];
	},
});
