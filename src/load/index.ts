export { loadYamlFile, loadYamlText, diagnosticAt, type LoadedDocument, type LoadResult } from './load-yaml.ts';
export { defaultLoadLimits, type LoadLimits } from './limits.ts';
export { findPair, offsetOf, offsetInScalar, linePosition, type Anchor } from './locate.ts';
export { readSource, formatBytes } from './source.ts';
export { resolveScriptName, type ResolvedScriptName } from './script-names.ts';
