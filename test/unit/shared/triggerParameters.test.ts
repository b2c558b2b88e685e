import type { INodeProperties, INodeType } from 'n8n-workflow';

import { CurrentsTrigger } from '../../../nodes/CurrentsTrigger/CurrentsTrigger.node';
import { OpenlayerTrigger } from '../../../nodes/OpenlayerTrigger/OpenlayerTrigger.node';
import { QaseTrigger } from '../../../nodes/QaseTrigger/QaseTrigger.node';
import {
	includeHeadersOption,
	outputParameterName,
	TRIGGER_VERSIONS,
} from '../../../nodes/shared/triggerParameters';

const triggers: INodeType[] = [new CurrentsTrigger(), new OpenlayerTrigger(), new QaseTrigger()];
const byName = (t: INodeType, name: string) =>
	t.description.properties.filter((p) => p.name === name);

describe.each(triggers.map((t) => [t.description.displayName, t] as const))('%s', (_name, t) => {
	it('has versions 1 and 1.1; a new node gets 1.1', () => {
		expect(t.description.version).toEqual(TRIGGER_VERSIONS);
		expect(t.description.defaultVersion).toBe(1.1);
	});

	it('has one Output under two names: `output` for version 1, `operation` for 1.1', () => {
		const [output] = byName(t, 'output');
		const [operation] = byName(t, 'operation');
		// The 1.1 options of Currents and Openlayer also carry the node's name as `action` (naming);
		// Qase's come second time in nodeNameCarrier, which is never shown.
		const withoutAction = (options: INodeProperties['options']) =>
			(options ?? []).map((o) =>
				Object.fromEntries(Object.entries(o).filter(([key]) => key !== 'action')),
			);
		const shared = (p: INodeProperties) => ({
			displayName: p.displayName,
			type: p.type,
			options: withoutAction(p.options),
			default: p.default,
		});
		expect(shared(operation)).toEqual(shared(output));
		expect(output.displayName).toBe('Output');
		expect(output.displayOptions).toEqual({ show: { '@version': [1] } });
		const named = t.description.name !== 'qaseTrigger';
		expect(operation.displayOptions).toEqual({
			show: { '@version': [1.1], ...(named ? { resource: ['delivery'] } : {}) },
		});
		for (const o of operation.options ?? [])
			expect((o as { action?: string }).action).toBe(
				named ? t.description.defaults.name : undefined,
			);
		// The editor puts the value into the preview's path: no expression.
		expect(operation.noDataExpression).toBe(true);
		const carriers = byName(t, 'operation').slice(1);
		expect(carriers).toHaveLength(named ? 0 : 1);
		for (const carrier of carriers) {
			expect(shared(carrier)).toEqual(shared(output));
			expect(carrier.displayOptions?.show?.['@version']).toEqual([{ _cnd: { lt: 0 } }]);
			expect(carrier.displayOptions?.show?.resource).toEqual(
				byName(t, 'resource')[0].options?.map((o) => (o as { value: string }).value),
			);
			for (const o of carrier.options ?? [])
				expect((o as { action?: string }).action).toBe(t.description.defaults.name);
		}
	});

	it('shares the one Include Headers option', () => {
		const [options] = byName(t, 'options');
		expect(options.options).toContain(includeHeadersOption);
	});
});

it('reads `output` in version 1 and `operation` from 1.1', () => {
	expect(outputParameterName({ typeVersion: 1 })).toBe('output');
	expect(outputParameterName({ typeVersion: 1.1 })).toBe('operation');
});
