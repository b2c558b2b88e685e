/**
 * Hook lifecycle and API faults in a real n8n, against the local fake of the Currents API:
 * - 20 activate/deactivate cycles leave no orphaned and no duplicate hook; a restart keeps the hook;
 * - the API failing (500, 429 with Retry-After, a timeout, malformed JSON) while the trigger creates,
 *   checks or deletes its hook: activation fails with a message a user understands or succeeds on a
 *   sensible retry, static data is never half-written, nothing is left behind once the API recovers,
 *   and a 404 on delete counts as done;
 * - the Currents Webhooks node turns the same faults into NodeApiErrors with status and message.
 *
 * How n8n reports an activation differs per line (see setActiveAndWait): n8n 1.x inside the API
 * call, n8n 2.x in its background publication, which itself retries a failed trigger up to 5 times.
 * Where that makes the outcome differ, each line's outcome is asserted.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { currentsEvents } from '../../nodes/Currents/catalog';
import { createCurrentsFake, type CurrentsFake, type CurrentsHook } from '../fakes/currents-api';
import { post, prepareN8n, settle, triggerWorkflow, until, type N8nInstance } from './harness';
import {
	executionError,
	figure,
	findSecrets,
	instanceTexts,
	isActive,
	setActiveAndWait,
	storedStaticData,
	type ActivationOutcome,
} from './reliability-kit';

const API_KEY = `e2e-lc-currents-${randomBytes(6).toString('hex')}`;
const CRED = { id: 'credLcCurrents01', name: 'Currents fake API' };
const NODE = 'Currents Trigger';
const WF_CYCLE = 'wfLcCycles000001';
const WF_FAULT = 'wfLcFaults000001';
const TIMEOUT_MS = 15000; // the request timeout of nodes/shared/http.ts

const sample = JSON.stringify(currentsEvents.find((e) => e.name === 'RUN_FINISH')!.sample);
const FAILED = (message: string) => ({ status: 'FAILED', message });

interface Slot {
	hookId?: string;
	secret?: string;
	projectId?: string;
}

describe('Currents hook lifecycle and API faults in real n8n', () => {
	let fake: CurrentsFake;
	let fakeUrl: string;
	let n8n: N8nInstance;
	const started = Date.now();
	/** Messages n8n showed for activations and node runs, scanned for secrets at the end. */
	const messages: string[] = [];
	const secretsSeen = new Set<string>();

	const urlOf = (webhookId: string) => n8n.webhookUrl(webhookId);
	const hooksAt = (url: string) => fake.hooks.filter((h) => h.url === url);
	const secretOf = (hook: CurrentsHook) => {
		const secret = JSON.parse(hook.headers ?? '{}')['x-webhook-secret'] as string;
		if (secret) secretsSeen.add(secret);
		return secret;
	};
	/** The production hook's record: hooks are kept by webhook URL, test hooks flagged `test`. */
	const slot = (workflowId: string): Slot => {
		const hooks = (storedStaticData(n8n, workflowId)?.[`node:${NODE}`]?.hooks ?? {}) as Record<
			string,
			Slot & { test?: boolean }
		>;
		return Object.values(hooks).find((record) => record.test !== true) ?? {};
	};
	const calls = (from: number) => fake.requests.slice(from).map((r) => `${r.method} ${r.path}`);
	const count = (from: number, method: string, path: RegExp) =>
		fake.requests.slice(from).filter((r) => r.method === method && path.test(r.path)).length;

	/** Static data is either empty or holds a whole registration, never part of one. */
	function expectWhole(s: Slot) {
		const keys = Object.keys(s).sort();
		expect(keys.length === 0 || keys.join() === 'hookId,projectId,secret').toBe(true);
		for (const value of Object.values(s))
			expect(typeof value === 'string' && value !== '').toBe(true);
		if (s.secret) secretsSeen.add(s.secret);
	}

	async function activate(workflowId: string): Promise<ActivationOutcome> {
		const outcome = await setActiveAndWait(n8n, workflowId, true);
		if (outcome.message) messages.push(outcome.message);
		return outcome;
	}

	/**
	 * Deactivates; `warning` is what n8n reported about removing the hook (n8n 1.x logs it and still
	 * deactivates, n8n 2.x stores it on the publication).
	 */
	async function deactivate(workflowId: string): Promise<{ warning?: string }> {
		const offset = n8n.log().length;
		const outcome = await setActiveAndWait(n8n, workflowId, false);
		expect(outcome.ok).toBe(true);
		let warning = outcome.message;
		if (n8n.line === 1) {
			const m = new RegExp(
				`Could not remove webhooks of workflow "${workflowId}" because of error: "([^"]*)"`,
			).exec(n8n.log().slice(offset));
			warning = m?.[1];
		}
		if (warning) messages.push(warning);
		return { warning };
	}

	/** n8n serves the production webhook (n8n 2.x registers it after answering). */
	async function registered(webhookId: string): Promise<boolean> {
		const res = await fetch(urlOf(webhookId));
		const text = await res.text();
		return !(res.status === 404 && !text.includes('Did you mean to make a'));
	}

	/** After a fault: with the API healthy again, activation leaves exactly one hook and deactivation none. */
	async function recovers(workflowId: string, webhookId: string, opts: { adopt?: string } = {}) {
		const url = urlOf(webhookId);
		fake.clearFaults();
		// n8n 2.x keeps a workflow whose activation failed marked active; n8n 1.x rolls it back.
		if (isActive(n8n, workflowId)) await deactivate(workflowId);
		const from = fake.requests.length;
		expect(await activate(workflowId)).toEqual({ ok: true });
		const hooks = hooksAt(url);
		expect(hooks).toHaveLength(1);
		expect(slot(workflowId).hookId).toBe(hooks[0].hookId);
		if (opts.adopt) {
			// The hook the API created after our client gave up is taken over, not duplicated.
			expect(hooks[0].hookId).toBe(opts.adopt);
			expect(count(from, 'POST', /^\/webhooks$/)).toBe(0);
		}
		expect((await deactivate(workflowId)).warning).toBeUndefined();
		expect(hooksAt(url)).toHaveLength(0);
		expect(slot(workflowId)).toEqual({});
	}

	beforeAll(async () => {
		fake = createCurrentsFake({ apiKeys: [API_KEY] });
		fakeUrl = await fake.listen();
		const currentsTrigger = (id: string, name: string, webhookId: string, projectId: string) =>
			triggerWorkflow({
				id,
				name,
				nodeType: 'n8n-nodes-testops.currentsTrigger',
				nodeName: NODE,
				webhookId,
				parameters: {
					setupMode: 'automatic',
					project: { __rl: true, mode: 'id', value: projectId },
					events: ['RUN_FINISH', 'RUN_START'],
				},
				credentials: { currentsTestOpsApi: CRED },
			});
		n8n = await prepareN8n({
			credentials: [
				{ ...CRED, type: 'currentsTestOpsApi', data: { apiKey: API_KEY, baseUrl: fakeUrl } },
			],
			workflows: [
				currentsTrigger(WF_CYCLE, 'Lifecycle cycles', 'lc-cycles', 'proj_alpha'),
				currentsTrigger(WF_FAULT, 'Lifecycle faults', 'lc-faults', 'proj_beta'),
			],
		});
		await n8n.start();
	});

	beforeEach(() => fake.clearFaults());

	afterAll(async () => {
		await n8n?.stop();
		if (n8n) {
			for (const h of fake.hooks) secretsSeen.add(secretOf(h));
			const secrets: Record<string, string> = { 'Currents API key': API_KEY };
			[...secretsSeen].filter(Boolean).forEach((s, i) => (secrets[`hook secret #${i + 1}`] = s));
			const leaks = findSecrets(secrets, {
				...instanceTexts(n8n),
				'messages shown by n8n': messages.join('\n'),
			});
			figure(
				'lifecycle',
				n8n,
				`secret scan (API key and ${secretsSeen.size} hook secrets) of n8n log, executions, errors and ${messages.length} activation/node messages: ${leaks.length} leaks`,
			);
			figure('lifecycle', n8n, `suite wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
			n8n.cleanup();
			expect(leaks).toEqual([]);
		}
		await fake?.close();
	});

	describe('lifecycle', () => {
		test('20 activate/deactivate cycles: one hook while active, none after, no orphan or duplicate', async () => {
			const url = urlOf('lc-cycles');
			// Someone else's hook in the same project must survive everything.
			const foreign = await fetch(`${fakeUrl}/webhooks?projectId=proj_alpha`, {
				method: 'POST',
				headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					url: 'https://ci.example.com/other-hook',
					hookEvents: ['RUN_FINISH'],
					label: 'not ours',
				}),
			});
			const foreignId = ((await foreign.json()) as { data: CurrentsHook }).data.hookId;
			const from = fake.requests.length;
			const ids: string[] = [];
			let maxOurs = 0;
			const t0 = Date.now();
			for (let cycle = 0; cycle < 20; cycle++) {
				expect(await activate(WF_CYCLE)).toEqual({ ok: true });
				const ours = hooksAt(url);
				maxOurs = Math.max(maxOurs, ours.length);
				expect(ours).toHaveLength(1);
				const s = slot(WF_CYCLE);
				expectWhole(s);
				expect(s).toEqual({
					hookId: ours[0].hookId,
					secret: secretOf(ours[0]),
					projectId: 'proj_alpha',
				});
				ids.push(ours[0].hookId);
				expect(await deactivate(WF_CYCLE)).toEqual({ warning: undefined });
				expect(hooksAt(url)).toHaveLength(0);
				expect(slot(WF_CYCLE)).toEqual({});
			}
			const creates = count(from, 'POST', /^\/webhooks$/);
			const deletes = count(from, 'DELETE', /^\/webhooks\//);
			figure(
				'lifecycle',
				n8n,
				`20 activate/deactivate cycles in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${creates} hooks created, ${deletes} deleted, ` +
					`${new Set(ids).size} distinct hook ids, at most ${maxOurs} of ours at once, ${hooksAt(url).length} orphaned at the end, ` +
					`foreign hook ${fake.hooks.some((h) => h.hookId === foreignId) ? 'intact' : 'GONE'}`,
			);
			expect({
				creates,
				deletes,
				distinct: new Set(ids).size,
				maxOurs,
				orphans: hooksAt(url).length,
			}).toEqual({
				creates: 20,
				deletes: 20,
				distinct: 20,
				maxOurs: 1,
				orphans: 0,
			});
			expect(fake.hooks.map((h) => h.hookId)).toEqual([foreignId]);
		});

		test('n8n restarted while active: the hook is found and kept, not recreated, and still delivers', async () => {
			const url = urlOf('lc-cycles');
			expect(await activate(WF_CYCLE)).toEqual({ ok: true });
			const [hook] = hooksAt(url);
			const from = fake.requests.length;
			await n8n.restart();
			if (n8n.line === 1)
				await until(() => calls(from).includes(`GET /webhooks/${hook.hookId}`), 60000);
			for (let i = 0; i < 100 && !(await registered('lc-cycles')); i++) await settle(200);
			await settle(2000);
			const after = hooksAt(url);
			figure(
				'lifecycle',
				n8n,
				`restart while active: API calls ${JSON.stringify(calls(from))}; hook ${after.map((h) => h.hookId).join() === hook.hookId ? 'kept' : 'CHANGED'}`,
			);
			expect(after.map((h) => h.hookId)).toEqual([hook.hookId]);
			// n8n 1.x re-activates at start-up and the trigger's checkExists finds the hook; n8n 2.x keeps
			// the webhooks it registered before (webhook_entity) and does not ask the node at all.
			expect(calls(from)).toEqual(n8n.line === 1 ? [`GET /webhooks/${hook.hookId}`] : []);
			expect(slot(WF_CYCLE)).toEqual({
				hookId: hook.hookId,
				secret: secretOf(hook),
				projectId: 'proj_alpha',
			});
			// The kept hook's secret is the one n8n checks.
			expect(
				(
					await post(url, sample, {
						'x-webhook-secret': secretOf(hook),
						'x-timestamp': String(Date.now()),
					})
				).status,
			).toBe(200);
			expect((await n8n.waitForExecutions(WF_CYCLE, 1)).length).toBe(1);
			expect(await deactivate(WF_CYCLE)).toEqual({ warning: undefined });
			expect(hooksAt(url)).toHaveLength(0);
		});
	});

	describe('faults while creating the hook', () => {
		const url = () => urlOf('lc-faults');

		test("500: activation fails with the status and Currents' message; nothing stored, nothing left", async () => {
			fake.addFault({
				method: 'POST',
				path: '^/webhooks$',
				status: 500,
				body: FAILED('Internal server error'),
			});
			const outcome = await activate(WF_FAULT);
			figure(
				'lifecycle',
				n8n,
				`create answered 500: activation ${outcome.ok ? 'succeeded' : `failed: "${outcome.message}"`}`,
			);
			expect(outcome).toEqual({
				ok: false,
				message: 'Could not register the Currents webhook (HTTP 500): Internal server error',
			});
			expect(hooksAt(url())).toHaveLength(0);
			expect(slot(WF_FAULT)).toEqual({});
			await recovers(WF_FAULT, 'lc-faults');
		});

		test('429 with Retry-After: 1 is waited out and retried; activation succeeds with one hook', async () => {
			fake.addFault({
				method: 'POST',
				path: '^/webhooks$',
				status: 429,
				headers: { 'Retry-After': '1' },
				body: FAILED('Too many requests'),
				times: 1,
			});
			const from = fake.requests.length;
			const outcome = await activate(WF_FAULT);
			figure(
				'lifecycle',
				n8n,
				`create answered 429 (Retry-After: 1) once: activation ${outcome.ok ? 'succeeded' : 'failed'} after ${count(from, 'POST', /^\/webhooks$/)} POSTs`,
			);
			expect(outcome).toEqual({ ok: true });
			expect(count(from, 'POST', /^\/webhooks$/)).toBe(2);
			expect(hooksAt(url())).toHaveLength(1);
			expectWhole(slot(WF_FAULT));
			expect(slot(WF_FAULT).hookId).toBe(hooksAt(url())[0].hookId);
			await recovers(WF_FAULT, 'lc-faults');
		});

		test('429 with a Retry-After too long to wait fails at once with the status', async () => {
			fake.addFault({
				method: 'POST',
				path: '^/webhooks$',
				status: 429,
				headers: { 'Retry-After': '120' },
				body: FAILED('Too many requests'),
			});
			const outcome = await activate(WF_FAULT);
			figure(
				'lifecycle',
				n8n,
				`create answered 429 (Retry-After: 120): activation ${outcome.ok ? 'succeeded' : `failed: "${outcome.message}"`}`,
			);
			expect(outcome).toEqual({
				ok: false,
				message: 'Could not register the Currents webhook (HTTP 429): Too many requests',
			});
			expect(hooksAt(url())).toHaveLength(0);
			expect(slot(WF_FAULT)).toEqual({});
			await recovers(WF_FAULT, 'lc-faults');
		});

		test('malformed JSON: activation fails saying the answer was unreadable; nothing stored', async () => {
			fake.addFault({
				method: 'POST',
				path: '^/webhooks$',
				raw: '{"status":"OK","data":{"hookId":',
			});
			const outcome = await activate(WF_FAULT);
			figure(
				'lifecycle',
				n8n,
				`create answered malformed JSON: activation ${outcome.ok ? 'succeeded' : `failed: "${outcome.message}"`}`,
			);
			expect(outcome).toEqual({
				ok: false,
				message: 'Could not register the Currents webhook: The response is not a JSON object',
			});
			expect(hooksAt(url())).toHaveLength(0);
			expect(slot(WF_FAULT)).toEqual({});
			await recovers(WF_FAULT, 'lc-faults');
		});

		test('timeout, the API creating the hook after our client gave up: no orphan once the API recovers', async () => {
			const delayMs = TIMEOUT_MS + 10000;
			fake.addFault({ method: 'POST', path: '^/webhooks$', delayMs, times: 1 });
			const t0 = Date.now();
			const outcome = await activate(WF_FAULT);
			const took = Date.now() - t0;
			// The fake finishes the slow request and creates the hook.
			await until(() => hooksAt(url()).length >= (n8n.line === 1 ? 1 : 2), delayMs + 10000);
			const late = hooksAt(url()).find((h) => h.hookId !== slot(WF_FAULT).hookId)!;
			figure(
				'lifecycle',
				n8n,
				`create timed out (API created the hook ${delayMs / 1000} s later): activation ${outcome.ok ? "succeeded on n8n's retry" : `failed after ${(took / 1000).toFixed(1)} s: "${outcome.message}"`}, ` +
					`${hooksAt(url()).length} hook(s) at our URL once the slow request finished`,
			);
			if (n8n.line === 1) {
				expect(outcome).toEqual({
					ok: false,
					message:
						'Could not register the Currents webhook: The request timed out (no answer within 15 s)',
				});
				expect(slot(WF_FAULT)).toEqual({});
				expect(hooksAt(url())).toHaveLength(1);
				// The next activation adopts the late hook instead of adding a second one.
				await recovers(WF_FAULT, 'lc-faults', { adopt: late.hookId });
			} else {
				// n8n 2.x retried the trigger after 1 s and registered a hook; the late one is a stray whose
				// secret n8n does not know, so its deliveries are refused, and deactivation removes both.
				expect(outcome).toEqual({ ok: true });
				expectWhole(slot(WF_FAULT));
				expect(hooksAt(url())).toHaveLength(2);
				const stray = await post(url(), sample, {
					'x-webhook-secret': secretOf(late),
					'x-timestamp': String(Date.now()),
				});
				expect(stray.status).toBe(401);
				expect((await deactivate(WF_FAULT)).warning).toBeUndefined();
				expect(hooksAt(url())).toHaveLength(0);
				await recovers(WF_FAULT, 'lc-faults');
			}
		}, 120000);
	});

	describe('faults while deleting the hook', () => {
		const url = () => urlOf('lc-faults');

		/** Activates cleanly and returns the registered hook. */
		async function active(): Promise<CurrentsHook> {
			fake.clearFaults();
			expect(await activate(WF_FAULT)).toEqual({ ok: true });
			const hooks = hooksAt(url());
			expect(hooks).toHaveLength(1);
			return hooks[0];
		}

		test('500: deactivation reports it, the hook and the whole state are kept, and reused once the API recovers', async () => {
			const hook = await active();
			fake.addFault({
				method: 'DELETE',
				path: '^/webhooks/',
				status: 500,
				body: FAILED('Internal server error'),
			});
			const { warning } = await deactivate(WF_FAULT);
			figure('lifecycle', n8n, `delete answered 500: deactivated, n8n reported "${warning}"`);
			expect(warning).toContain(
				'Could not delete the Currents webhook (HTTP 500): Internal server error',
			);
			expect(hooksAt(url()).map((h) => h.hookId)).toEqual([hook.hookId]);
			expect(slot(WF_FAULT)).toEqual({
				hookId: hook.hookId,
				secret: secretOf(hook),
				projectId: 'proj_beta',
			});
			fake.clearFaults();
			// Re-activation finds the kept hook (checkExists) instead of creating another.
			const from = fake.requests.length;
			expect(await activate(WF_FAULT)).toEqual({ ok: true });
			expect(hooksAt(url()).map((h) => h.hookId)).toEqual([hook.hookId]);
			expect(count(from, 'POST', /^\/webhooks$/)).toBe(0);
			await recovers(WF_FAULT, 'lc-faults');
		});

		test('404 (deleted in Currents meanwhile) counts as done: no warning, state cleared', async () => {
			const hook = await active();
			await fetch(`${fakeUrl}/webhooks/${hook.hookId}`, {
				method: 'DELETE',
				headers: { authorization: `Bearer ${API_KEY}` },
			});
			const from = fake.requests.length;
			const { warning } = await deactivate(WF_FAULT);
			figure(
				'lifecycle',
				n8n,
				`delete answered 404: deactivated, warning: ${warning ?? 'none'}; calls ${JSON.stringify(calls(from))}`,
			);
			expect(warning).toBeUndefined();
			expect(calls(from)).toContain(`DELETE /webhooks/${hook.hookId}`);
			expect(hooksAt(url())).toHaveLength(0);
			expect(slot(WF_FAULT)).toEqual({});
		});

		test('429 with Retry-After: 1 is retried; the hook is deleted', async () => {
			await active();
			fake.addFault({
				method: 'DELETE',
				path: '^/webhooks/',
				status: 429,
				headers: { 'Retry-After': '1' },
				body: FAILED('Too many requests'),
				times: 1,
			});
			const from = fake.requests.length;
			const { warning } = await deactivate(WF_FAULT);
			figure(
				'lifecycle',
				n8n,
				`delete answered 429 (Retry-After: 1) once: warning: ${warning ?? 'none'}, ${count(from, 'DELETE', /^\/webhooks\//)} DELETEs`,
			);
			expect(warning).toBeUndefined();
			expect(count(from, 'DELETE', /^\/webhooks\//)).toBe(2);
			expect(hooksAt(url())).toHaveLength(0);
			expect(slot(WF_FAULT)).toEqual({});
		});

		test("timeout: the hook is kept with its whole state (n8n 1.x) or deleted on n8n 2.x's retry; nothing left after recovery", async () => {
			const hook = await active();
			fake.addFault({
				method: 'DELETE',
				path: '^/webhooks/',
				delayMs: TIMEOUT_MS + 1000,
				status: 504,
				body: FAILED('Gateway timeout'),
				times: 1,
			});
			const { warning } = await deactivate(WF_FAULT);
			figure(
				'lifecycle',
				n8n,
				`delete timed out once: warning: ${warning ?? 'none'}, ${hooksAt(url()).length} hook(s) left`,
			);
			if (n8n.line === 1) {
				expect(warning).toBe(
					'Could not delete the Currents webhook: The request timed out (no answer within 15 s)',
				);
				expect(slot(WF_FAULT)).toEqual({
					hookId: hook.hookId,
					secret: secretOf(hook),
					projectId: 'proj_beta',
				});
				expect(hooksAt(url())).toHaveLength(1);
			} else {
				expect(warning).toBeUndefined();
				expect(slot(WF_FAULT)).toEqual({});
				expect(hooksAt(url())).toHaveLength(0);
			}
			await recovers(WF_FAULT, 'lc-faults');
		}, 120000);

		test('malformed JSON: deactivation reports it, the hook and its whole state are kept until the API recovers', async () => {
			const hook = await active();
			fake.addFault({ method: 'DELETE', path: '^/webhooks/', raw: '{"status":' });
			const { warning } = await deactivate(WF_FAULT);
			figure('lifecycle', n8n, `delete answered malformed JSON: n8n reported "${warning}"`);
			expect(warning).toContain(
				'Could not delete the Currents webhook: The response is not a JSON object',
			);
			expect(slot(WF_FAULT)).toEqual({
				hookId: hook.hookId,
				secret: secretOf(hook),
				projectId: 'proj_beta',
			});
			expect(hooksAt(url())).toHaveLength(1);
			await recovers(WF_FAULT, 'lc-faults');
		});
	});

	describe('faults while checking the hook (checkExists)', () => {
		const url = () => urlOf('lc-faults');

		/**
		 * checkExists asks the API only when static data holds a hook: leave one behind by failing the
		 * delete of a deactivation, as a flaky API would.
		 */
		async function keptWhileInactive(): Promise<CurrentsHook> {
			fake.clearFaults();
			expect(await activate(WF_FAULT)).toEqual({ ok: true });
			const [hook] = hooksAt(url());
			fake.addFault({
				method: 'DELETE',
				path: '^/webhooks/',
				status: 500,
				body: FAILED('Internal server error'),
			});
			await deactivate(WF_FAULT);
			fake.clearFaults();
			expect(slot(WF_FAULT).hookId).toBe(hook.hookId);
			return hook;
		}

		/**
		 * n8n 1.x fails the activation and removes the hook (its cleanup calls our delete); n8n 2.x
		 * does the same cleanup, then retries and registers a fresh hook. Either way: one hook or none.
		 */
		async function expectCheckFailure(
			label: string,
			hook: CurrentsHook,
			outcome: ActivationOutcome,
			message: string,
		) {
			const ours = hooksAt(url());
			figure(
				'lifecycle',
				n8n,
				`checkExists ${label}: activation ${outcome.ok ? "succeeded on n8n's retry with a new hook" : `failed: "${outcome.message}"`}, ${ours.length} hook(s) at our URL`,
			);
			if (n8n.line === 1) {
				expect(outcome).toEqual({ ok: false, message });
				expect(ours).toHaveLength(0);
				expect(slot(WF_FAULT)).toEqual({});
			} else {
				expect(outcome).toEqual({ ok: true });
				expect(ours).toHaveLength(1);
				expect(ours[0].hookId).not.toBe(hook.hookId);
				expect(slot(WF_FAULT)).toEqual({
					hookId: ours[0].hookId,
					secret: secretOf(ours[0]),
					projectId: 'proj_beta',
				});
			}
			await recovers(WF_FAULT, 'lc-faults');
		}

		test('500', async () => {
			const hook = await keptWhileInactive();
			fake.addFault({
				method: 'GET',
				path: `^/webhooks/${hook.hookId}$`,
				status: 500,
				body: FAILED('Internal server error'),
			});
			await expectCheckFailure(
				'answered 500',
				hook,
				await activate(WF_FAULT),
				'Could not check the Currents webhook (HTTP 500): Internal server error',
			);
		});

		test('429 with Retry-After: 1 is retried; the hook is kept', async () => {
			const hook = await keptWhileInactive();
			fake.addFault({
				method: 'GET',
				path: `^/webhooks/${hook.hookId}$`,
				status: 429,
				headers: { 'Retry-After': '1' },
				body: FAILED('Too many requests'),
				times: 1,
			});
			const from = fake.requests.length;
			const outcome = await activate(WF_FAULT);
			figure(
				'lifecycle',
				n8n,
				`checkExists answered 429 (Retry-After: 1) once: activation ${outcome.ok ? 'succeeded' : 'failed'}, hook ${
					hooksAt(url())
						.map((h) => h.hookId)
						.join() === hook.hookId
						? 'kept'
						: 'changed'
				}`,
			);
			expect(outcome).toEqual({ ok: true });
			expect(count(from, 'GET', new RegExp(`^/webhooks/${hook.hookId}$`))).toBe(2);
			expect(hooksAt(url()).map((h) => h.hookId)).toEqual([hook.hookId]);
			expect(count(from, 'POST', /^\/webhooks$/)).toBe(0);
			await recovers(WF_FAULT, 'lc-faults');
		});

		test('timeout', async () => {
			const hook = await keptWhileInactive();
			fake.addFault({
				method: 'GET',
				path: `^/webhooks/${hook.hookId}$`,
				delayMs: TIMEOUT_MS + 1000,
				status: 504,
				body: FAILED('Gateway timeout'),
				times: 1,
			});
			await expectCheckFailure(
				'timed out',
				hook,
				await activate(WF_FAULT),
				'Could not check the Currents webhook: The request timed out (no answer within 15 s)',
			);
		}, 120000);

		test('malformed JSON', async () => {
			const hook = await keptWhileInactive();
			fake.addFault({
				method: 'GET',
				path: `^/webhooks/${hook.hookId}$`,
				raw: '{"status":"OK","data":',
			});
			await expectCheckFailure(
				'answered malformed JSON',
				hook,
				await activate(WF_FAULT),
				'Could not check the Currents webhook: The response is not a JSON object',
			);
		});

		test('restart while the API fails the check once: n8n 1.x retries the activation; one hook, whole state', async () => {
			fake.clearFaults();
			expect(await activate(WF_FAULT)).toEqual({ ok: true });
			const [hook] = hooksAt(url());
			fake.addFault({
				method: 'GET',
				path: `^/webhooks/${hook.hookId}$`,
				status: 500,
				body: FAILED('Internal server error'),
				times: 1,
			});
			const from = fake.requests.length;
			await n8n.restart();
			// n8n 2.x does not call checkExists at start-up (see the restart test above): nothing to fail.
			if (n8n.line === 1)
				await until(
					() => hooksAt(url()).length === 1 && count(from, 'POST', /^\/webhooks$/) === 1,
					90000,
				);
			for (let i = 0; i < 100 && !(await registered('lc-faults')); i++) await settle(200);
			await settle(2000);
			const [now] = hooksAt(url());
			figure(
				'lifecycle',
				n8n,
				`restart with checkExists failing once (500): calls ${JSON.stringify(calls(from))}; ${hooksAt(url()).length} hook(s), registered again: ${await registered('lc-faults')}`,
			);
			expect(hooksAt(url())).toHaveLength(1);
			if (n8n.line === 1) {
				// The failed start-up activation removed the hook; n8n's queued retry registered a new one.
				expect(calls(from)[0]).toBe(`GET /webhooks/${hook.hookId}`);
				expect(count(from, 'DELETE', new RegExp(`^/webhooks/${hook.hookId}$`))).toBe(1);
				expect(count(from, 'POST', /^\/webhooks$/)).toBe(1);
			} else {
				expect(calls(from)).toEqual([]);
				expect(now.hookId).toBe(hook.hookId);
			}
			expect(slot(WF_FAULT)).toEqual({
				hookId: now.hookId,
				secret: secretOf(now),
				projectId: 'proj_beta',
			});
			expect(
				(
					await post(url(), sample, {
						'x-webhook-secret': secretOf(now),
						'x-timestamp': String(Date.now()),
					})
				).status,
			).toBe(200);
			await recovers(WF_FAULT, 'lc-faults');
		}, 180000);
	});

	describe('Currents Webhooks node: faults become NodeApiErrors with status and message', () => {
		const manualTrigger = {
			id: 'manual-id',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [-200, 0],
			parameters: {},
		};
		const nodeWorkflow = (id: string, parameters: Record<string, unknown>) => ({
			id,
			name: id,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				manualTrigger,
				{
					id: `${id}-node`,
					name: 'Currents Webhooks',
					type: 'n8n-nodes-testops.currentsWebhooks',
					typeVersion: 1,
					position: [0, 0],
					parameters: { resource: 'webhook', ...parameters },
					credentials: { currentsTestOpsApi: CRED },
				},
			],
			connections: { Start: { main: [[{ node: 'Currents Webhooks', type: 'main', index: 0 }]] } },
		});

		test("500, 429, a timeout, malformed JSON and a 404, each run with n8n's CLI", async () => {
			const existing = await fetch(`${fakeUrl}/webhooks?projectId=proj_beta`, {
				method: 'POST',
				headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					url: 'https://ci.example.com/node-hook',
					hookEvents: ['RUN_FINISH'],
				}),
			});
			const hookId = ((await existing.json()) as { data: CurrentsHook }).data.hookId;
			const missing = randomUUID();
			const slow = randomUUID();
			const cases = [
				{
					id: 'wfNdCreate500',
					what: 'create, API answers 500',
					parameters: {
						operation: 'create',
						project: { __rl: true, mode: 'id', value: 'proj_beta' },
						url: 'https://ci.example.com/new',
						hookEvents: ['RUN_FINISH'],
					},
					fault: {
						method: 'POST',
						path: '^/webhooks$',
						status: 500,
						body: FAILED('Internal server error'),
					},
					want: {
						name: 'NodeApiError',
						httpCode: '500',
						message: 'Currents API error (HTTP 500): Internal server error',
					},
				},
				{
					id: 'wfNdList429',
					what: 'list, API answers 429 with Retry-After: 120',
					parameters: {
						operation: 'list',
						project: { __rl: true, mode: 'id', value: 'proj_beta' },
					},
					fault: {
						method: 'GET',
						path: '^/webhooks$',
						status: 429,
						headers: { 'Retry-After': '120' },
						body: FAILED('Too many requests'),
					},
					want: {
						name: 'NodeApiError',
						httpCode: '429',
						message: 'Currents API error (HTTP 429): Too many requests',
					},
				},
				{
					id: 'wfNdGet429Once',
					what: 'get, API answers 429 with Retry-After: 1 once',
					parameters: { operation: 'get', hookId },
					fault: {
						method: 'GET',
						path: `^/webhooks/${hookId}$`,
						status: 429,
						headers: { 'Retry-After': '1' },
						body: FAILED('Too many requests'),
						times: 1,
					},
					want: undefined,
				},
				{
					id: 'wfNdUpdateBad',
					what: 'update, API answers malformed JSON',
					parameters: { operation: 'update', hookId, updateFields: { label: 'renamed' } },
					fault: { method: 'PUT', path: `^/webhooks/${hookId}$`, raw: '{"status":"OK","data":{' },
					want: {
						name: 'NodeApiError',
						httpCode: undefined,
						message: `Currents API returned an unreadable response to PUT /webhooks/${hookId}`,
					},
				},
				{
					id: 'wfNdDelete404',
					what: 'delete, hook does not exist (404)',
					parameters: { operation: 'delete', hookId: missing },
					fault: undefined,
					want: {
						name: 'NodeApiError',
						httpCode: '404',
						message: `Webhook ${missing} does not exist`,
					},
				},
				{
					id: 'wfNdGetTimeout',
					what: 'get, API does not answer within 15 s',
					parameters: { operation: 'get', hookId: slow },
					fault: {
						method: 'GET',
						path: `^/webhooks/${slow}$`,
						delayMs: TIMEOUT_MS + 1000,
						status: 504,
						body: FAILED('Gateway timeout'),
						times: 1,
					},
					want: {
						name: 'NodeApiError',
						httpCode: undefined,
						message: 'Currents API error: The request timed out (no answer within 15 s)',
					},
				},
			];
			await n8n.importWorkflows(cases.map((c) => nodeWorkflow(c.id, c.parameters)));
			for (const c of cases) if (c.fault) fake.addFault(c.fault);

			const run = async (c: (typeof cases)[number]) => {
				const t0 = Date.now();
				const cliError = await n8n.cli(['execute', `--id=${c.id}`]).then(
					() => undefined,
					(e: Error) => e.message,
				);
				if (cliError) messages.push(cliError);
				const executions = n8n.executions(c.id);
				const execution = executions[executions.length - 1];
				const error = execution.error ? executionError(n8n, execution.raw) : undefined;
				if (error) messages.push(JSON.stringify(error));
				const got = error
					? { name: error.name, httpCode: error.httpCode ?? undefined, message: error.message }
					: undefined;
				figure(
					'lifecycle',
					n8n,
					`Currents Webhooks ${c.what}: execution ${execution.status}${got ? `, ${got.name} httpCode ${got.httpCode ?? 'none'}: "${got.message}"` : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
				);
				return { c, execution, got, cliError };
			};
			// The timeout case waits 15 s: run it beside the others (their faults match other paths).
			const slowRun = run(cases[cases.length - 1]);
			const results = [];
			for (const c of cases.slice(0, -1)) results.push(await run(c));
			results.push(await slowRun);

			for (const { c, execution, got, cliError } of results) {
				if (c.want) {
					expect({ what: c.what, status: execution.status, error: got }).toEqual({
						what: c.what,
						status: 'error',
						error: c.want,
					});
					expect(cliError).toContain(c.want.message);
				} else {
					expect({ what: c.what, status: execution.status }).toEqual({
						what: c.what,
						status: 'success',
					});
					expect(execution.nodes['Currents Webhooks'].items[0].hookId).toBe(hookId);
				}
			}
		}, 180000);
	});
});
