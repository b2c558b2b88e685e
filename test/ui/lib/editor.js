'use strict';
// Drives n8n's editor (1.123 and 2.x) the way a user does. Selectors are n8n's own data-test-id
// attributes (the ones n8n's Playwright suite uses) and visible texts.

const { waitFor } = require('../../e2e/host');

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const optionName = (p, value) =>
	(p.options || []).find((o) => o.value === value)?.name ?? String(value);

/** Opens the select behind `input` and returns its list's entries and their titles. */
async function openSelect(page, input) {
	const listbox = page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
	const items = listbox.locator('[role="option"]');
	// A click toggles the list, and one that lands while the list is still fading out leaves it
	// closed: the select is clicked when it says it is closed (aria-expanded), or when it has said
	// open for a whole attempt without showing its entries.
	let openWithoutEntries = false;
	for (let attempt = 0; attempt < 5; attempt++) {
		const expanded = (await input.getAttribute('aria-expanded').catch(() => null)) === 'true';
		if (!expanded || openWithoutEntries || !(await listbox.isVisible())) await input.click();
		const shown = await items
			.first()
			.waitFor({ timeout: 5000 })
			.then(
				() => true,
				() => false,
			);
		if (shown) break;
		openWithoutEntries =
			(await input.getAttribute('aria-expanded').catch(() => null)) === 'true' &&
			!openWithoutEntries;
	}
	await items.first().waitFor({ timeout: 5000 });
	const read = () =>
		items.evaluateAll((els) =>
			els.map((e) => (e.querySelector('.option-headline') || e).textContent.trim()),
		);
	return { listbox, items, read };
}

/** Opens the select behind `input` and clicks its entry whose title is exactly `name`. */
async function pickFromSelect(page, input, name, { multiple = false } = {}) {
	const { listbox, items, read } = await openSelect(page, input);
	const titles = await read();
	const index = titles.indexOf(name);
	if (index < 0) throw new Error(`no entry "${name}" among: ${titles.join(' | ')}`);
	// A DOM click, as the option's own handler takes it: under load the list keeps re-laying out
	// and never counts as "stable" for a pointer click.
	await items.nth(index).evaluate((e) => e.click());
	if (!multiple) await listbox.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
}

const ndv = (page) => page.getByTestId('ndv');
const field = (page, name) =>
	ndv(page).getByTestId(`parameter-input-${name}`).filter({ visible: true }).first();

/** The "Add Option" control of a collection parameter (a select on 1.x, a button on some 2.x). */
function collectionAdder(page, p) {
	const label = p.placeholder || 'Add Option';
	return ndv(page)
		.locator(`input[placeholder="${label}"], button:has-text("${label}")`)
		.filter({ visible: true })
		.first();
}

async function isShown(page, p) {
	if (p.type === 'collection')
		return (await collectionAdder(page, p).count()) > 0 || (await field(page, p.name).count()) > 0;
	if (p.type === 'notice') {
		return (
			(await ndv(page)
				.getByText(p.displayName.slice(0, 60), { exact: false })
				.filter({ visible: true })
				.count()) > 0
		);
	}
	return (
		(await ndv(page).getByTestId(`parameter-input-${p.name}`).filter({ visible: true }).count()) > 0
	);
}

/** The value the panel shows for a parameter, in the words the user sees. */
async function shownValue(page, p) {
	const f = field(page, p.name);
	switch (p.type) {
		case 'boolean':
			return (await f.locator('.el-switch.is-checked').count()) > 0;
		case 'options':
			return await f.locator('input').first().inputValue();
		case 'multiOptions':
			return await f.innerText();
		case 'resourceLocator':
			return await f.locator('input').first().inputValue();
		default:
			return await f.locator('input, textarea').first().inputValue();
	}
}

/** Sets a parameter through its control; for multiOptions `value` is added (kept if present). */
async function setParameter(page, p, value) {
	const f = field(page, p.name);
	await f.waitFor();
	switch (p.type) {
		case 'boolean': {
			if ((await shownValue(page, p)) !== value) await f.locator('.el-switch').click();
			break;
		}
		case 'options': {
			if ((await shownValue(page, p)) === optionName(p, value)) break;
			await pickFromSelect(page, f.locator('input').first(), optionName(p, value));
			break;
		}
		case 'multiOptions': {
			if (
				(await shownValue(page, p))
					.split('\n')
					.map((s) => s.trim())
					.includes(optionName(p, value))
			)
				break;
			const input = f.locator('input').first();
			await pickFromSelect(page, input, optionName(p, value), { multiple: true });
			await input.press('Escape');
			break;
		}
		case 'number':
		case 'string': {
			const input = f.locator('input, textarea').first();
			await input.fill(String(value));
			// Blurred, not tabbed out of: Tab would focus (and open) the next control, such as a
			// collection's "Add Field" select whose list then covers the parameters below.
			await input.blur();
			break;
		}
		default:
			throw new Error(`no setter for ${p.type}`);
	}
}

/** Whether the panel shows the value as set (multiOptions: contains it). */
async function showsValue(page, p, value) {
	const shown = await shownValue(page, p);
	if (p.type === 'boolean') return shown === value;
	if (p.type === 'multiOptions')
		return shown
			.split('\n')
			.map((s) => s.trim())
			.includes(optionName(p, value));
	if (p.type === 'options') return shown === optionName(p, value);
	return String(shown) === String(value);
}

async function closeDialog(page) {
	const dialog = page.getByTestId('editCredential-modal').filter({ visible: true }).first();
	await dialog.locator('.el-dialog__headerbtn, button[aria-label="Close"]').first().click();
	await dialog.waitFor({ state: 'hidden' });
}

/** Opens the panel of the node on the canvas (double-click), unless it is open. */
async function openNode(page, displayName) {
	if (await ndv(page).isVisible()) return;
	await page.getByTestId('canvas-node').filter({ hasText: displayName }).first().dblclick();
	await ndv(page).waitFor();
}

/** Opens a credential select's dropdown (a click toggles it) and clicks "Create new credential". */
async function openCreateCredential(page, input) {
	const create = page.getByTestId('node-credentials-select-item-new').filter({ visible: true });
	for (let attempt = 0; attempt < 4; attempt++) {
		if ((await create.count()) !== 1) await input.click();
		try {
			await create.click({ timeout: 3000 });
			return;
		} catch {
			// closed again by the click (an earlier dropdown still fading out): try once more
		}
	}
	throw new Error('the credential dropdown did not offer "Create new credential"');
}

/** What a credential select showed, for an error message: its value, whether n8n calls it open, the lists shown. */
async function credentialSelectState(page, input) {
	const value = await input.inputValue().catch((e) => `(unreadable: ${e.message.split('\n')[0]})`);
	const expanded = await input.getAttribute('aria-expanded').catch(() => null);
	const lists = await page
		.locator('[role="listbox"]')
		.filter({ visible: true })
		.evaluateAll((els) => els.map((e) => e.id || e.className))
		.catch(() => []);
	return `value "${value}", aria-expanded ${expanded}, visible lists [${lists.join(', ')}]`;
}

/**
 * Opens a credential select's list (the one that offers "Create new credential"). Returns false when
 * n8n filled the select in the meantime: n8n 2.x refetches the usable credentials whenever the list
 * opens (NodeCredentials' onVisibleChange), and a node left with no credential at all then gets the
 * most recently updated one assigned (its watcher on the credential options, useCanvasOperations'
 * newest-credential pick), which closes the list that was opening. A click toggles the list, so a
 * list that does not show is clicked again, a bounded number of times; then it fails with what each
 * attempt saw.
 */
async function openCredentialList(page, input) {
	const create = page.getByTestId('node-credentials-select-item-new').filter({ visible: true });
	const seen = [];
	for (let attempt = 0; attempt < 4; attempt++) {
		if ((await create.count()) === 0) await input.click();
		const shown = await create
			.first()
			.waitFor({ timeout: 5000 })
			.then(
				() => true,
				() => false,
			);
		if (shown) {
			if (seen.length)
				process.stderr.write(`[editor] credential list opened after: ${seen.join('; ')}\n`);
			return true;
		}
		seen.push(`attempt ${attempt + 1}: ${await credentialSelectState(page, input)}`);
		if ((await input.inputValue().catch(() => '')) !== '') {
			process.stderr.write(
				`[editor] n8n filled the credential select itself: ${seen.join('; ')}\n`,
			);
			return false;
		}
	}
	throw new Error(`the credential list did not open: ${seen.join('; ')}`);
}

/**
 * Picks the existing credential in each shown credential selector left empty, as a user does: n8n
 * 2.x drops a node's credential while a setting hides its selector and does not restore it when
 * the selector is shown again. Returns the credentials picked.
 */
async function pickEmptyCredentials(page) {
	const selects = ndv(page).getByTestId('node-credentials-select').filter({ visible: true });
	const picked = [];
	for (let i = 0; i < (await selects.count()); i++) {
		const input = selects.nth(i).locator('input').first();
		if ((await input.inputValue()) !== '') continue;
		if (!(await openCredentialList(page, input))) continue;
		const existing = page
			.locator(
				'[data-test-id^="node-credentials-select-item-"]:not([data-test-id="node-credentials-select-item-new"])',
			)
			.filter({ visible: true });
		// None of this type yet (1.x shows an empty select before the first one is created).
		if ((await existing.count()) === 0) {
			await input.click();
			continue;
		}
		// n8n 2.x may assign a credential itself while its list is open (below): the click then finds
		// the list gone, and the select shows n8n's choice.
		await existing
			.first()
			.click({ timeout: 5000 })
			.catch(() => undefined);
		const value = await waitFor(async () => await input.inputValue());
		if (!value)
			throw new Error(`no credential picked: ${await credentialSelectState(page, input)}`);
		picked.push(value);
	}
	return picked;
}

/** Waits for the credential test's outcome in the dialog: 'success', 'failure' or 'closed'. */
async function testOutcome(dialog, { closedIsDone }) {
	const success = dialog
		.getByTestId('credentials-config-container-test-success')
		.filter({ visible: true });
	const failure = dialog
		.getByText(/Couldn.t connect|could not connect|error/i)
		.filter({ visible: true });
	const waits = [
		success
			.first()
			.waitFor({ timeout: 60000 })
			.then(() => 'success'),
		failure
			.first()
			.waitFor({ timeout: 60000 })
			.then(() => 'failure'),
	];
	if (closedIsDone)
		waits.push(dialog.waitFor({ state: 'hidden', timeout: 60000 }).then(() => 'closed'));
	return await Promise.any(waits).catch(() => 'timeout');
}

/**
 * Creates a credential of `credentialType` from its own selector in the panel ("Credential for
 * <type>": a select, or on 2.x a "Connect to ..." button while none exists), fills the dialog, saves
 * it (n8n then runs the credential's test) and returns n8n's "Connection tested successfully".
 */
async function createCredential(page, credentialType, values, options = {}) {
	const labels = ndv(page).getByTestId('credentials-label').filter({ visible: true });
	let label = labels.filter({ hasText: `Credential for ${credentialType.displayName}` });
	// n8n labels the selector of a node's only, unconditional credential "Credential to connect with".
	if ((await label.count()) === 0 && (await labels.count()) === 1 && options.onlyCredential)
		label = labels;
	if ((await label.count()) === 0) {
		const shown = await ndv(page)
			.getByTestId('credentials-label')
			.filter({ visible: true })
			.allInnerTexts();
		throw new Error(
			`no selector for ${credentialType.displayName} in the panel (shown: ${shown.map((t) => t.split('\n')[0]).join(' | ') || 'none'})`,
		);
	}
	const select = label.getByTestId('node-credentials-select');
	if ((await select.count()) > 0) await openCreateCredential(page, select.locator('input').first());
	else
		await label
			.getByRole('button')
			.filter({ hasText: /Connect|Create|Set up/i })
			.first()
			.click();
	const dialog = page.getByTestId('editCredential-modal').filter({ visible: true }).first();
	await dialog.getByTestId('credential-save-button').waitFor();
	await dialog.getByText(credentialType.displayName, { exact: true }).waitFor({ timeout: 10000 });
	for (const [name, value] of Object.entries(values)) {
		await dialog
			.getByTestId(`parameter-input-${name}`)
			.locator('input, textarea')
			.first()
			.fill(String(value));
	}
	await dialog.getByTestId('credential-save-button').click();
	// Saving runs the credential's test; n8n shows either its success tag or the error. n8n 2.x
	// closes the dialog of a credential just created from a node once its test passed: opened again
	// (its edit button beside the selector), n8n tests it again and shows the result.
	let result = await testOutcome(dialog, { closedIsDone: true });
	if (result === 'closed') {
		await label.getByTestId('credential-edit-button').click();
		await dialog.getByTestId('credential-save-button').waitFor();
		result = await testOutcome(dialog, { closedIsDone: false });
	}
	const ok = result === 'success';
	const success = dialog.getByTestId('credentials-config-container-test-success');
	const message = ok
		? (await success.first().innerText()).trim()
		: ((await dialog.textContent({ timeout: 5000 }).catch(() => '')) ?? '').slice(0, 400);
	await closeDialog(page);
	if (!ok) throw new Error(`${credentialType.displayName}: the test did not succeed: ${message}`);
	const selected = await label
		.getByTestId('node-credentials-select')
		.locator('input')
		.first()
		.inputValue()
		.catch(() => '');
	return { message, selected };
}

async function newWorkflow(page, baseUrl) {
	await page.goto(`${baseUrl}/workflow/new`);
	await page.getByTestId('canvas-plus-button').waitFor({ timeout: 120000 });
}

/**
 * Opens the nodes panel, searches for `displayName`, picks our entry (n8n lists a trigger under its
 * name without "Trigger") and its first action. Returns the names the search listed, with
 * `entries`: what the node's own view listed under its "Triggers" or "Actions" (none when n8n
 * added the node at once).
 */
async function addNodeBySearch(page, displayName) {
	await page.getByTestId('canvas-plus-button').click();
	const search = page.getByTestId('node-creator-search-bar');
	await search.fill(displayName.replace(/ Trigger$/, ''));
	const items = page.getByTestId('node-creator').getByTestId('node-creator-item-name');
	// The list is filtered as the search box is typed into: read it once it shows our node.
	const isTrigger = / Trigger$/.test(displayName);
	const wanted = [displayName, displayName.replace(/ Trigger$/, '')];
	await items
		.filter({ hasText: new RegExp(`^\\s*(${wanted.map(escapeRegExp).join('|')})\\s*$`) })
		.first()
		.waitFor();
	const listed = (await items.allInnerTexts()).map((t) => t.trim());
	listed.entries = [];
	const index = listed.findIndex(
		(name) => name === displayName || name === displayName.replace(/ Trigger$/, ''),
	);
	if (index < 0)
		throw new Error(`"${displayName}" is not among the search results: ${listed.join(' | ')}`);
	await items.nth(index).click();
	// The node's own view (header with its name, then its trigger events or operations) replaces the
	// search results, or the node is added at once: pick the first entry of the view.
	const view = page
		.getByTestId('node-creator')
		.filter({ has: page.getByTestId('nodes-list-header') });
	await view.or(ndv(page)).first().waitFor();
	if (await view.isVisible()) {
		// The view's own category ("Triggers (n)" or "Actions (n)") is rendered after its header.
		await view
			.getByTestId('node-creator-category-item')
			.filter({ hasText: isTrigger ? /Triggers?\s*\(/ : /Actions?\s*\(/ })
			.first()
			.waitFor();
		// For a node without triggers, n8n lists suggested triggers (schedule, manual) before the
		// node's "Actions": take the first entry of our node's own category (by its name: the search
		// results sliding out are still in the page for a moment).
		const entries = await view.evaluate((root, isTrigger) => {
			const items = root.querySelectorAll(
				'[data-test-id="node-creator-category-item"], [data-test-id="item-iterator-item"]',
			);
			const wanted = isTrigger ? /^Triggers?\b/i : /^Actions?\b/i;
			const found = [];
			let inCategory = false;
			for (const e of items) {
				if (e.offsetParent === null) continue;
				if (e.getAttribute('data-test-id') === 'node-creator-category-item')
					inCategory = wanted.test(e.textContent.trim());
				// A node with several resources lists its actions under section labels ("Case
				// Actions"), which are items without an icon.
				else if (inCategory && e.querySelector('img, svg')) found.push(e.textContent.trim());
			}
			return found;
		}, isTrigger);
		listed.entries = entries;
		const name = entries[0];
		if (!name)
			throw new Error(`the view of ${displayName} lists no ${isTrigger ? 'trigger' : 'action'}`);
		await view
			.getByTestId('item-iterator-item')
			.filter({ visible: true })
			.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) })
			.first()
			.click();
	}
	if (
		!(await ndv(page)
			.waitFor({ timeout: 30000 })
			.then(
				() => true,
				() => false,
			))
	) {
		// n8n names a new action node after the action it was added with ("Create a run"), a
		// trigger after the node; the canvas may draw it a moment after the pick.
		const names = [displayName, ...(isTrigger ? [] : listed.entries.slice(0, 1))];
		const named = page
			.getByTestId('canvas-node')
			.filter({ hasText: new RegExp(names.map(escapeRegExp).join('|')) })
			.first();
		await named.waitFor({ timeout: 30000 });
		await named.dblclick();
		await ndv(page).waitFor();
	}
	return listed;
}

/** Sets a parameter (or each option of a collection) to `value` through the UI and reads it back. */
async function exercise(page, p, value, { triggerNode = true } = {}) {
	switch (p.type) {
		case 'notice':
			return 'shown';
		case 'collection': {
			const added = [];
			for (const option of p.options) {
				const adder = collectionAdder(page, p);
				if ((await adder.evaluate((e) => e.tagName)) === 'INPUT')
					await pickFromSelect(page, adder, option.displayName);
				else {
					// A button: adds the only option at once (1.x), or opens a menu of options (2.x).
					await adder.click();
					if (
						!(await shownOption(page, option)
							.waitFor({ timeout: 3000 })
							.then(
								() => true,
								() => false,
							))
					) {
						await page
							.locator(
								'[role="menuitem"]:visible, [role="option"]:visible, .el-dropdown-menu__item:visible',
							)
							.filter({ hasText: option.displayName })
							.first()
							.evaluate((e) => e.click());
					}
				}
				await shownOption(page, option).waitFor();
				const v = otherOptionValue(option);
				if (v !== undefined) {
					await setParameter(page, option, v);
					if (!(await showsValue(page, option, v)))
						throw new Error(`${option.name} did not take ${v}`);
					added.push(`${option.displayName}=${v}`);
				} else added.push(option.displayName);
			}
			return `added ${added.join(', ')}`;
		}
		case 'resourceLocator': {
			const f = field(page, p.name);
			// The value box beside the mode selector ("From list").
			const input = f.getByTestId('rlc-input').or(f.locator('input').nth(1)).first();
			await input.click();
			const item = page.getByTestId('rlc-item').filter({ visible: true }).first();
			await item.waitFor();
			const text = (await item.innerText()).trim();
			await item.click();
			const shown =
				(await waitFor(async () => (await input.inputValue().catch(() => '')).trim())) ||
				(await f.innerText());
			// The box shows the picked project's name, or its id once the list has been read before.
			if (!shown.trim()) throw new Error(`picked "${text}", field shows "${shown}"`);
			return `picked ${shown} from the list`;
		}
		default: {
			if (p.type === 'options' || p.type === 'multiOptions') {
				// The list must be the description's options, nothing added by the editor (such as the
				// "Custom API Call" n8n appends to a resource list of nodes with an API credential).
				const listed = await listedOptions(page, p);
				const declared = p.options.map((o) => o.name);
				// n8n offers it on purpose in action nodes with an API credential (it points to the HTTP
				// Request node); a trigger must not list it.
				const extra = listed.filter(
					(n) => !declared.includes(n) && !(n === 'Custom API Call' && !triggerNode),
				);
				const missing = declared.filter((n) => !listed.includes(n));
				if (extra.length || missing.length)
					throw new Error(
						`the list differs from the description: extra [${extra.join(', ')}], missing [${missing.join(', ')}]`,
					);
			}
			if (value === undefined) return 'nothing else to pick';
			await setParameter(page, p, value);
			if (!(await showsValue(page, p, value)))
				throw new Error(`shows ${await shownValue(page, p)} after setting ${value}`);
			return `set to ${typeof value === 'boolean' ? value : optionName(p, value)}`;
		}
	}
}

/** An added collection option: its input, or for nested collections (headers) its labelled block. */
function shownOption(page, option) {
	if (option.type === 'fixedCollection' || option.type === 'collection') {
		return ndv(page)
			.getByText(option.displayName, { exact: true })
			.filter({ visible: true })
			.first();
	}
	return field(page, option.name);
}

/** The entries the select of an options parameter lists (opened, read, closed again). */
async function listedOptions(page, p) {
	const input = field(page, p.name).locator('input').first();
	const listbox = page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
	if (!(await listbox.isVisible())) await input.click();
	const items = listbox.locator('[role="option"]');
	await items.first().waitFor();
	const titles = await items.evaluateAll((els) =>
		els.map((e) => (e.querySelector('.option-headline') || e).textContent.trim()),
	);
	await input.press('Escape');
	await listbox.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
	return titles;
}

function otherOptionValue(o) {
	if (o.type === 'boolean') return !o.default;
	if (o.type === 'number')
		return Math.max(Number(o.default || 0) + 1, o.typeOptions?.minValue ?? 0);
	if (o.type === 'string') return `ui-${o.name}`;
	if (o.type === 'multiOptions')
		return (o.options || []).map((x) => x.value).find((v) => !(o.default || []).includes(v));
	return undefined;
}

/** Top-level options and switches back to their defaults (the panel as a new user sees it). */
async function resetToDefaults(page, properties) {
	for (const p of properties) {
		if (!['options', 'boolean'].includes(p.type)) continue;
		if (
			(await ndv(page)
				.getByTestId(`parameter-input-${p.name}`)
				.filter({ visible: true })
				.count()) === 0
		)
			continue;
		await setParameter(page, p, p.default);
	}
}

/** The parameters panel (title to last parameter), for screenshots. */
async function panelClip(page) {
	const title = await ndv(page).getByTestId('node-title-container').boundingBox();
	const params = await ndv(page).getByTestId('node-parameters').boundingBox();
	const top = Math.max(0, title.y - 12);
	const bottom = Math.min(params.y + params.height, (page.viewportSize()?.height ?? 860) - 4);
	const left = Math.max(0, Math.min(title.x, params.x) - 16);
	const right = Math.max(title.x + title.width, params.x + params.width) + 16;
	return { x: left, y: top, width: right - left, height: bottom - top };
}

async function closeNdv(page) {
	if (!(await ndv(page).isVisible())) return;
	await page.getByTestId('back-to-canvas').or(page.getByTestId('ndv-close-button')).first().click();
	await ndv(page).waitFor({ state: 'hidden' });
}

/** Saves the workflow and activates it (1.x: the Active switch; 2.x: Publish). Returns its id. */
async function saveAndActivate(page) {
	const save = page.getByTestId('workflow-save-button');
	if (await save.isEnabled().catch(() => false)) await save.click();
	await page.waitForURL(/\/workflow\/(?!new)[^/?#]+/);
	const workflowId = page.url().match(/\/workflow\/([^/?#]+)/)[1];
	const toggle = page.getByTestId('workflow-activate-switch');
	if (await toggle.isVisible()) {
		await toggle.click();
		// n8n 1.x tells a user about production URLs in a modal after activation (first time only).
		const active = page
			.getByTestId('workflow-activator-status')
			.getByText('Active', { exact: true });
		const gotIt = page.getByRole('button', { name: 'Got it' });
		await gotIt.or(active).first().waitFor();
		if (await gotIt.isVisible()) await gotIt.click();
		await active.waitFor();
	} else {
		// n8n 2.x: Publish opens a dialog whose Publish button activates the workflow.
		await page.getByTestId('workflow-open-publish-modal-button').click();
		const confirm = page.getByTestId('workflow-publish-button');
		await confirm.click();
		await confirm.waitFor({ state: 'hidden' });
	}
	return workflowId;
}

/** The output panel's JSON view, once it shows data. */
async function outputJson(output) {
	await output.getByTestId('radio-button-json').click();
	const data = output.getByTestId('ndv-data-container');
	// The JSON view replaces the table once rendered: its text starts with the array's bracket.
	await data.getByText('[', { exact: false }).first().waitFor();
	return await data.innerText();
}

/** Runs the open node ("Execute step" in its panel) and returns its output as the JSON view shows it. */
async function executeStepOutput(page) {
	await ndv(page).getByTestId('node-execute-button').click();
	const output = ndv(page).getByTestId('output-panel');
	await output.getByTestId('radio-button-json').waitFor({ timeout: 60000 });
	return await outputJson(output);
}

/**
 * Opens the workflow's newest execution in the Executions tab and returns the trigger node's output
 * as the output panel's JSON view shows it.
 */
async function openLatestExecutionOutput(page, baseUrl, workflowId, nodeName) {
	await page.goto(`${baseUrl}/workflow/${workflowId}/executions`);
	const item = page
		.locator('.execution-card')
		.or(page.getByTestId('current-executions-list').locator('a'))
		.first();
	await item.waitFor({ timeout: 60000 });
	// n8n 2.x opens the newest execution by itself (its card is marked active), and a popover of
	// the executions list ("More info") may lie over the cards and take a pointer click: the card is
	// clicked as its own handler takes it, and only when it is not open already.
	const active = await item.evaluate((e) => /(^|[\s_])active(_|\s|$)/.test(e.className));
	if (!active) await item.evaluate((e) => e.click());
	// n8n 1.x previews the execution in an iframe; n8n 2.x draws it in the page itself.
	const scopes = [page.frameLocator('iframe').first(), page];
	const nodeIn = (scope) => scope.getByTestId('canvas-node').filter({ hasText: nodeName }).first();
	const scope = await Promise.any(
		scopes.map((s) =>
			nodeIn(s)
				.waitFor({ timeout: 60000 })
				.then(() => s),
		),
	).catch(async () => {
		// What the page showed instead, for the report and the artifacts.
		const drawn = [];
		for (const f of page.frames())
			drawn.push(
				`${f.url()}: ${JSON.stringify(await f.locator('[data-test-id="canvas-node"]').allInnerTexts())}`,
			);
		throw new Error(
			`no canvas node "${nodeName}" in the execution view; drawn: ${drawn.join('; ')}`,
		);
	});
	await nodeIn(scope).dblclick();
	const output = scope.getByTestId('output-panel');
	await output.waitFor();
	return await outputJson(output);
}

/**
 * Opens a saved workflow, fits it into the view (n8n's "Zoom to Fit", shortcut 1) and returns the
 * names of the nodes the canvas draws.
 */
async function openWorkflowCanvas(page, baseUrl, workflowId) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	const nodes = page.getByTestId('canvas-node');
	await nodes.first().waitFor({ timeout: 120000 });
	await page.getByTestId('zoom-to-fit').click();
	// The fit animates the viewport: wait until the nodes stop moving.
	let last = '';
	for (;;) {
		const now = JSON.stringify(await nodes.first().boundingBox());
		if (now === last) break;
		last = now;
		await page.waitForTimeout(150);
	}
	return await nodes.evaluateAll((els) =>
		els.map((e) => e.getAttribute('data-node-name') || e.textContent.trim()),
	);
}

/** The canvas area (below the header, right of the sidebar), at most 1280x720, for screenshots. */
async function canvasClip(page) {
	const box = await page
		.getByTestId('canvas-wrapper')
		.or(page.locator('#canvas'))
		.first()
		.boundingBox();
	return {
		x: box.x,
		y: box.y,
		width: Math.min(box.width, 1280),
		height: Math.min(box.height, 720),
	};
}

/**
 * Adds "No Operation, do nothing" after the node's output (the + on its output handle) and opens
 * it: its input panel is where n8n shows the node's schema preview before any execution.
 */
async function addNoOpAfter(page) {
	await page.getByTestId('canvas-handle-plus').first().click();
	await page.getByTestId('node-creator-search-bar').fill('No Operation');
	await page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: /^\s*No Operation, do nothing\s*$/ })
		.first()
		.click();
	await ndv(page).waitFor();
}

/** The text of the open panel's input side (its schema view, with n8n's "Preview" label). */
async function inputPanelText(page, parentName) {
	const input = page.getByTestId('ndv-input-panel');
	await input.getByText(parentName, { exact: true }).first().waitFor();
	return await input.innerText();
}

module.exports = {
	addNoOpAfter,
	inputPanelText,
	pickEmptyCredentials,
	executeStepOutput,
	openWorkflowCanvas,
	canvasClip,
	closeNdv,
	saveAndActivate,
	openLatestExecutionOutput,
	newWorkflow,
	addNodeBySearch,
	exercise,
	resetToDefaults,
	panelClip,
	createCredential,
	openNode,
	closeDialog,
	ndv,
	field,
	isShown,
	setParameter,
	shownValue,
	showsValue,
	pickFromSelect,
	listedOptions,
	optionName,
	waitFor,
};
