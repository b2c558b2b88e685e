import { createHmac, type KeyObject } from 'node:crypto';

/** The `v1,<base64>` Standard Webhooks signature of one message: HMAC-SHA256 of `id.timestamp.body`. */
export function signStandardWebhook(
	key: Buffer | KeyObject,
	id: string,
	timestamp: number | string,
	rawBody: Buffer | string,
): string {
	const mac = createHmac('sha256', key);
	mac.update(`${id}.${timestamp}.`);
	mac.update(rawBody);
	return `v1,${mac.digest('base64')}`;
}
