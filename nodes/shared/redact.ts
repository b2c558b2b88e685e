/**
 * The one mark that stands for a value kept out of output: a delivery's request headers ("Include
 * Headers"), the secret parts of a hook the Currents Webhooks node outputs, and secrets cut from
 * error messages all read the same, so that a user (or a workflow filtering on it) learns one word.
 */
export const REDACTED = '[redacted]';

/**
 * Cutting known secrets (an API key, a header value sent) out of text that may be stored or shown:
 * a vendor's error message may quote them back. An API quotes a value as it serialises it, so the
 * JSON-escaped and URL-encoded spellings are cut as well as the literal one, and so is any run of
 * FRAGMENT_LENGTH or more characters of a secret: an API that shortens what it echoes
 * ("Token qase-live-4f1c… is expired") still gives away a prefix worth guessing from.
 */

/** Secrets shorter than this say nothing on their own and are left alone. */
export const MIN_SECRET_LENGTH = 3;
/** The shortest part of a secret that is cut out of a text where the whole secret is not. */
export const FRAGMENT_LENGTH = 8;

/** The spellings under which `secret` may appear in a message. */
function spellingsOf(secret: string): string[] {
	const spellings = new Set([secret, JSON.stringify(secret).slice(1, -1)]);
	try {
		spellings.add(encodeURIComponent(secret));
	} catch {
		// A lone surrogate cannot be URL-encoded, and so is not sent that way either.
	}
	return [...spellings];
}

/** Marks, in `cut`, every run of `text` of at least FRAGMENT_LENGTH characters found in `spelling`. */
function markFragments(text: string, spelling: string, cut: boolean[]): void {
	if (spelling.length < FRAGMENT_LENGTH) return;
	for (let start = 0; start + FRAGMENT_LENGTH <= spelling.length; start++) {
		const window = spelling.slice(start, start + FRAGMENT_LENGTH);
		for (let at = text.indexOf(window); at >= 0; at = text.indexOf(window, at + 1)) {
			let end = at + FRAGMENT_LENGTH;
			while (
				end < text.length &&
				start + (end - at) < spelling.length &&
				text[end] === spelling[start + (end - at)]
			)
				end++;
			for (let i = at; i < end; i++) cut[i] = true;
		}
	}
}

/** Marks every occurrence of `spelling` (whole) in `text`. */
function markWhole(text: string, spelling: string, cut: boolean[]): void {
	for (let at = text.indexOf(spelling); at >= 0; at = text.indexOf(spelling, at + 1))
		for (let i = at; i < at + spelling.length; i++) cut[i] = true;
}

/**
 * `text` with every spelling of each secret, and every long enough part of one, replaced by
 * `marker` (one marker per contiguous cut). Secrets shorter than MIN_SECRET_LENGTH are ignored.
 */
export function redactSecrets(
	text: string,
	secrets: readonly unknown[],
	marker: string = REDACTED,
): string {
	const cut: boolean[] = new Array<boolean>(text.length).fill(false);
	let any = false;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		for (const spelling of spellingsOf(secret)) {
			markWhole(text, spelling, cut);
			markFragments(text, spelling, cut);
		}
		any = true;
	}
	if (!any || !cut.includes(true)) return text;
	let out = '';
	for (let i = 0; i < text.length; i++) {
		if (!cut[i]) out += text[i];
		else if (i === 0 || !cut[i - 1]) out += marker;
	}
	return out;
}
