// What the tests use of the vendor's agent SDK, exactly as its packages export it.
export { CXoneLeaderElector } from '@nice-devone/common-sdk';
export { ACDSessionManager, AdminService } from '@nice-devone/core-sdk';
export { ContactService, VoiceControlService } from '@nice-devone/agent-sdk';
export { AgentStateService } from '@nice-devone/acd-sdk';
export { CXoneAuth } from '@nice-devone/auth-sdk';
