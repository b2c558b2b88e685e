import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * An entry of an action node's Operation dropdown. Its name is its value in title case ("getMany"
 * is "Get Many"), so the two cannot drift apart.
 */
export function operationOption(
	value: string,
	description: string,
	action: string,
): INodePropertyOptions {
	const name = value.replace(/^./, (c) => c.toUpperCase()).replace(/(?=[A-Z])\B/g, ' ');
	return { name, value, description, action };
}
