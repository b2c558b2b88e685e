import { getOperation } from '../../operation';
import { defectSchema } from '../../schemas';

export const { option, description, output, execute } = getOperation(
	'defect',
	'defect',
	defectSchema,
);
