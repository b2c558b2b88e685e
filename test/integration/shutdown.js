'use strict';
// n8n-core's execution contexts create two singletons with intervals (SSH client cleanup, cron
// logging) in its DI container. n8n stops them on shutdown; the integration tests do the same
// after their last execution, so jest exits on its own instead of needing --forceExit.
const { Container } = require('@n8n/di');
const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
const { ScheduledTaskManager } = require('n8n-core/dist/execution-engine/scheduled-task-manager');

function shutdownN8nCore() {
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
	if (Container.has(ScheduledTaskManager)) Container.get(ScheduledTaskManager).deregisterAllCrons();
}

module.exports = { shutdownN8nCore };
