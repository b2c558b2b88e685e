/** The UTF-8 text of `relativePath` (from the repository root). */
export declare function readRepoFile(relativePath: string): string;

/** The value of a `={{ … }}` subtitle expression's body with `$parameter` bound. */
export declare function evaluateSubtitle(
	body: string,
	parameters: Record<string, unknown>,
): unknown;
