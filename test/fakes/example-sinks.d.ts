import type { FakeServer } from './currents-api';

export declare function createChatSink(): FakeServer;
export declare function createGithubFake(options?: {
	token?: string;
}): FakeServer & { reset?: () => void };
export declare function createOpenAiFake(options?: { reply?: string }): FakeServer;
export interface SmtpMessage {
	from: string | null;
	to: string[];
	data: string;
}
export declare function createSmtpSink(): {
	messages: SmtpMessage[];
	listen(): Promise<number>;
	close(): Promise<void>;
};
