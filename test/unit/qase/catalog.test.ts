import {
	ENTITY_DISPLAY_NAMES,
	eventsOfEntity,
	findQaseEvent,
	payloadOutputSchema,
	QASE_ENTITIES,
	QASE_EVENT_NAMES,
	qaseEvents,
} from '../../../nodes/Qase/catalog';
import { payloadWithContext } from '../../../nodes/Qase/receive';
import type { QaseDelivery } from '../../helpers/json';

/** Every event documented in qase-tms/docs general/webhooks/*.md, by entity. */
const DOCUMENTED: Record<string, string[]> = {
	case: ['created', 'cloned', 'updated', 'deleted'],
	suite: ['created', 'cloned', 'updated', 'deleted'],
	plan: ['created', 'updated', 'deleted'],
	shared_step: ['created', 'updated', 'deleted'],
	milestone: ['created', 'updated', 'deleted'],
	custom_field: ['created', 'updated', 'deleted'],
	run: ['started', 'updated', 'completed', 'aborted', 'deleted', 'report_changed'],
	defect: ['created', 'updated', 'resolved', 'deleted'],
	review: [
		'created',
		'updated',
		'reopened',
		'approval_status_changed',
		'commented',
		'declined',
		'deleted',
		'merged',
		'reviewer_added',
		'reviewer_removed',
	],
};
const documentedNames = Object.entries(DOCUMENTED).flatMap(([entity, actions]) =>
	actions.map((a) => `${entity}.${a}`),
);

const sampleOf = (name: string) => structuredClone(findQaseEvent(name)!.sample) as QaseDelivery;

describe('Qase event catalog', () => {
	it('holds exactly the documented events of all nine entities, each once', () => {
		expect([...QASE_EVENT_NAMES].sort()).toEqual([...documentedNames].sort());
		expect(new Set(QASE_EVENT_NAMES).size).toBe(QASE_EVENT_NAMES.length);
		expect(QASE_EVENT_NAMES).toHaveLength(40);
		expect([...QASE_ENTITIES].sort()).toEqual(Object.keys(DOCUMENTED).sort());
	});

	it.each(QASE_ENTITIES.map((e) => [e]))('groups the %s events under their entity', (entity) => {
		const events = eventsOfEntity(entity);
		expect(events.map((e) => e.name).sort()).toEqual(
			DOCUMENTED[entity].map((a) => `${entity}.${a}`).sort(),
		);
		for (const e of events)
			expect(e.displayName.startsWith(ENTITY_DISPLAY_NAMES[entity])).toBe(true);
	});

	it('gives every event a distinct display name and a description', () => {
		expect(new Set(qaseEvents.map((e) => e.displayName)).size).toBe(qaseEvents.length);
		for (const e of qaseEvents) expect(e.description.length).toBeGreaterThan(10);
	});

	describe.each(qaseEvents.map((e) => [e.name, e] as const))('%s', (name, event) => {
		it('has the documented envelope as its sample, and the sample validates', () => {
			const sample = event.sample as Record<string, unknown>;
			expect(Object.keys(sample).sort()).toEqual([
				'event_name',
				'payload',
				'project_code',
				'team_member_id',
				'timestamp',
			]);
			expect(sample.event_name).toBe(name);
			expect(sample.project_code).toBe('ID');
			expect(typeof sample.timestamp).toBe('number');
			const parsed = event.schema.safeParse(sample);
			expect(parsed.error).toBeUndefined();
			expect(event.payload.safeParse(sample.payload).success).toBe(true);
		});

		it('rejects the sample under another event name, or without its envelope fields', () => {
			expect(event.schema.safeParse({ ...sampleOf(name), event_name: 'case.bogus' }).success).toBe(
				false,
			);
			for (const field of ['payload', 'timestamp', 'team_member_id', 'project_code']) {
				const broken = sampleOf(name);
				delete broken[field];
				expect(event.schema.safeParse(broken).success).toBe(false);
			}
		});

		it('keeps fields it does not know', () => {
			const sample = sampleOf(name);
			sample.payload.brand_new_field = { nested: true };
			sample.extra_envelope_field = 7;
			const parsed = event.schema.parse(sample) as QaseDelivery;
			expect(parsed.payload.brand_new_field).toEqual({ nested: true });
			expect(parsed.extra_envelope_field).toBe(7);
		});

		it('describes the default output it produces', () => {
			const item = payloadWithContext(event.sample as Record<string, unknown>);
			const parsed = payloadOutputSchema(event).safeParse(item);
			expect(parsed.error).toBeUndefined();
			// Every documented payload field is a property of the output schema.
			const shape = payloadOutputSchema(event).shape as Record<string, unknown>;
			for (const key of Object.keys((event.sample as QaseDelivery).payload))
				expect(shape).toHaveProperty(key);
		});
	});

	it('rejects payloads that break their documented types', () => {
		const bad = sampleOf('case.created');
		bad.payload.id = 'not-a-number';
		expect(findQaseEvent('case.created')!.schema.safeParse(bad).success).toBe(false);
		const bad2 = sampleOf('run.report_changed');
		bad2.payload.visible = 'yes';
		expect(findQaseEvent('run.report_changed')!.schema.safeParse(bad2).success).toBe(false);
	});
});

describe('documented contradictions: every reading validates', () => {
	const valid = (name: string, payload: Record<string, unknown>) =>
		findQaseEvent(name)!.schema.safeParse({ ...sampleOf(name), payload }).success;

	it('run.updated: cases_added (example) or cases_count (field table), or both', () => {
		expect(valid('run.updated', { id: 1, cases_added: 14 })).toBe(true);
		expect(valid('run.updated', { id: 1, cases_count: 14 })).toBe(true);
		expect(valid('run.updated', { id: 1, cases_added: 3, cases_count: 17 })).toBe(true);
		expect(valid('run.updated', { id: 1, cases_count: 'many' })).toBe(false);
	});

	it('run.completed / run.aborted: duration in seconds or in milliseconds is just a number', () => {
		const completed = { id: 2, cases: 14, passed: 12, failed: 1, blocked: 1 };
		expect(valid('run.completed', { ...completed, duration: 125 })).toBe(true);
		expect(valid('run.completed', { ...completed, duration: 125000 })).toBe(true);
		expect(valid('run.completed', { ...completed, duration: 125.5 })).toBe(true);
		expect(valid('run.completed', { ...completed, duration: '125s' })).toBe(false);
		const aborted = {
			id: 1,
			cases: 14,
			passed: 0,
			untested: 14,
			failed: 0,
			blocked: 0,
			skipped: 0,
		};
		expect(valid('run.aborted', { ...aborted, duration: 3 })).toBe(true);
		expect(valid('run.aborted', { ...aborted, duration: 3000 })).toBe(true);
	});

	it('run.aborted: skipped (example) or skiped (field table)', () => {
		const base = { id: 1, cases: 14, passed: 0, untested: 14, failed: 0, blocked: 0, duration: 0 };
		expect(valid('run.aborted', { ...base, skipped: 2 })).toBe(true);
		expect(valid('run.aborted', { ...base, skiped: 2 })).toBe(true);
		expect(valid('run.aborted', { ...base, skiped: 'two' })).toBe(false);
		const shape = payloadOutputSchema(findQaseEvent('run.aborted')!).shape;
		expect(shape).toHaveProperty('skipped');
		expect(shape).toHaveProperty('skiped');
	});

	it('review data.id: a number (review.updated example) or a string (review.reopened example)', () => {
		expect(sampleOf('review.updated').payload.data?.id).toBe(25);
		expect(sampleOf('review.reopened').payload.data?.id).toBe('25');
		const swapped = sampleOf('review.updated');
		swapped.payload.data = { ...swapped.payload.data, id: '25' };
		expect(findQaseEvent('review.updated')!.schema.safeParse(swapped).success).toBe(true);
	});
});
