import { runEventSchema } from '../Currents/catalog';
import { toJsonSchema, type SchemaFile } from '../shared/catalog';

/** The trigger has no resource parameter, so n8n asks for a single preview covering every event. */
export function outputSchemas(): SchemaFile[] {
	return [{ file: 'v1.0.0.json', schema: toJsonSchema(runEventSchema) }];
}
