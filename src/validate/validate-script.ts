import { type Diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { defaultLoadLimits, diagnosticAt, loadYamlFile, loadYamlText, type LoadedDocument, type LoadLimits, type LoadResult } from '../load/index.ts';
import { checkAgainstSchema } from './schema-check.ts';
import { schemaValidator } from './schema-file.ts';
import { readActions, readVariables, type Script } from './script-model.ts';
import { scriptVocabulary } from './script-vocabulary.ts';
import { checkScriptSemantics } from './semantic.ts';
import { checkCalledScripts } from './called-scripts.ts';

export interface ScriptResult {
  /** Present when there are no errors (warnings allowed). */
  script?: Script;
  /** Every problem found, in file order. */
  diagnostics: Diagnostic[];
  /** The text that was read, for code frames. */
  text?: string;
}

/** Most diagnostics reported for one file; a hostile file could otherwise produce millions. */
export const maxDiagnosticsPerFile = 200;

function finish(diagnostics: Diagnostic[], document: LoadedDocument | undefined, text = document?.text): ScriptResult {
  let sorted = sortDiagnostics(diagnostics);
  if (sorted.length > maxDiagnosticsPerFile) {
    const dropped = sorted.length - maxDiagnosticsPerFile;
    const last = sorted[maxDiagnosticsPerFile - 1] as Diagnostic;
    sorted = sorted.slice(0, maxDiagnosticsPerFile);
    sorted.push({ ...last, code: 'too-many-problems', severity: hasErrors(sorted) ? 'error' : 'warning', message: `${dropped} more problems not shown`, hint: 'Fix the problems above and validate again.' });
  }
  if (!document || hasErrors(sorted)) return text === undefined ? { diagnostics: sorted } : { diagnostics: sorted, text };
  const { actions } = readActions(document.data);
  const begin = [...actions.values()].find((a) => a.type === 'Begin');
  const script: Script = {
    name: document.data['name'] as string,
    mediaType: typeof document.data['mediaType'] === 'string' ? document.data['mediaType'] : 'Phone',
    variables: readVariables(document.data),
    actions,
    begin: (begin as { id: string }).id,
    source: document,
  };
  if (typeof document.data['description'] === 'string') script.description = document.data['description'];
  return { script, diagnostics: sorted, text: document.text };
}

function problemsOf(document: LoadedDocument, limits: Partial<LoadLimits>): Diagnostic[] {
  const maxActions = limits.maxActions ?? defaultLoadLimits.maxActions;
  const actions = document.data['actions'];
  const count = actions !== null && typeof actions === 'object' ? Object.keys(actions).length : 0;
  if (count > maxActions) {
    // Checking a script this size would take long and say little; the limit says what to do.
    return [
      diagnosticAt(document, ['actions'], 'key', {
        code: 'too-many-actions',
        severity: 'error',
        message: `The script has ${count} actions, over the limit of ${maxActions}`,
        hint: 'Split the script, or raise the limit with --max-actions <count>.',
      }),
    ];
  }
  const schemaProblems = checkAgainstSchema(document, schemaValidator('script.schema.json'), scriptVocabulary(document.data));
  return [...schemaProblems, ...checkScriptSemantics(document)];
}

function fromLoad(loaded: LoadResult, limits: Partial<LoadLimits>): ScriptResult {
  if (!loaded.document) return finish(loaded.diagnostics, undefined, loaded.text);
  return finish([...loaded.diagnostics, ...problemsOf(loaded.document, limits)], loaded.document);
}

/** Schema and semantic checks of a loaded YAML document. */
export function validateScriptDocument(document: LoadedDocument, limits: Partial<LoadLimits> = {}): ScriptResult {
  return finish(problemsOf(document, limits), document);
}

export function validateScriptText(text: string, file: string, limits: Partial<LoadLimits> = {}): ScriptResult {
  return fromLoad(loadYamlText(text, file, limits), limits);
}

/** `file` is the name diagnostics show (default: the path). */
export function validateScriptFile(path: string, limits: Partial<LoadLimits> = {}, file = path): ScriptResult {
  const result = fromLoad(loadYamlFile(path, limits, file), limits);
  if (!result.script) return result;
  // The scripts it calls are looked for beside the file, so only a script read from a file can check them.
  const called = checkCalledScripts(result.script, path);
  return called.length === 0 ? result : finish([...result.diagnostics, ...called], result.script.source);
}
