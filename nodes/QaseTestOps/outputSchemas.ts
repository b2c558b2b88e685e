import { toJsonSchema, type SchemaFile } from '../shared/catalog';

import { resources } from './resources';

/** n8n picks `v1.0.0/<resource>/<operation>.json` from the node's parameter values. */
export function outputSchemas(): SchemaFile[] {
	return Object.entries(resources).flatMap(([resource, { operations }]) =>
		Object.entries(operations).map(([operation, { output }]) => ({
			file: `v1.0.0/${resource}/${operation}.json`,
			schema: toJsonSchema(output()),
		})),
	);
}
