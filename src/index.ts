/**
 * studio-sim as a library: load, validate, compile and run scripts in-process.
 * Its types need nothing from Node's (@types/node); the HTTP server, which
 * does, is the separate entry `studio-sim/server`.
 */
export type { Diagnostic, Severity, PathSegment } from './diagnostics/diagnostic.ts';
export { hasErrors, formatPath, sortDiagnostics } from './diagnostics/diagnostic.ts';
export { formatDiagnostic, codeFrame } from './diagnostics/format.ts';
export { loadYamlFile, loadYamlText, defaultLoadLimits, type LoadLimits, type LoadedDocument, type LoadResult } from './load/index.ts';
export { validateScriptFile, validateScriptText, validateScriptDocument, buildScriptSchema, type Script, type ScriptResult } from './validate/index.ts';
export { actionDefinitions, actionDefinition, actionTypes, type ActionDefinition, type ScriptAction } from './actions/index.ts';
export { parseExpression, parseTemplate, parseSnippet, runSnippet, builtinFunctions, type Expression, type TemplatePart, type Statement, type SnippetResult } from './expression/index.ts';
export { main } from './cli/main.ts';
export type { CliIo } from './cli/io.ts';
export { loadScript, loadScriptText, loadScenario, loadScenarioText, runScript, defaultScenarioPath, type LoadedScript, type LoadedScenario } from './api.ts';
export { compileScript, type CompiledScript } from './compile/compile.ts';
export { simulate } from './runtime/simulate.ts';
export { VirtualClock, type RuntimeClock } from './runtime/clock.ts';
export { AgentEventStream, type CustomEventResult, type Delivery, type PollAnswer } from './runtime/event-stream.ts';
export type { RunReport, RunReason, Step, CustomEventTrace, AgentReport, WorldEvent } from './runtime/report.ts';
export type { AgentEvent, AgentStateName } from './runtime/agent-events.ts';
export { emptyScenario, type Scenario, type AgentSpec } from './validate/scenario.ts';
export { simulateContacts, buildReport } from './runtime/simulate.ts';
export { validateScenarioText, validateScenarioFile } from './validate/scenario.ts';
