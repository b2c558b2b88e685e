import { doneOperation } from '../../operation';

export const { option, description, output, execute } = doneOperation({
	resource: 'run',
	noun: 'test run',
	value: 'complete',
	description: 'Mark a test run as complete',
	done: 'completed',
	method: 'POST',
	path: (project, id) => `/run/${project}/${id}/complete`,
});
