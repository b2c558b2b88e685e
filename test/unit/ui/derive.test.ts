import type { INodeType } from 'n8n-workflow';

import { addedVersion, checksFor, conditionMatches, versionShows } from '../../ui/lib/derive';

/*
 * The browser suite (test/ui) derives what it checks from node descriptions; a parameter kept off
 * the version n8n adds a node with (by `@version`) must not be expected on the panel.
 */
function nodeType(description: Record<string, unknown>): INodeType {
	return { description } as unknown as INodeType;
}

const twoVersions = nodeType({
	name: 'demoTrigger',
	version: [1, 1.1],
	defaultVersion: 1.1,
	credentials: [
		{ name: 'oldApi', displayOptions: { show: { '@version': [1] } } },
		{ name: 'newApi', displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
	],
	properties: [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [{ name: 'A', value: 'a' }],
			default: 'a',
			displayOptions: { show: { '@version': [1] } },
		},
		{
			displayName: 'Output',
			name: 'operation',
			type: 'options',
			options: [
				{ name: 'A', value: 'a' },
				{ name: 'B', value: 'b' },
			],
			default: 'a',
			displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
		},
		{
			displayName: 'Old Toggle',
			name: 'oldToggle',
			type: 'boolean',
			default: false,
			displayOptions: { hide: { '@version': [{ _cnd: { gte: 1.1 } }] } },
		},
		{
			displayName: 'Delivery Kind',
			name: 'resource',
			type: 'hidden',
			default: 'delivery',
			displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
		},
		{
			displayName: 'Detail',
			name: 'detail',
			type: 'boolean',
			default: false,
			displayOptions: { show: { operation: ['b'], '@version': [1.1] } },
		},
	],
});

describe('browser suite: checks derived at the version n8n adds the node with', () => {
	test('the added version is defaultVersion, else the newest', () => {
		expect(addedVersion(twoVersions.description)).toBe(1.1);
		expect(addedVersion({ version: [1, 2, 1.5] } as never)).toBe(2);
		expect(addedVersion({ version: 1 } as never)).toBe(1);
	});

	test('plain values and n8n _cnd forms', () => {
		expect(conditionMatches(1, 1)).toBe(true);
		expect(conditionMatches(1, 1.1)).toBe(false);
		expect(conditionMatches({ _cnd: { gte: 1.1 } }, 1.1)).toBe(true);
		expect(conditionMatches({ _cnd: { gte: 1.1 } }, 1)).toBe(false);
		expect(conditionMatches({ _cnd: { lt: 2 } }, 1.1)).toBe(true);
		expect(conditionMatches({ _cnd: { between: { from: 1, to: 1.1 } } }, 1.1)).toBe(true);
		expect(versionShows({ show: { '@version': [1] } }, 1.1)).toBe(false);
		expect(versionShows({ hide: { '@version': [{ _cnd: { gte: 1.1 } }] } }, 1)).toBe(true);
		expect(versionShows(undefined, 1)).toBe(true);
	});

	test('parameters and credentials of other versions are not expected; conditions skip @version', () => {
		const checks = checksFor(twoVersions);
		expect(checks.filter((c) => c.kind === 'credential').map((c) => c.name)).toEqual(['newApi']);
		expect(checks.filter((c) => c.kind === 'parameter').map((c) => c.name)).toEqual([
			'operation',
			'detail',
		]);
		const detail = checks.find((c) => c.name === 'detail')!;
		expect(detail.conditions).toEqual([['operation', 'b']]);
	});

	test('hidden parameters are not expected on the panel, nor set as a condition (n8n never draws them)', () => {
		const withHidden = nodeType({
			...twoVersions.description,
			properties: [
				...(twoVersions.description.properties as object[]),
				{
					displayName: 'Shown For Delivery',
					name: 'forDelivery',
					type: 'boolean',
					default: false,
					displayOptions: { show: { '@version': [1.1], resource: ['delivery'] } },
				},
			],
		});
		const checks = checksFor(withHidden);
		expect(checks.map((c) => c.name)).not.toContain('resource');
		const forDelivery = checks.find((c) => c.name === 'forDelivery');
		expect(forDelivery?.conditions).toEqual([]);
	});
});
