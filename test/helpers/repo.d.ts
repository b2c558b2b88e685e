/** The UTF-8 text of `relativePath` (from the repository root). */
export declare function readRepoFile(relativePath: string): string;
