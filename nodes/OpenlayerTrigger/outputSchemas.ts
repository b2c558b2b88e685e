import { triggerOutputSchema } from '../Openlayer/catalog';
import { toJsonSchema, type SchemaFile } from '../shared/catalog';

/**
 * The trigger has no resource parameter, so n8n asks for a single preview: the envelope of every
 * event, with data.test (test.*), data.tests plus the computed status (tests.result.updated) and
 * the fields "Attach Failing Tests" adds.
 */
export function outputSchemas(): SchemaFile[] {
	return [{ file: 'v1.0.0.json', schema: toJsonSchema(triggerOutputSchema) }];
}
