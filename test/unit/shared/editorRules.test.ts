import {
	NodeHelpers,
	type ICredentialType,
	type INode,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';

import { CurrentsTestOpsApi } from '../../../credentials/CurrentsTestOpsApi.credentials';
import { CurrentsWebhookSecretApi } from '../../../credentials/CurrentsWebhookSecretApi.credentials';
import { OpenlayerSigningSecretApi } from '../../../credentials/OpenlayerSigningSecretApi.credentials';
import { OpenlayerTestOpsApi } from '../../../credentials/OpenlayerTestOpsApi.credentials';
import { QaseTestOpsApi } from '../../../credentials/QaseTestOpsApi.credentials';
import { QaseWebhookSecretApi } from '../../../credentials/QaseWebhookSecretApi.credentials';
import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { CurrentsWebhooks } from '../../../nodes/CurrentsWebhooks/CurrentsWebhooks.node';
import { OpenlayerTrigger } from '../../../nodes/OpenlayerTrigger/OpenlayerTrigger.node';
import { QaseTrigger } from '../../../nodes/QaseTrigger/QaseTrigger.node';
import { evaluateSubtitle } from '../../helpers/repo';

/*
 * The rules n8n's editor applies to a node description (read from packages/frontend/editor-ui,
 * utils/nodeTypesUtils.ts, and packages/cli load-nodes-and-credentials.ts, 1.123 and 2.x). The
 * browser suite (test/ui) proves the result in the real editor; these catch a regression in seconds.
 */
const nodes: INodeType[] = [
	new CurrentsTrigger(),
	new CurrentsWebhooks(),
	new OpenlayerTrigger(),
	new QaseTrigger(),
];
const credentialTypes: ICredentialType[] = [
	new CurrentsTestOpsApi(),
	new CurrentsWebhookSecretApi(),
	new OpenlayerSigningSecretApi(),
	new OpenlayerTestOpsApi(),
	new QaseTestOpsApi(),
	new QaseWebhookSecretApi(),
];

function shownCredentials(
	nodeType: INodeType,
	parameters: INodeParameters,
	typeVersion = 1,
): string[] {
	const d = nodeType.description;
	const node = {
		name: d.defaults.name,
		type: d.name,
		typeVersion,
		parameters,
	} as unknown as INode;
	const full = NodeHelpers.getNodeParameters(d.properties, parameters, true, false, node, d) ?? {};
	return (d.credentials ?? [])
		.filter((c) => NodeHelpers.displayParameter(full, c, node, d))
		.map((c) => c.name);
}

function subtitle(nodeType: INodeType, parameters: INodeParameters): string {
	const expression = String(nodeType.description.subtitle);
	expect(expression.startsWith('={{') && expression.endsWith('}}')).toBe(true);
	const body = expression.slice(3, -2);
	// A `}}` inside would end the expression early in n8n's template engine.
	expect(body).not.toContain('}}');
	return evaluateSubtitle(body, parameters as Record<string, unknown>) as string;
}

describe('credentials as the editor reads them', () => {
	it.each(nodes.map((n) => [n.description.displayName, n] as const))(
		'%s names no parameter in a credential `show` rule (the editor would hide it as an auth selector)',
		(_name, nodeType) => {
			const parameterNames = new Set(nodeType.description.properties.map((p) => p.name));
			for (const credential of nodeType.description.credentials ?? []) {
				const shown = Object.keys(credential.displayOptions?.show ?? {});
				expect(shown.filter((name) => parameterNames.has(name))).toEqual([]);
			}
		},
	);

	it.each(
		nodes
			.filter((n) => (n.description.credentials ?? []).length > 1)
			.map((n) => [n.description.displayName, n] as const),
	)(
		'%s: every credential has a show rule on the node version, so the editor opens the clicked type in "Create new credential"',
		(_name, nodeType) => {
			const versions = ([] as number[]).concat(nodeType.description.version);
			for (const credential of nodeType.description.credentials ?? []) {
				expect(credential.displayOptions?.show).toEqual({ '@version': versions });
			}
		},
	);

	it.each([1, 1.1])(
		'Currents Trigger %s: API key in Automatic setup (the default), webhook secret in Manual setup',
		(version) => {
			const trigger = new CurrentsTrigger();
			expect(shownCredentials(trigger, {}, version)).toEqual(['currentsTestOpsApi']);
			expect(shownCredentials(trigger, { setupMode: 'automatic' }, version)).toEqual([
				'currentsTestOpsApi',
			]);
			expect(shownCredentials(trigger, { setupMode: 'manual' }, version)).toEqual([
				'currentsWebhookSecretApi',
			]);
		},
	);

	// A secret credential always; the API credential only with the option that calls the API.
	it.each(
		[1, 1.1].flatMap((version) => [
			[
				'Qase Trigger',
				version,
				'resolveRecord',
				new QaseTrigger(),
				['qaseWebhookSecretApi', 'qaseTestOpsApi'],
			] as const,
			[
				'Openlayer Trigger',
				version,
				'attachFailingTests',
				new OpenlayerTrigger(),
				['openlayerSigningSecretApi', 'openlayerTestOpsApi'],
			] as const,
		]),
	)(
		'%s %s: secret always, API credential only with %s',
		(_name, version, option, trigger, [secret, api]) => {
			expect(shownCredentials(trigger, {}, version)).toEqual([secret]);
			expect(shownCredentials(trigger, { [option]: true }, version)).toEqual([secret, api]);
		},
	);
});

describe('Custom API Call', () => {
	// n8n appends it to `resource`/`operation` of a node's latest version (defaultVersion undefined or
	// equal to version) when one of its credentials has `authenticate`.
	const getsCustomApiCall = (nodeType: INodeType) => {
		const d = nodeType.description;
		const proxyAuth = (d.credentials ?? []).some(
			(c) => credentialTypes.find((t) => t.name === c.name)?.authenticate !== undefined,
		);
		const hasList = d.properties.some(
			(p) => ['resource', 'operation'].includes(p.name) && Array.isArray(p.options),
		);
		const latest = d.defaultVersion === undefined || d.defaultVersion === d.version;
		return proxyAuth && hasList && latest;
	};

	it('is not offered in any trigger (a trigger makes no API calls of its own)', () => {
		for (const nodeType of nodes.filter((n) => n.description.group.includes('trigger'))) {
			expect([nodeType.description.name, getsCustomApiCall(nodeType)]).toEqual([
				nodeType.description.name,
				false,
			]);
		}
	});

	it('the Qase Trigger still has Resolve Full Record and a resource list, so the rule is what keeps it out', () => {
		const d = new QaseTrigger().description;
		expect(d.properties.some((p) => p.name === 'resource' && Array.isArray(p.options))).toBe(true);
		expect(new QaseTestOpsApi().authenticate).toBeDefined();
		expect(d.defaultVersion).toBe(1.1);
		expect(d.version).toEqual([1, 1.1]);
	});
});

describe('nodes panel: a trigger lists its events, never its Output as "Actions"', () => {
	// editor-ui NodeCreator useActionsGeneration, as built into 1.123.81 and 2.40.7: a node without a
	// parameter named `resource` gets the options of its `operation` as actions (operationsCategory);
	// with one, each option of each `resource` gets the options of the first `operation` shown for it
	// whose `@version` rule fits (resourceCategories). The two lines read that rule differently.
	type Line = '1.x' | '2.x';
	type VersionRule = Array<number | { _cnd: Record<string, number> }> | undefined;
	const ruleFits = (rule: VersionRule, line: Line, d: INodeType['description']): boolean => {
		if (!rule) return true;
		const versions = Array.isArray(d.version) ? d.version : [d.version];
		// 1.x: a plain number of the rule among the node's versions; conditions never fit.
		if (line === '1.x') return rule.some((v) => typeof v === 'number' && versions.includes(v));
		// 2.x: the rule evaluated for the version a new node gets.
		const added = d.defaultVersion ?? Math.max(...versions);
		return rule.some((v) =>
			typeof v === 'number'
				? v === added
				: Object.entries(v._cnd).every(([op, x]) =>
						op === 'lt' ? added < x : op === 'gte' ? added >= x : op === 'eq' && added === x,
					),
		);
	};
	const actionsOf = (nodeType: INodeType, line: Line): string[] => {
		const d = nodeType.description;
		const { properties } = d;
		const versionRule = (p: (typeof properties)[number]) =>
			p.displayOptions?.show?.['@version'] as VersionRule;
		const resources = properties.filter(
			(p) => p.name === 'resource' && (line === '1.x' || ruleFits(versionRule(p), line, d)),
		);
		if (resources.length === 0) {
			const operation = properties.find((p) => p.name === 'operation');
			return (operation?.options ?? []).map((o) => o.name);
		}
		return resources.flatMap((resource) => {
			const options = resource.options ?? [];
			return options.flatMap((r) => {
				const forResource = properties.find(
					(p) =>
						p.name === 'operation' &&
						(p.displayOptions?.show?.resource?.includes((r as { value: string }).value) ??
							options.length === 1) &&
						ruleFits(versionRule(p), line, d),
				);
				return (forResource?.options ?? []).map((o) => `${r.name} ${o.name}`);
			});
		});
	};

	const triggers = nodes
		.filter((n) => n.description.group.includes('trigger'))
		.map((n) => [n.description.displayName, n] as const);
	describe.each(['1.x', '2.x'] as const)('n8n %s', (line) => {
		it.each(triggers)('%s', (_name, nodeType) => {
			expect(nodeType.description.properties.some((p) => p.name === 'operation')).toBe(true);
			expect(actionsOf(nodeType, line)).toEqual([]);
		});
	});

	it('the rule is what it is: without the hidden resource, Output would be listed', () => {
		const d = new CurrentsTrigger().description;
		const withoutResource = {
			description: { ...d, properties: d.properties.filter((p) => p.name !== 'resource') },
		} as INodeType;
		expect(actionsOf(withoutResource, '2.x')).toEqual(['Delivery', 'Test Run Summary']);
	});

	it.each(['1.x', '2.x'] as const)(
		'the rule is what it is (%s): a Qase Output carrying the name for every entity would list entity × output',
		(line) => {
			const d = new QaseTrigger().description;
			const shownForEveryEntity = {
				description: {
					...d,
					properties: d.properties.map((p) =>
						p.name === 'operation' && p.displayOptions?.show?.resource
							? { ...p, displayOptions: { show: { resource: p.displayOptions.show.resource } } }
							: p,
					),
				},
			} as INodeType;
			const count = (name: string) =>
				d.properties.find((p) => p.name === name)?.options?.length ?? 0;
			expect(count('resource')).toBe(10);
			expect(actionsOf(shownForEveryEntity, line)).toHaveLength(10 * count('operation'));
		},
	);
});

describe('canvas subtitles name the events as the picker does', () => {
	it('Currents', () => {
		expect(subtitle(new CurrentsTrigger(), { events: ['RUN_FINISH', 'RUN_START'] })).toBe(
			'Run Finished, Run Started',
		);
		expect(subtitle(new CurrentsTrigger(), {})).toBe('');
	});

	it('Openlayer', () => {
		expect(subtitle(new OpenlayerTrigger(), { events: ['tests.result.updated'] })).toBe(
			'Test Results Updated',
		);
		expect(subtitle(new OpenlayerTrigger(), { events: ['*'] })).toBe('All Events');
	});

	it('Qase, with the "all events" choice named after the entity', () => {
		const trigger = new QaseTrigger();
		expect(subtitle(trigger, { resource: 'all', events: ['*'] })).toBe('All Events');
		expect(subtitle(trigger, { resource: 'run', events: ['*'] })).toBe('All Test Run Events');
		expect(subtitle(trigger, { resource: 'run', events: ['run.completed', 'run.started'] })).toBe(
			'Test Run Completed, Test Run Started',
		);
	});
});

describe('nodes panel on n8n 2.x (which ships its own Currents nodes)', () => {
	it('our Currents nodes carry a distinct display name and keep their type names', () => {
		expect(new CurrentsTrigger().description).toMatchObject({
			name: 'currentsTrigger',
			displayName: 'Currents TestOps Trigger',
		});
		expect(new CurrentsWebhooks().description).toMatchObject({
			name: 'currentsWebhooks',
			displayName: 'Currents TestOps Webhooks',
		});
	});
});

describe('a new trigger keeps its name whatever Entity and Output are chosen', () => {
	// n8n names a node it adds "<operation> <resource>" (NodeHelpers.makeNodeName) unless the chosen
	// operation option has an `action`; without one a new Currents Trigger was named "Payload delivery"
	// and a new Qase Trigger "Payload all".
	const triggers = nodes.filter((n) => n.description.group.includes('trigger'));

	it.each(triggers.map((n) => [n.description.name, n]))('%s', (_name, nodeType) => {
		const d = nodeType.description;
		const added = { typeVersion: d.defaultVersion } as INode;
		const defaults = NodeHelpers.getNodeParameters(d.properties, {}, true, false, added, d) ?? {};
		const shown = (p: (typeof d.properties)[number]) =>
			NodeHelpers.displayParameter(defaults, p, added, d);
		const valuesOf = (p: (typeof d.properties)[number] | undefined) =>
			(p?.options ?? []).map((o) => (o as { value: string }).value);
		const output = d.properties.find((p) => ['output', 'operation'].includes(p.name) && shown(p));
		const entity = d.properties.find((p) => p.name === 'resource' && p.type === 'options');
		expect(output?.name).toBe('operation');
		const outputs = valuesOf(output);
		expect(outputs.length).toBeGreaterThan(1);
		const resources = entity ? valuesOf(entity) : [undefined];
		let named = 0;
		for (const resource of resources) {
			for (const value of outputs) {
				const set = { ...(resource ? { resource } : {}), [output!.name]: value };
				const params =
					NodeHelpers.getNodeParameters(d.properties, set, true, false, added, d) ?? {};
				expect(params[output!.name]).toBe(value);
				expect([set, NodeHelpers.makeNodeName(params, d)]).toEqual([set, d.defaults.name]);
				named++;
			}
		}
		expect(named).toBe(resources.length * outputs.length);
	});

	it('the Qase name carrier is never shown, on any version, and lists the shown Output choices', () => {
		const d = new QaseTrigger().description;
		const outputs = d.properties.filter((p) => p.name === 'operation');
		expect(outputs).toHaveLength(2);
		const [shownOutput, carrier] = outputs;
		for (const typeVersion of [0, 1, 1.1, 2, 99]) {
			const node = { typeVersion } as INode;
			const params = NodeHelpers.getNodeParameters(d.properties, {}, true, false, node, d) ?? {};
			expect([typeVersion, NodeHelpers.displayParameter(params, carrier, node, d)]).toEqual([
				typeVersion,
				false,
			]);
		}
		expect(carrier.options?.map((o) => (o as { value: string }).value)).toEqual(
			shownOutput.options?.map((o) => (o as { value: string }).value),
		);
		// Shown Output has no action of its own: only the carrier names the node.
		expect(shownOutput.options?.some((o) => 'action' in o)).toBe(false);
	});
});
