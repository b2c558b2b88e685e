'use strict';
// What the browser suite checks, derived from the built node descriptions (dist/), so a parameter,
// option or credential added later is covered without touching the suite.
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..', '..');

/** The package's node types, as n8n loads them (the classes in dist/). */
function loadNodeTypes() {
	const pkg = require(path.join(ROOT, 'package.json'));
	return pkg.n8n.nodes.map((file) => {
		const mod = require(path.join(ROOT, file));
		const NodeClass = Object.values(mod).find((v) => typeof v === 'function');
		return new NodeClass();
	});
}

function loadCredentialTypes() {
	const pkg = require(path.join(ROOT, 'package.json'));
	const out = {};
	for (const file of pkg.n8n.credentials) {
		const mod = require(path.join(ROOT, file));
		const CredentialClass = Object.values(mod).find((v) => typeof v === 'function');
		const c = new CredentialClass();
		out[c.name] = c;
	}
	return out;
}

const optionValues = (p) => (p.options || []).map((o) => o.value);

/** The version n8n gives a node added from the nodes panel: its defaultVersion, else the newest. */
function addedVersion(description) {
	const v = description.version;
	return description.defaultVersion ?? (Array.isArray(v) ? Math.max(...v) : v);
}

/** Whether one entry of a displayOptions value list (a plain value or n8n's `{_cnd: {op: x}}`) matches. */
function conditionMatches(entry, value) {
	if (!entry || typeof entry !== 'object' || !('_cnd' in entry)) return entry === value;
	return Object.entries(entry._cnd).every(([op, x]) => {
		switch (op) {
			case 'eq':
				return value === x;
			case 'not':
				return value !== x;
			case 'gte':
				return value >= x;
			case 'lte':
				return value <= x;
			case 'gt':
				return value > x;
			case 'lt':
				return value < x;
			case 'between':
				return value >= x.from && value <= x.to;
			default:
				throw new Error(`displayOptions condition _cnd.${op} is not supported by the suite`);
		}
	});
}

/** Whether displayOptions' `@version` rules let its owner show on a node of `version`. */
function versionShows(displayOptions, version) {
	const show = displayOptions?.show?.['@version'];
	const hide = displayOptions?.hide?.['@version'];
	if (show && !show.some((e) => conditionMatches(e, version))) return false;
	if (hide && hide.some((e) => conditionMatches(e, version))) return false;
	return true;
}

/** A value of parameter `p` that a `hide` rule listing `hidden` does not hide. */
function valueOutside(p, hidden) {
	if (!p) throw new Error('hide rule on an unknown parameter');
	if (p.type === 'boolean') return !hidden.some((e) => conditionMatches(e, true));
	const v = optionValues(p).find((o) => !hidden.some((e) => conditionMatches(e, o)));
	if (v === undefined) throw new Error(`no value of ${p.name} escapes its hide rule`);
	return v;
}

/**
 * The definition of `name` that is shown under the assignments made so far (on a node of
 * `version`, when given: n8n shows only the definitions its `@version` rules allow).
 */
function definitionOf(properties, name, assigned, version) {
	const all = properties.filter(
		(p) => p.name === name && (version === undefined || versionShows(p.displayOptions, version)),
	);
	return (
		all.find((p) =>
			Object.entries(p.displayOptions?.show || {}).every(
				([k, vals]) =>
					k === '@version' ||
					!assigned.has(k) ||
					vals.some((e) => conditionMatches(e, assigned.get(k))),
			),
		) || all[0]
	);
}

/**
 * The parameter assignments, parents first, under which `displayOptions` shows its owner: for each
 * `show` key one of its values (the given choice or the first), for each `hide` key a value outside it.
 */
function conditionsFor(properties, displayOptions, choice = {}, assigned = new Map(), version) {
	const steps = [];
	const add = (name, value) => {
		if (assigned.has(name)) return;
		assigned.set(name, value);
		const owner = definitionOf(properties, name, assigned, version);
		// A hidden parameter cannot be set through the panel: it keeps its fixed default, which a
		// condition on it must name (the triggers' Output is shown for resource "delivery").
		if (owner?.type === 'hidden') {
			if (!conditionMatches(value, owner.default))
				throw new Error(`${name} is hidden and never ${JSON.stringify(value)}`);
			return;
		}
		if (owner?.displayOptions)
			steps.push(...conditionsFor(properties, owner.displayOptions, {}, assigned, version));
		steps.push([name, value]);
	};
	for (const [name, values] of Object.entries(displayOptions?.show || {})) {
		if (name === '@version') continue;
		add(name, name in choice ? choice[name] : values[0]);
	}
	for (const [name, values] of Object.entries(displayOptions?.hide || {})) {
		if (name === '@version') continue;
		add(name, valueOutside(definitionOf(properties, name, assigned, version), values));
	}
	return steps;
}

/** Every combination of one value per `show` key (the conditions a parameter's description promises). */
function showCombinations(displayOptions) {
	let combos = [{}];
	for (const [name, values] of Object.entries(displayOptions?.show || {})) {
		if (name === '@version') continue;
		combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
	}
	return combos;
}

/** A value that differs from the default, to prove the parameter can be set. */
function otherValue(p) {
	switch (p.type) {
		case 'options':
			return optionValues(p).find((v) => v !== p.default) ?? p.default;
		case 'multiOptions':
			return optionValues(p).find((v) => !(p.default || []).includes(v));
		case 'boolean':
			return !p.default;
		case 'number':
			return Math.max(Number(p.default || 0) + 1, p.typeOptions?.minValue ?? 0);
		case 'string':
			return `ui-${p.name}`;
		default:
			return undefined;
	}
}

/**
 * The checks for one node type at the version n8n adds it with: each credential under the
 * conditions that show it, then each parameter (and each option of a collection) under each
 * combination of its `show` values. What `@version` keeps off that version is not expected.
 */
function checksFor(nodeType) {
	const d = nodeType.description;
	const version = addedVersion(d);
	const props = d.properties.filter((p) => versionShows(p.displayOptions, version));
	const checks = [];
	for (const cred of d.credentials || []) {
		if (!versionShows(cred.displayOptions, version)) continue;
		checks.push({
			kind: 'credential',
			name: cred.name,
			conditions: conditionsFor(props, cred.displayOptions, {}, new Map(), version),
			testedBy: cred.testedBy,
		});
	}
	for (const p of props) {
		// A hidden parameter holds a fixed value n8n never draws (the triggers' `resource`, which only
		// steers the editor's schema preview): nothing for a user to reach.
		if (p.type === 'hidden') continue;
		for (const choice of showCombinations(p.displayOptions)) {
			const conditions = conditionsFor(props, p.displayOptions, choice, new Map(), version);
			const label = Object.keys(choice).length
				? Object.entries(choice)
						.map(([k, v]) => `${k}=${v}`)
						.join(', ')
				: '';
			checks.push({
				kind: 'parameter',
				name: p.name,
				property: p,
				conditions,
				when: label,
				value: otherValue(p),
			});
		}
	}
	return checks;
}

module.exports = {
	addedVersion,
	versionShows,
	conditionMatches,
	loadNodeTypes,
	loadCredentialTypes,
	checksFor,
	conditionsFor,
	otherValue,
	definitionOf,
	ROOT,
};
