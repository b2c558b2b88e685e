import { z } from 'zod/v4';

import { webhookSchema } from '../Currents/catalog';
import { toJsonSchema, type SchemaFile } from '../shared/catalog';

/** n8n picks `v1.0.0/<resource>/<operation>.json` from the node's parameter values. */
export function outputSchemas(): SchemaFile[] {
	const hook = toJsonSchema(webhookSchema);
	const deleted = toJsonSchema(z.object({ deleted: z.literal(true), hookId: z.string() }));
	return [
		...['list', 'get', 'create', 'update'].map((op) => ({ file: `v1.0.0/webhook/${op}.json`, schema: hook })),
		{ file: 'v1.0.0/webhook/delete.json', schema: deleted },
	];
}
