import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { rewrap } from '../shared/http';
import { projectLocator as projectLocatorField } from '../shared/projectLocator';
import { listProjectsPage } from './api';

/**
 * The project picker shared by the trigger and the action node. The ID is checked where it is used:
 * when the trigger registers its hook and when the Currents Webhooks node calls the API
 * (checkProjectId).
 */
export const projectLocator = projectLocatorField('The Currents project whose webhooks to use', {
	displayName: 'By ID',
	placeholder: 'e.g. proj_abc123',
});

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
