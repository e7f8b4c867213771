/**
 * studio-sim/server: the HTTP server of `studio-sim serve` (the vendor's agent
 * API and the playground) for embedding in a Node program. Its types use
 * Node's, so a TypeScript project importing it needs @types/node.
 */
export { createServer, defaultServerLimits, type ServerOptions, type StudioSimServer } from './server/app.ts';
export { ControlledClock, RealClock, type ClockMode, type ClockSpeed } from './server/clock.ts';
export { listen, requestListener } from './server/node.ts';
export { loadTokens, randomToken, type Role } from './server/tokens.ts';
export { createOutgoing, type FetchFunction } from './server/outgoing.ts';
