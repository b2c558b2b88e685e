import { doneOperation } from '../../operation';

export const { option, description, output, execute } = doneOperation({
	resource: 'run',
	noun: 'test run',
	value: 'delete',
	description: 'Delete a test run and its results',
	done: 'deleted',
	method: 'DELETE',
	path: (project, id) => `/run/${project}/${id}`,
});
