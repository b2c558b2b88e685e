import { openlayerEvents } from '../../nodes/Openlayer/catalog';
import type { TestsResultEvent } from './json';

/**
 * Openlayer's documented `tests.result.updated` delivery for a commit's run with these counts
 * (none skipped or running), as the e2e suites send it.
 */
export function resultsDelivery(
	projectVersionId: string,
	counts: { passing: number; failing: number },
): TestsResultEvent {
	const body = structuredClone(
		openlayerEvents.find((e) => e.name === 'tests.result.updated')!.sample,
	) as TestsResultEvent;
	body.data.tests = {
		...body.data.tests,
		projectVersionId,
		total: counts.passing + counts.failing,
		passing: counts.passing,
		failing: counts.failing,
		skipped: 0,
		running: 0,
	};
	return body;
}
