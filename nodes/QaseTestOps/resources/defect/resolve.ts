import { doneOperation } from '../../operation';

export const { option, description, output, execute } = doneOperation({
	resource: 'defect',
	noun: 'defect',
	value: 'resolve',
	description: 'Mark a defect as resolved',
	done: 'resolved',
	method: 'PATCH',
	path: (project, id) => `/defect/${project}/resolve/${id}`,
});
