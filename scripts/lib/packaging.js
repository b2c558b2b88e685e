'use strict';
// Derives a single-service package from the built bundle (dist/) and the service map
// (scripts/lib/services.js): its files, package.json and README, and stages it into a folder that
// `npm pack` and `n8n-node lint` run in. Plain JS: it needs the file system, which n8n's Cloud
// rules keep out of the TypeScript sources.
const fs = require('node:fs');
const path = require('node:path');

const { SERVICES, BUNDLE } = require('./services');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE_PACKAGES = path.join(ROOT, '.cache', 'packages');

const bundleManifest = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const posix = (p) => p.split(path.sep).join('/');

/** Relative `require("./x")` targets of a compiled file, resolved as Node resolves them. */
function requiresOf(root, file) {
	const text = fs.readFileSync(path.join(root, file), 'utf8');
	const out = [];
	for (const m of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
		const base = path.join(path.dirname(file), m[1]);
		const hit = [base, `${base}.js`, `${base}.json`, path.join(base, 'index.js')].find(
			(c) => fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile(),
		);
		if (!hit) throw new Error(`${file}: cannot resolve require("${m[1]}")`);
		out.push(posix(hit));
	}
	return out;
}

/** Every compiled file reachable from the entry files through relative require() calls. */
function requireGraph(entries, root = ROOT) {
	const seen = new Set();
	const queue = [...entries];
	while (queue.length) {
		const file = queue.shift();
		if (seen.has(file)) continue;
		if (!fs.existsSync(path.join(root, file))) throw new Error(`missing ${file} (npm run build?)`);
		seen.add(file);
		queue.push(...requiresOf(root, file));
	}
	return seen;
}

/** All files under a folder, relative to root. */
function walk(root, dir) {
	const abs = path.join(root, dir);
	if (!fs.existsSync(abs)) return [];
	return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
		const rel = posix(path.join(dir, e.name));
		return e.isDirectory() ? walk(root, rel) : [rel];
	});
}

/**
 * What n8n loads beside the compiled code: the icons a file names as `file:` paths (relative to
 * that file), each node's codex file (`X.node.json`) and its output-schema previews (`__schema__/`).
 */
function assetsOf(jsFiles, nodeEntries, root = ROOT) {
	const assets = new Set();
	for (const file of jsFiles) {
		const text = fs.readFileSync(path.join(root, file), 'utf8');
		for (const m of text.matchAll(/["'`]file:([^"'`]+)["'`]/g)) {
			const asset = posix(path.join(path.dirname(file), m[1]));
			if (!fs.existsSync(path.join(root, asset)))
				throw new Error(`${file} names the missing file ${asset}`);
			assets.add(asset);
		}
	}
	for (const entry of nodeEntries) {
		const codex = entry.replace(/\.js$/, '.json');
		if (fs.existsSync(path.join(root, codex))) assets.add(codex);
		for (const f of walk(root, posix(path.join(path.dirname(entry), '__schema__')))) assets.add(f);
	}
	return assets;
}

/** The credential type names a compiled node declares, in any of its versions. */
function credentialNamesOf(nodeFile) {
	const mod = require(path.join(ROOT, nodeFile));
	const names = new Set();
	for (const Cls of Object.values(mod)) {
		if (typeof Cls !== 'function') continue;
		const node = new Cls();
		const descriptions = node.nodeVersions
			? Object.values(node.nodeVersions).map((v) => v.description)
			: [node.description];
		for (const d of descriptions) for (const c of d?.credentials ?? []) names.add(c.name);
	}
	return names;
}

/** The bundle's credential files, by the credential type name each declares. */
function credentialFilesByName() {
	const byName = new Map();
	for (const file of bundleManifest().n8n.credentials) {
		const mod = require(path.join(ROOT, file));
		for (const Cls of Object.values(mod)) {
			if (typeof Cls === 'function') byName.set(new Cls().name, file);
		}
	}
	return byName;
}

/** The service's nodes and the credential files they use, as listed in its package.json. */
function entriesOf(service) {
	const byName = credentialFilesByName();
	const credentials = new Set();
	for (const node of service.nodes) {
		for (const name of credentialNamesOf(node)) {
			const file = byName.get(name);
			if (!file) throw new Error(`${node} uses credential ${name}, which the bundle does not list`);
			credentials.add(file);
		}
	}
	return { nodes: [...service.nodes], credentials: [...credentials].sort() };
}

/** The dist files of a service's package: its entry files' require() graph and their assets. */
function distFilesOf(service) {
	const { nodes, credentials } = entriesOf(service);
	const code = requireGraph([...nodes, ...credentials]);
	return [...new Set([...code, ...assetsOf(code, nodes)])].sort();
}

/** Relative imports of a TypeScript source, type-only ones included (they vanish from the .js). */
function importsOf(root, file) {
	const text = fs.readFileSync(path.join(root, file), 'utf8');
	const out = [];
	for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
		const base = path.join(path.dirname(file), m[1]);
		const hit = [`${base}.ts`, path.join(base, 'index.ts'), base].find(
			(c) => fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile(),
		);
		if (!hit) throw new Error(`${file}: cannot resolve import '${m[1]}'`);
		out.push(posix(hit));
	}
	return out;
}

/**
 * The sources behind a package's dist files, for `n8n-node lint` in its staging folder: each
 * compiled file's .ts, the .ts files those import (type-only imports included), and the icons and
 * codex files as they are in the source tree. Generated previews (__schema__) have no source.
 */
function sourceFilesOf(distFiles) {
	const seen = new Set();
	const queue = [];
	for (const f of distFiles) {
		const rel = f.replace(/^dist\//, '');
		if (rel.includes('/__schema__/')) continue;
		if (rel.endsWith('.js')) queue.push(rel.replace(/\.js$/, '.ts'));
		else seen.add(rel);
	}
	while (queue.length) {
		const file = queue.shift();
		if (seen.has(file)) continue;
		seen.add(file);
		if (file.endsWith('.ts')) queue.push(...importsOf(ROOT, file));
	}
	return [...seen].sort();
}

/**
 * The folder owning a file of a package: `nodes/<Folder>` or `credentials/<File>`, without `dist/`.
 * Returns undefined for anything else (package.json, README.md, LICENSE).
 */
function ownerFolderOf(file) {
	const m = /^(?:dist\/)?(nodes|credentials)\/([^/]+)/.exec(file);
	return m ? { kind: m[1], name: m[2] } : undefined;
}

/** Files of a package that belong to another vendor's folder (must be none). */
function foreignFiles(service, files) {
	const others = SERVICES.filter((s) => s.id !== service.id).map((s) => s.vendor);
	return files.filter((f) => {
		const owner = ownerFolderOf(f);
		return owner && others.some((v) => owner.name.startsWith(v));
	});
}

/** package.json of a single-service package: the bundle's metadata, the service's own content. */
function manifestOf(service) {
	const bundle = bundleManifest();
	const { nodes, credentials } = entriesOf(service);
	return {
		name: service.name,
		version: bundle.version,
		description: service.description,
		keywords: ['n8n-community-node-package', 'n8n', ...service.keywords],
		license: bundle.license,
		homepage: bundle.homepage,
		author: bundle.author,
		repository: { ...bundle.repository, directory: `packages/${service.id}` },
		bugs: bundle.bugs,
		engines: bundle.engines,
		files: ['dist', 'README.md', 'LICENSE'],
		n8n: {
			n8nNodesApiVersion: bundle.n8n.n8nNodesApiVersion,
			strict: true,
			credentials,
			nodes,
		},
		peerDependencies: { 'n8n-workflow': '*' },
	};
}

// README.md marks what goes into which package's README: a line `<!-- package: qase, currents -->`
// tags the section after it for those services (`all` = every service; the bundle ships README.md
// whole). A tagged section starting with a heading runs until the next heading of the same or a
// higher level; one starting with text (a `lead` paragraph) until the next heading, after which the
// section around it, if any, resumes. `<!-- /package -->` ends a section early. A service's README is
// its title and description, its `lead` sections, then the rest in README order, then the license.
const OPEN = /^<!-- package: ([a-z, ]+?)( lead)? -->$/;
const CLOSE = '<!-- /package -->';

/** The tagged sections of README.md, in order: { services, lead, text }. Throws on a malformed marker. */
function readmeSections(readme) {
	const sections = [];
	const stack = [];
	readme.split('\n').forEach((line, i) => {
		const where = `README.md:${i + 1}`;
		const m = OPEN.exec(line.trim());
		if (m) {
			const services = m[1].split(',').map((s) => s.trim());
			for (const s of services)
				if (s !== 'all' && !SERVICES.some((x) => x.id === s))
					throw new Error(`${where}: unknown service "${s}"`);
			const section = { services, lead: Boolean(m[2]), level: null, lines: [], where };
			sections.push(section);
			stack.push(section);
			return;
		}
		if (line.trim() === CLOSE) {
			if (!stack.length) throw new Error(`${where}: ${CLOSE} without an opening marker`);
			stack.pop();
			return;
		}
		if (line.includes('<!-- package') || line.includes('<!-- /package'))
			throw new Error(`${where}: unreadable package marker: ${line.trim()}`);
		const heading = /^(#{1,6}) /.exec(line);
		if (heading) {
			const level = heading[1].length;
			const top = stack[stack.length - 1];
			if (top && top.level === null && !top.lead && top.lines.every((l) => !l.trim())) {
				top.level = level;
				// A section the new one does not nest in (same or deeper heading, or a lead) ends here.
				for (let j = stack.length - 2; j >= 0; j--)
					if (stack[j].level === null || stack[j].level >= level) stack.splice(j, 1);
			} else {
				while (
					stack.length &&
					(stack[stack.length - 1].level === null || level <= stack[stack.length - 1].level)
				)
					stack.pop();
			}
		}
		if (stack.length) stack[stack.length - 1].lines.push(line);
	});
	return sections.map(({ services, lead, lines, where }) => ({
		services,
		lead,
		where,
		text: lines.join('\n').trim(),
	}));
}

/** A service's README, from README.md's sections marked for it (or `all`). */
function readmeOf(service, readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')) {
	const mine = readmeSections(readme).filter(
		(s) => s.services.includes(service.id) || s.services.includes('all'),
	);
	const empty = mine.find((s) => !s.text);
	if (empty) throw new Error(`${empty.where}: an empty package section`);
	if (!mine.some((s) => s.services.includes(service.id)))
		throw new Error(`README.md has no section marked for ${service.id}`);
	const ordered = [...mine.filter((s) => s.lead), ...mine.filter((s) => !s.lead)];
	// Install commands and type names in shared sections name the bundle; here, this package.
	const body = ordered
		.map((s) => s.text.replace(new RegExp(`\\b${BUNDLE}\\b(?!-)`, 'g'), service.name))
		.join('\n\n');
	// Relative links point into the repository, not into the published package (npm resolves them
	// against repository.directory, packages/<id>).
	const blob = `${bundleManifest()
		.repository.url.replace(/^git\+/, '')
		.replace(/\.git$/, '')}/blob/main/`;
	const linked = body.replace(/\]\((?!https?:|#)([^)]+)\)/g, (_m, target) => `](${blob}${target})`);
	return (
		`# ${service.name}\n\n${service.description}\n\n` +
		`Part of [${BUNDLE}](${bundleManifest().homepage}), which ships this service's nodes together ` +
		`with the others in one package; this package holds only the ${service.title} nodes. Its ` +
		`README's "Which package?" says which to install and how to move a saved workflow from one to ` +
		`the other (node types name their package: \`${service.name}.…\` here, \`${BUNDLE}.…\` there).\n\n` +
		`${linked}\n\n## License\n\n${bundleManifest().license}\n`
	);
}

/** Rewrites a codex file's node type (`n8n-nodes-testops.x`) to the package's own name. */
function codexFor(service, text) {
	const codex = JSON.parse(text);
	codex.node = codex.node.replace(/^[^.]+\./, `${service.name}.`);
	return JSON.stringify(codex, null, '\t') + '\n';
}

/**
 * Writes a service's package into `dir`: package.json, README.md, LICENSE, its dist files, and the
 * sources behind them with n8n's stock eslint config for `n8n-node lint` (npm pack leaves those
 * out: `files` lists dist, README.md and LICENSE). Returns the dist file list.
 */
function stage(service, dir) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const dist = distFilesOf(service);
	const sources = sourceFilesOf(dist);
	for (const rel of [...dist, ...sources]) {
		const target = path.join(dir, rel);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		if (rel.endsWith('.node.json')) {
			fs.writeFileSync(target, codexFor(service, fs.readFileSync(path.join(ROOT, rel), 'utf8')));
		} else {
			fs.copyFileSync(path.join(ROOT, rel), target);
		}
	}
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(manifestOf(service), null, '\t') + '\n',
	);
	fs.writeFileSync(path.join(dir, 'README.md'), readmeOf(service));
	for (const f of ['LICENSE', 'eslint.config.mjs', 'tsconfig.json'])
		fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
	return dist;
}

/** The committed copy of a service's package.json (what n8n's verification looks up by name). */
const committedManifestPath = (service) => path.join(ROOT, 'packages', service.id, 'package.json');

module.exports = {
	SERVICES,
	BUNDLE,
	ROOT,
	CACHE_PACKAGES,
	requireGraph,
	distFilesOf,
	sourceFilesOf,
	entriesOf,
	foreignFiles,
	ownerFolderOf,
	manifestOf,
	readmeSections,
	readmeOf,
	codexFor,
	stage,
	walk,
	committedManifestPath,
};
