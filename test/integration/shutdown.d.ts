/** Stops the n8n-core services that keep timers, as n8n does on shutdown. */
export declare function shutdownN8nCore(): void;
