import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { FieldError } from '../shared/errors';
import { projectLocator as projectLocatorField } from '../shared/projectLocator';
import { projectParam } from './api';
import { checkId, checkProjectCode } from './validation';

/** displayOptions for some operations of one resource. */
export const show = (resource: string, ...operation: string[]) => ({
	show: { resource: [resource], operation },
});

/** The project picker: a searchable list of `/project`, or a code typed in (checkProjectCode). */
export const projectLocator = projectLocatorField('The Qase project', {
	displayName: 'By Code',
	placeholder: 'e.g. DEMO',
});

export const projectOf = (ctx: IExecuteFunctions, i: number) =>
	checkProjectCode(projectParam(ctx, i));

export function idField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description,
	};
}

export const idOf = (ctx: IExecuteFunctions, name: string, field: string, i: number) =>
	checkId(ctx.getNodeParameter(name, i, ''), field);

/** n8n's usual Additional Fields collection of an operation (`on`: its displayOptions). */
export const additionalFields = (
	on: ReturnType<typeof show>,
	options: INodeProperties[],
): INodeProperties => ({
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	displayOptions: on,
	options,
});

/** n8n's usual Return All / Limit pair for a list operation. */
export function paging(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show(resource, operation),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show(resource, operation).show, returnAll: [false] } },
		},
	];
}

/** The fields of a list operation: project, Return All / Limit, and its Filters collection. */
export function listFields(
	resource: string,
	operation: string,
	filters: INodeProperties[],
): INodeProperties[] {
	const on = show(resource, operation);
	return [
		{ ...projectLocator, displayOptions: on },
		...paging(resource, operation),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: on,
			options: filters,
		},
	];
}

/** How many entities to read: undefined for all. */
export function limitOf(ctx: IExecuteFunctions, i: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) === true) return undefined;
	const limit = Number(ctx.getNodeParameter('limit', i, 50));
	if (!Number.isSafeInteger(limit) || limit < 1) {
		throw new FieldError('Limit', `Limit must be a whole number of at least 1, got "${limit}"`);
	}
	return limit;
}
