import { getOperation } from '../../operation';
import { caseSchema } from '../../schemas';

export const { option, description, output, execute } = getOperation(
	'case',
	'test case',
	caseSchema,
);
