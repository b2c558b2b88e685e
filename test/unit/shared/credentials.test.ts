import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_CACHE_SECONDS } from '../../../nodes/shared/credentials';

type CredentialsModule = typeof import('../../../nodes/shared/credentials');
/** The module as a fresh process loads it: nothing cached. */
let decideWithCredential: CredentialsModule['decideWithCredential'];

/** A webhook context whose credential can be changed between requests, counting n8n's reads. */
function host(
	initial: ICredentialDataDecryptedObject | Error,
	opts: { credentialId?: string; workflowId?: string } = {},
) {
	let current = initial;
	const state = { reads: 0 };
	const ctx = {
		getNode: () => ({
			name: 'Trigger',
			credentials:
				opts.credentialId === undefined
					? {}
					: { secretApi: { id: opts.credentialId, name: 'Secret' } },
		}),
		getWorkflow: () => ({ id: opts.workflowId ?? 'wf-1' }),
		getCredentials: async () => {
			state.reads++;
			if (current instanceof Error) throw current;
			return current;
		},
	} as unknown as IWebhookFunctions;
	return {
		ctx,
		state,
		set: (value: ICredentialDataDecryptedObject | Error) => {
			current = value;
		},
	};
}

/** The decision a trigger makes: accepted when the delivery carries the credential's secret. */
const verify = (h: ReturnType<typeof host>, sent: string, failClosed = false) =>
	decideWithCredential(
		h.ctx,
		'secretApi',
		(credential) => (credential?.secret === sent ? 'accepted' : 'refused'),
		(d) => d === 'refused',
		{ failClosed },
	);

beforeEach(() => {
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		({ decideWithCredential } = require('../../../nodes/shared/credentials') as CredentialsModule);
	});
	jest.useRealTimers();
});

describe('credential cache for delivery verification', () => {
	it('reads the credential once for many deliveries', async () => {
		const h = host({ secret: 's1' }, { credentialId: 'c1' });
		for (let i = 0; i < 50; i++) expect(await verify(h, 's1')).toBe('accepted');
		expect(h.state.reads).toBe(1);
	});

	it('a rotated secret works at once: the refusal by the cached copy reads the credential again', async () => {
		const h = host({ secret: 'old' }, { credentialId: 'c1' });
		expect(await verify(h, 'old')).toBe('accepted');
		h.set({ secret: 'new' });
		expect(await verify(h, 'new')).toBe('accepted');
		expect(h.state.reads).toBe(2);
		expect(await verify(h, 'old')).toBe('refused');
	});

	it(`a removed secret is accepted for at most ${CREDENTIAL_CACHE_SECONDS} s`, async () => {
		jest.useFakeTimers({ now: 1_760_000_000_000 });
		const h = host({ secret: 'old' }, { credentialId: 'c1' });
		expect(await verify(h, 'old')).toBe('accepted');
		h.set({ secret: 'new' });
		jest.setSystemTime(1_760_000_000_000 + CREDENTIAL_CACHE_SECONDS * 1000 - 1);
		expect(await verify(h, 'old')).toBe('accepted');
		jest.setSystemTime(1_760_000_000_000 + CREDENTIAL_CACHE_SECONDS * 1000);
		expect(await verify(h, 'old')).toBe('refused');
	});

	it('keeps workflows and credentials apart', async () => {
		const a = host({ secret: 'a' }, { credentialId: 'c1', workflowId: 'wf-a' });
		const b = host({ secret: 'b' }, { credentialId: 'c1', workflowId: 'wf-b' });
		const c = host({ secret: 'c' }, { credentialId: 'c2', workflowId: 'wf-a' });
		expect(await verify(a, 'a')).toBe('accepted');
		expect(await verify(b, 'a')).toBe('refused');
		expect(await verify(c, 'a')).toBe('refused');
		expect(await verify(c, 'c')).toBe('accepted');
	});

	it('does not cache a credential it cannot identify', async () => {
		const h = host({ secret: 's1' });
		await verify(h, 's1');
		await verify(h, 's1');
		expect(h.state.reads).toBe(2);
	});

	it('a credential n8n cannot read: the error propagates, or the delivery is refused when failing closed', async () => {
		const h = host(new Error('Credential not found'), { credentialId: 'c1' });
		await expect(verify(h, 's1')).rejects.toThrow('Credential not found');
		expect(await verify(h, 's1', true)).toBe('refused');
		h.set({ secret: 's1' });
		expect(await verify(h, 's1')).toBe('accepted');
		// Deleted after being cached: refused deliveries read again and fail closed.
		h.set(new Error('Credential not found'));
		expect(await verify(h, 'forged', true)).toBe('refused');
		expect(await verify(h, 's1', true)).toBe('refused');
	});
});
