import { PROJECT_CODE } from '../Qase/api';
import { FieldError } from '../shared/errors';

/** Project code: 2 to 10 Latin letters or digits, starting with a letter (Qase API v1, Project.code). */
export function checkProjectCode(value: unknown, field = 'Project'): string {
	const code = typeof value === 'string' ? value.trim() : '';
	if (code === '') throw new FieldError(field, `${field} is required`);
	if (!PROJECT_CODE.test(code))
		throw new FieldError(
			field,
			`${field}: "${code.slice(0, 64)}" is not a Qase project code (2 to 10 letters or digits, starting with a letter)`,
		);
	return code;
}

/** A Qase id (int64, minimum 1): a positive safe integer, given as a number or its digits. */
export function checkId(value: unknown, field: string): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	// 0 is what an untouched number field holds.
	if (text === '' || value === 0) throw new FieldError(field, `${field} is required`);
	const n = Number(text);
	if (!/^[1-9]\d*$/.test(text) || !Number.isSafeInteger(n))
		throw new FieldError(
			field,
			`${field} must be a positive whole number, got "${text.slice(0, 64)}"`,
		);
	return n;
}

/** An optional id: empty (or 0, n8n's number default) means not set. */
export function optionalId(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	return checkId(value, field);
}

/** A list of ids: an array, or text separated by commas or spaces. */
export function checkIdList(value: unknown, field: string): number[] {
	const parts = Array.isArray(value)
		? value
		: typeof value === 'string' || typeof value === 'number'
			? String(value)
					.split(/[\s,]+/)
					.filter((s) => s !== '')
			: [];
	if (parts.length === 0) throw new FieldError(field, `${field}: give at least one ID`);
	return [...new Set(parts.map((p) => checkId(p, field)))];
}

/** A list of strings (tags, attachment hashes): an array, or text separated by commas. */
export function stringList(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value.map(String)
		: typeof value === 'string'
			? value.split(',')
			: [];
	return [...new Set(parts.map((s) => s.trim()).filter((s) => s !== ''))];
}

/** Text with a maximum length (the spec's maxLength); `required` refuses empty text. */
export function checkText(
	value: unknown,
	field: string,
	options: { max?: number; required?: boolean } = {},
): string {
	const text =
		typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	if (options.required && text.trim() === '') throw new FieldError(field, `${field} is required`);
	if (options.max !== undefined && text.length > options.max)
		throw new FieldError(
			field,
			`${field} must be at most ${options.max} characters (it has ${text.length})`,
		);
	return text;
}

/** A non-negative whole number no larger than `max` (the spec's bounds). */
export function checkCount(value: unknown, field: string, max: number): number {
	const n = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isSafeInteger(n) || n < 0 || n > max)
		throw new FieldError(
			field,
			`${field} must be a whole number from 0 to ${max}, got "${String(value).slice(0, 64)}"`,
		);
	return n;
}

/** Hex hashes Qase gives uploaded attachments (`POST /attachment/{code}` answers `hash`). */
const HASH = /^[0-9a-fA-F]{6,64}$/;

export function checkHashes(value: unknown, field: string): string[] {
	const hashes = stringList(value);
	const bad = hashes.find((h) => !HASH.test(h));
	if (bad !== undefined)
		throw new FieldError(
			field,
			`${field}: "${bad.slice(0, 64)}" is not an attachment hash (hexadecimal)`,
		);
	return hashes;
}

/** One of `allowed`, or (for Qase's custom result statuses) a lower-case slug when `slugs` is set. */
export function checkChoice(
	value: unknown,
	field: string,
	allowed: readonly string[],
	slugs = false,
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (allowed.includes(text)) return text;
	if (slugs && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(text)) return text;
	throw new FieldError(
		field,
		`${field} must be one of ${allowed.join(', ')}${slugs ? ' (or a custom status slug)' : ''}, got "${text.slice(0, 64)}"`,
	);
}
