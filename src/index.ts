/** studio-sim as a library: load, validate (and, as they land, compile and simulate) scripts in-process. */
export type { Diagnostic, Severity, PathSegment } from './diagnostics/diagnostic.ts';
export { hasErrors, formatPath, sortDiagnostics } from './diagnostics/diagnostic.ts';
export { formatDiagnostic, codeFrame } from './diagnostics/format.ts';
export { loadYamlFile, loadYamlText, defaultLoadLimits, type LoadLimits, type LoadedDocument, type LoadResult } from './load/index.ts';
export { validateScriptFile, validateScriptText, validateScriptDocument, buildScriptSchema, type Script, type ScriptResult } from './validate/index.ts';
export { actionDefinitions, actionDefinition, actionTypes, type ActionDefinition, type ScriptAction } from './actions/index.ts';
export { parseExpression, parseTemplate, type Expression, type TemplatePart } from './expression/index.ts';
export { main } from './cli/main.ts';
export type { CliIo } from './cli/io.ts';
