export interface Service {
	id: string;
	name: string;
	vendor: string;
	title: string;
	description: string;
	keywords: string[];
	nodes: string[];
}
export interface Manifest {
	name: string;
	version: string;
	description: string;
	keywords: string[];
	license: string;
	author: unknown;
	repository: { type: string; url: string; directory?: string };
	files: string[];
	n8n: { n8nNodesApiVersion: number; strict: boolean; credentials: string[]; nodes: string[] };
	peerDependencies: Record<string, string>;
	dependencies?: Record<string, string>;
}
export declare const packaging: {
	SERVICES: Service[];
	BUNDLE: string;
	ROOT: string;
	entriesOf(service: Service): { nodes: string[]; credentials: string[] };
	distFilesOf(service: Service): string[];
	foreignFiles(service: Service, files: string[]): string[];
	ownerFolderOf(file: string): { kind: string; name: string } | undefined;
	manifestOf(service: Service): Manifest;
	readmeSections(readme: string): Array<{ services: string[]; lead: boolean; text: string }>;
	readmeOf(service: Service, readme?: string): string;
	requireGraph(entries: string[], root?: string): Set<string>;
};
export declare function ensureBuilt(): void;
export declare function stageToTemp(service: Service): { dir: string; files: string[] };
export declare function readIn(dir: string, file: string): string;
export declare function removeDir(dir: string): void;
export declare function runMigrate(
	args: string[],
	input?: string,
): { status: number | null; stdout: string; stderr: string };
export declare function tempFile(name: string, text: string): string;
export declare function nodeTypeNameOf(nodeFile: string): string;
export declare function committedManifest(service: Service): string | undefined;
