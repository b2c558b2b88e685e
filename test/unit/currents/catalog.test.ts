import {
	CURRENTS_EVENT_NAMES,
	currentsEvents,
	runEventSchema,
	webhookSchema,
} from '../../../nodes/Currents/catalog';
import { outputSchemas as triggerSchemas } from '../../../nodes/CurrentsTrigger/outputSchemas';
import { outputSchemas as actionSchemas } from '../../../nodes/CurrentsWebhooks/outputSchemas';
import { eventOptions } from '../../../nodes/shared/catalog';

describe('Currents event catalog', () => {
	test('declares every documented run event once', () => {
		expect(currentsEvents.map((e) => e.name).sort()).toEqual([...CURRENTS_EVENT_NAMES].sort());
	});

	test.each(currentsEvents.map((e) => [e.name, e] as const))(
		'%s: the documented sample validates',
		(name, event) => {
			const parsed = event.schema.safeParse(event.sample);
			expect(parsed.success).toBe(true);
			expect(runEventSchema().safeParse(event.sample).success).toBe(true);
			expect((event.sample as { event: string }).event).toBe(name);
		},
	);

	test.each(currentsEvents.map((e) => [e.name, e] as const))(
		'%s: the schema refuses another event and missing fields',
		(name, event) => {
			const other = CURRENTS_EVENT_NAMES.find((n) => n !== name)!;
			expect(event.schema.safeParse({ ...event.sample, event: other }).success).toBe(false);
			const noRunUrl: Record<string, unknown> = { ...(event.sample as Record<string, unknown>) };
			delete noRunUrl.runUrl;
			expect(event.schema.safeParse(noRunUrl).success).toBe(false);
		},
	);

	test('extra fields and multi-group fields are kept', () => {
		const sample = {
			...currentsEvents[0].sample,
			groupId: 'firefox',
			tags: ['smoke'],
			newField: 1,
		};
		expect(runEventSchema().parse(sample)).toEqual(sample);
	});

	test('null commit fields are accepted as documented', () => {
		const sample = {
			...currentsEvents[1].sample,
			commit: {
				sha: null,
				branch: null,
				authorName: null,
				authorEmail: null,
				message: null,
				remoteOrigin: null,
				defaultBranch: null,
			},
		};
		expect(runEventSchema().safeParse(sample).success).toBe(true);
	});

	test('node options are derived from the catalog, sorted by name', () => {
		const options = eventOptions(currentsEvents);
		expect(options.map((o) => o.value).sort()).toEqual([...CURRENTS_EVENT_NAMES].sort());
		const names = options.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});
});

describe('Currents output previews', () => {
	test('the trigger has one preview per version and Output, each covering every event', () => {
		const files = triggerSchemas();
		expect(files.map((f) => f.file)).toEqual([
			'v1.0.0.json',
			'v1.1.0/delivery/payload.json',
			'v1.1.0/payload.json',
			'v1.1.0/delivery/summary.json',
			'v1.1.0/summary.json',
		]);
		const props = files[0].schema.properties as Record<string, { enum?: string[] }>;
		expect(props.event.enum).toEqual([...CURRENTS_EVENT_NAMES]);
		expect(Object.keys(props)).toEqual(
			expect.arrayContaining(['runUrl', 'buildId', 'commit', 'overall', 'flaky']),
		);
	});

	test('the action node has one preview per operation', () => {
		const files = actionSchemas();
		expect(files.map((f) => f.file).sort()).toEqual(
			['create', 'delete', 'get', 'list', 'update'].map((op) => `v1.0.0/webhook/${op}.json`),
		);
		for (const f of files) expect(Object.keys(f.schema.properties ?? {}).length).toBeGreaterThan(0);
		expect(
			webhookSchema().safeParse({
				hookId: 'h',
				projectId: 'p',
				url: 'https://x',
				hookEvents: ['RUN_START'],
			}).success,
		).toBe(true);
	});
});
