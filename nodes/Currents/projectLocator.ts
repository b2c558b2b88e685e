import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { rewrap } from '../shared/http';
import { listProjectsPage } from './api';

/** The project picker shared by the trigger and the action node. */
export const projectLocator: INodeProperties = {
	displayName: 'Project',
	name: 'project',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Currents project whose webhooks to use',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a project...',
			typeOptions: { searchListMethod: 'searchProjects', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. proj_abc123',
			// No `validation` regex here: n8n checks every node parameter's validation on every
			// execution (getNodeParametersIssues), and for this regex that cost 50-125 us per delivery.
			// The ID is checked where it is used instead: when the trigger registers its hook and when
			// the Currents Webhooks node calls the API (checkProjectId).
		},
	],
};

/**
 * Searchable project list. Currents pages with cursors; n8n hands our cursor back as the
 * pagination token when the user scrolls. The filter applies to the page fetched.
 */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	try {
		const page = await listProjectsPage(this, paginationToken, 100);
		const needle = filter?.toLowerCase() ?? '';
		const results = page.projects
			.filter(
				(p) =>
					!needle ||
					p.name?.toLowerCase().includes(needle) ||
					p.projectId.toLowerCase().includes(needle),
			)
			.map((p) => ({ name: p.name || p.projectId, value: p.projectId }));
		return { results, paginationToken: page.nextCursor };
	} catch (error) {
		throw rewrap(this, error, 'Could not list Currents projects');
	}
}
