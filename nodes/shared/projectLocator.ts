import type { INodeProperties } from 'n8n-workflow';

/**
 * The Project picker of a node: the vendor's projects as a searchable list (the node's
 * `searchProjects` list search), or `byId` typed in. No `validation` regex on the typed value: n8n
 * checks every parameter's validation on every execution (getNodeParametersIssues), on the delivery
 * path too; the value is checked where it is used instead.
 */
export function projectLocator(
	description: string,
	byId: { displayName: string; placeholder: string },
): INodeProperties {
	return {
		displayName: 'Project',
		name: 'project',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a project...',
				typeOptions: { searchListMethod: 'searchProjects', searchable: true },
			},
			{ displayName: byId.displayName, name: 'id', type: 'string', placeholder: byId.placeholder },
		],
	};
}
