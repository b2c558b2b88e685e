export interface SignedDelivery {
	rawBody: string;
	headers: Record<string, string>;
}

export declare function signDelivery(opts: {
	secret: string;
	body: object | string;
	id?: string;
	timestamp?: number;
}): SignedDelivery;

export declare function sendDelivery(
	url: string,
	opts: {
		secret?: string;
		body: object | string;
		id?: string;
		timestamp?: number;
		headers?: Record<string, string | undefined>;
		rawBody?: string;
	},
): Promise<{
	status: number;
	body: unknown;
	headers: Record<string, string>;
	sent: { headers: Record<string, string>; rawBody: string };
}>;
