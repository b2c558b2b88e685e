import type { INodePropertyOptions } from 'n8n-workflow';

import { eventsOfEntity, qaseEvents, type QaseEntity } from '../../../nodes/Qase/catalog';
import { payloadWithContext } from '../../../nodes/Qase/receive';
import { outputSchemas } from '../../../nodes/QaseTrigger/outputSchemas';
import { node } from './helpers';

const files = outputSchemas();
const byFile = new Map(files.map((f) => [f.file, f.schema]));
const resourceValues = (
	node.description.properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]
).map((o) => String(o.value));

describe('Qase Trigger output schema previews', () => {
	it('has one file per Entity (version 1) and per Entity and Output (1.1), plus the v1.0.0.json fallback', () => {
		const outputs = ['payload', 'envelope', 'summary'];
		expect(files.map((f) => f.file).sort()).toEqual(
			[
				'v1.0.0.json',
				...resourceValues.map((v) => `v1.0.0/${v}.json`),
				...resourceValues.flatMap((v) => outputs.map((o) => `v1.1.0/${v}/${o}.json`)),
			].sort(),
		);
	});

	it.each(
		files
			.filter((f) => f.file.startsWith('v1.0.0') || f.file.endsWith('/payload.json'))
			.map((f) => [f.file, f.schema] as const),
	)('%s is an object schema with properties n8n can preview', (_file, schema) => {
		expect(schema.type).toBe('object');
		expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(4);
		expect(schema.required).toEqual(
			expect.arrayContaining(['event', 'project_code', 'team_member_id', 'occurred_at']),
		);
		expect(() => JSON.stringify(schema)).not.toThrow();
		expect(schema).not.toHaveProperty('$schema');
	});

	it.each(resourceValues.map((v) => [v]))(
		'the %s preview lists its events and describes every field they output',
		(value) => {
			const schema = byFile.get(`v1.0.0/${value}.json`)!;
			const events = value === 'all' ? qaseEvents : eventsOfEntity(value as QaseEntity);
			const props = schema.properties as Record<
				string,
				{ type?: unknown; properties?: Record<string, unknown>; enum?: unknown[] }
			>;
			expect([...(props.event.enum ?? [])].sort()).toEqual(events.map((e) => e.name).sort());
			for (const e of events) {
				const item = payloadWithContext(e.sample as Record<string, unknown>);
				for (const key of Object.keys(item))
					expect([e.name, key, key in props]).toEqual([e.name, key, true]);
			}
		},
	);

	it('previews no record fields: Resolve Full Record is off by default and n8n picks previews by resource only', () => {
		for (const f of files) {
			expect(f.schema.properties).not.toHaveProperty('record');
			expect(f.schema.properties).not.toHaveProperty('record_error');
		}
	});

	it('the fallback equals the All Entities preview', () => {
		expect(byFile.get('v1.0.0.json')).toEqual(byFile.get('v1.0.0/all.json'));
	});
});
