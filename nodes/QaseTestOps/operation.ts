import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { z } from 'zod/v4';

import type { ItemOperation } from '../shared/actionNode';
import { operationOption } from '../shared/operations';
import { listAll, qaseRecord, qaseRequest, type Method } from './api';
import { doneSchema } from './schemas';
import { idField, idOf, limitOf, listFields, projectLocator, projectOf, show } from './fields';

/** One operation of a resource: its dropdown entry, its fields, what it outputs, how it runs. */
export interface QaseOperation extends ItemOperation {
	option: INodePropertyOptions;
	description: INodeProperties[];
	/** Built on call: only the build (the `__schema__` previews) and the tests need it. */
	output: () => z.ZodType;
}

/** One record of a project, by ID: Project and the ID field, then `fields`, all shown for the operation. */
export function recordOperation(spec: {
	resource: string;
	option: INodePropertyOptions;
	/** The ID field: display name, parameter name, description. */
	id: [string, string, string];
	fields?: INodeProperties[];
	output: () => z.ZodType;
	run(
		ctx: IExecuteFunctions,
		record: { project: string; id: number },
		i: number,
	): Promise<IDataObject[]>;
}): QaseOperation {
	const on = show(spec.resource, spec.option.value as string);
	const [idLabel, idName, idDescription] = spec.id;
	return {
		option: spec.option,
		description: [
			{ ...projectLocator, displayOptions: on },
			{ ...idField(idLabel, idName, idDescription), displayOptions: on },
			...(spec.fields ?? []).map((field) => ({ ...field, displayOptions: on })),
		],
		output: spec.output,
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
			const project = projectOf(this, i);
			const id = idOf(this, idName, idLabel, i);
			return await spec.run(this, { project, id }, i);
		},
	};
}

/** The records of a project (`/<resource>/<project>`): Project, Return All / Limit and `filters`. */
export function listOperation<Filters extends IDataObject>(spec: {
	resource: string;
	option: INodePropertyOptions;
	filters: INodeProperties[];
	output: () => z.ZodType;
	/** The query of the filters set, each checked. */
	query(filters: Filters): IDataObject;
}): QaseOperation {
	return {
		option: spec.option,
		description: listFields(spec.resource, spec.option.value as string, spec.filters),
		output: spec.output,
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
			const project = projectOf(this, i);
			const max = limitOf(this, i);
			const filters = this.getNodeParameter('filters', i, {}) as Filters;
			return await listAll(this, `/${spec.resource}/${project}`, spec.query(filters), max);
		},
	};
}

/**
 * Get: one record by its ID. `noun` names the resource as a sentence does ("test case"): the
 * option, the ID field and the request follow from it and the resource.
 */
export function getOperation(resource: string, noun: string, output: () => z.ZodType) {
	const title = resource[0].toUpperCase() + resource.slice(1);
	return recordOperation({
		resource,
		option: operationOption('get', `Get a ${noun} by ID`, `Get a ${resource}`),
		id: [`${title} ID`, `${resource}Id`, `ID of the ${noun}`],
		output,
		run: async (ctx, { project, id }) => [
			await qaseRecord(ctx, 'GET', `/${resource}/${project}/${id}`),
		],
	});
}

/**
 * An operation that changes one record and has nothing to return but that it was done: the output
 * is the record's ID, the project and `<done>: true` (doneSchema). `noun` names the resource as a
 * sentence does ("test run").
 */
export function doneOperation(spec: {
	resource: string;
	noun: string;
	value: string;
	description: string;
	done: 'completed' | 'deleted' | 'resolved';
	method: Method;
	path: (project: string, id: number) => string;
}) {
	const title = (word: string) => word[0].toUpperCase() + word.slice(1);
	return recordOperation({
		resource: spec.resource,
		option: operationOption(
			spec.value,
			spec.description,
			`${title(spec.value)} a ${spec.resource}`,
		),
		id: [
			`${title(spec.resource)} ID`,
			`${spec.resource}Id`,
			`ID of the ${spec.noun} to ${spec.value}`,
		],
		output: doneSchema(spec.done),
		run: async (ctx, { project, id }) => {
			await qaseRequest(ctx, spec.method, spec.path(project, id));
			return [{ id, project, [spec.done]: true }];
		},
	});
}
