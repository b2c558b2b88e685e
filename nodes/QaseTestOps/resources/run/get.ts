import { getOperation } from '../../operation';
import { runSchema } from '../../schemas';

export const { option, description, output, execute } = getOperation('run', 'test run', runSchema);
