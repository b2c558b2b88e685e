/**
 * A vendor's epoch timestamp in milliseconds. Vendors send seconds or milliseconds; values above
 * 1e11 cannot be seconds before the year 5138, so they are read as milliseconds.
 */
export const epochMs = (value: number): number => (value > 1e11 ? value : value * 1000);
