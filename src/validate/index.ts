export { validateScriptDocument, validateScriptFile, validateScriptText, maxDiagnosticsPerFile, type ScriptResult } from './validate-script.ts';
export type { Script, BranchRef } from './script-model.ts';
export { buildScriptSchema, actionIdPattern, mediaTypes } from './build-schema.ts';
export { checkAgainstSchema, plainVocabulary, pointerToPath, type PathVocabulary } from './schema-check.ts';
export { schemaValidator, schemaPath, readSchema } from './schema-file.ts';
export { reachableFrom, variablesSet } from './semantic.ts';
