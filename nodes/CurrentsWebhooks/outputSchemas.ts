import { toJsonSchema, type SchemaFile } from '../shared/catalog';

import { webhookOperations } from './resources/webhook';

/** n8n picks `v1.0.0/<resource>/<operation>.json` from the node's parameter values. */
export function outputSchemas(): SchemaFile[] {
	return Object.entries(webhookOperations).map(([operation, { output }]) => ({
		file: `v1.0.0/webhook/${operation}.json`,
		schema: toJsonSchema(output()),
	}));
}
