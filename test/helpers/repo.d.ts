/** The UTF-8 text of `relativePath` (from the repository root). */
export declare function readRepoFile(relativePath: string): string;

/** The bytes of `relativePath` (from the repository root), e.g. a committed screenshot. */
export declare function readRepoBytes(relativePath: string): Buffer;

/** The value of a `={{ … }}` subtitle expression's body with `$parameter` bound. */
export declare function evaluateSubtitle(
	body: string,
	parameters: Record<string, unknown>,
): unknown;
