/**
 * The YAML editor: CodeMirror 6 with YAML highlighting, completion and hover
 * from the action reference (GET /sim/reference), and inline diagnostics from
 * POST /sim/validate as you type.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, lintKeymap, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { EditorSelection, EditorState, StateEffect, StateField, type Text } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers, type DecorationSet, type Tooltip } from '@codemirror/view';
import type { ActionReference, Diagnostic, Reference, ValidateResponse } from './types.ts';
import { actionIds, actionLine, contextAt, wordAt } from './yaml-context.ts';

export interface EditorOptions {
  /** Validates the text; undefined when the request failed (the caller shows why). */
  validate(source: string): Promise<ValidateResponse | undefined>;
  /** Called with each validation of the text now in the editor. */
  validated(source: string, result: ValidateResponse): void;
  /** The action reference, once loaded. */
  reference(): Reference | undefined;
}

/** Keys an action itself may have, for completion and hover. */
const actionKeys: Record<string, string> = {
  type: 'The action type, e.g. Menu, CustomEvent, Reqagent.',
  caption: 'The label shown in the flowchart (optional).',
  properties: "The action's settings: which ones depend on the type.",
  branches: 'Where each outcome goes: branch name -> action id.',
  next: 'Shorthand for branches: { Default: <action id> }.',
};

/** A diagnostic's 1-based line and column as a document range: the word there, or one character. */
export function diagnosticRange(doc: Text, line: number, column: number): { from: number; to: number } {
  const docLine = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const from = docLine.from + Math.min(Math.max(column - 1, 0), docLine.length);
  const rest = doc.sliceString(from, docLine.to);
  const token = /^("[^"]*"|'[^']*'|[^\s,{}[\]]+)/.exec(rest)?.[0].length ?? 0;
  return { from, to: token > 0 ? from + token : Math.min(from + 1, docLine.to) };
}

function toLint(doc: Text, diagnostic: Diagnostic): LintDiagnostic {
  return {
    ...diagnosticRange(doc, diagnostic.line, diagnostic.column),
    severity: diagnostic.severity,
    source: diagnostic.code,
    message: diagnostic.hint ? `${diagnostic.message}\nhint: ${diagnostic.hint}` : diagnostic.message,
  };
}

function findAction(reference: Reference | undefined, type: string | null): ActionReference | undefined {
  return type === null ? undefined : reference?.actions.find((a) => a.type === type);
}

function complete(options: EditorOptions, context: CompletionContext): CompletionResult | null {
  const text = context.state.doc.toString();
  const where = contextAt(text, context.pos);
  const reference = options.reference();
  let completions: Completion[] = [];
  switch (where.kind) {
    case 'type-value':
      completions = (reference?.actions ?? []).map((a) => ({ label: a.type, type: 'class', detail: a.category, info: `${a.summary} ${a.description}` }));
      break;
    case 'action-key':
      completions = Object.entries(actionKeys).map(([key, info]) => ({ label: key, type: 'keyword', apply: `${key}: `, info }));
      break;
    case 'property-key': {
      const action = findAction(reference, where.actionType);
      completions = (action?.properties ?? []).map((p) => ({
        label: p.name,
        type: 'property',
        apply: `${p.name}: `,
        detail: p.required ? 'required' : p.default !== undefined ? `default ${JSON.stringify(p.default)}` : '',
        info: p.description,
      }));
      break;
    }
    case 'branch-key': {
      const action = findAction(reference, where.actionType);
      completions = (action?.branches ?? []).map((b) => ({ label: b.name, type: 'enum', apply: `${b.name}: `, info: b.description }));
      break;
    }
    case 'target-value':
      completions = actionIds(text)
        .filter((id) => id !== where.action || where.prefix === id)
        .map((id) => ({ label: id, type: 'variable', detail: 'action' }));
      break;
    default:
      return null;
  }
  if (completions.length === 0) return null;
  return { from: where.from, options: completions, validFor: /^[\w-]*$/ };
}

function hoverText(options: EditorOptions, text: string, pos: number): { from: number; to: number; title: string; body: string } | undefined {
  const word = wordAt(text, pos);
  if (!word) return undefined;
  const where = contextAt(text, word.to);
  const reference = options.reference();
  const span = { from: word.from, to: word.to };
  switch (where.kind) {
    case 'type-value': {
      const action = findAction(reference, word.word);
      return action && { ...span, title: `${action.type} (${action.category})`, body: `${action.summary} ${action.description}` };
    }
    case 'action-key': {
      const info = actionKeys[word.word];
      return info === undefined ? undefined : { ...span, title: word.word, body: info };
    }
    case 'property-key': {
      const property = findAction(reference, where.actionType)?.properties.find((p) => p.name === word.word);
      if (!property) return undefined;
      const facts = [property.required ? 'required' : '', property.default !== undefined ? `default ${JSON.stringify(property.default)}` : ''].filter(Boolean).join(', ');
      return { ...span, title: `${where.actionType}.${property.name}${facts ? ` (${facts})` : ''}`, body: property.description };
    }
    case 'branch-key': {
      const action = findAction(reference, where.actionType);
      const branch = action?.branches.find((b) => b.name === word.word);
      if (branch) return { ...span, title: `${action?.type} branch ${branch.name}`, body: branch.description };
      if (action?.valueBranches && new RegExp(action.valueBranches.pattern).test(word.word)) return { ...span, title: `${action.type} value branch "${word.word}"`, body: action.valueBranches.description };
      return undefined;
    }
    case 'target-value': {
      const line = actionLine(text, word.word);
      return line === undefined ? undefined : { ...span, title: `goes to ${word.word}`, body: `The action on line ${line + 1}.` };
    }
    default:
      return undefined;
  }
}

/** Marks the line of the action a call is at (or none), so the text shows where the call is too. */
const setCurrentLine = StateEffect.define<number | null>();
const currentLineMark = Decoration.line({ class: 'cm-current-action' });
const currentLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setCurrentLine)) continue;
      const line = effect.value;
      next = line === null || line > transaction.state.doc.lines ? Decoration.none : Decoration.set([currentLineMark.range(transaction.state.doc.line(line).from)]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export interface PlaygroundEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  /** Moves the cursor to a 1-based line and column, scrolls there and focuses the editor. */
  goTo(line: number, column: number): void;
  /** Moves the cursor to where an action's id is written. */
  goToAction(actionId: string): boolean;
  /** Marks the line of the action a call is at; null clears the mark. */
  markAction(actionId: string | null): void;
}

export function createEditor(parent: HTMLElement, options: EditorOptions): PlaygroundEditor {
  const validation = linter(
    async (view) => {
      const source = view.state.doc.toString();
      const result = await options.validate(source);
      // The text changed while the request was out: the next lint run covers it.
      if (!result || view.state.doc.toString() !== source) return [];
      options.validated(source, result);
      return result.diagnostics.map((d) => toLint(view.state.doc, d));
    },
    { delay: 300 },
  );
  const hover = hoverTooltip((view, pos): Tooltip | null => {
    const found = hoverText(options, view.state.doc.toString(), pos);
    if (!found) return null;
    return {
      pos: found.from,
      end: found.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'hover-help';
        const title = dom.appendChild(document.createElement('strong'));
        title.textContent = found.title;
        const body = dom.appendChild(document.createElement('p'));
        body.textContent = found.body;
        return { dom };
      },
    };
  });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        bracketMatching(),
        closeBrackets(),
        indentUnit.of('  '),
        EditorState.tabSize.of(2),
        yaml(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        autocompletion({ override: [(context) => complete(options, context)] }),
        hover,
        validation,
        lintGutter(),
        currentLine,
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
        // The pane is narrow and prompts and comments are long: wrap rather than scroll sideways.
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'Script (YAML)' }),
      ],
    }),
  });

  let markedLine: number | null = null;
  const goTo = (line: number, column: number) => {
    const { from } = diagnosticRange(view.state.doc, line, column);
    view.dispatch({ selection: EditorSelection.cursor(from), effects: EditorView.scrollIntoView(from, { y: 'center' }) });
    view.focus();
  };

  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: EditorSelection.cursor(0) });
    },
    goTo,
    goToAction(actionId) {
      const line = actionLine(view.state.doc.toString(), actionId);
      if (line === undefined) return false;
      const text = view.state.doc.line(line + 1).text;
      goTo(line + 1, text.length - text.trimStart().length + 1);
      return true;
    },
    markAction(actionId) {
      const line = actionId === null ? undefined : actionLine(view.state.doc.toString(), actionId);
      const wanted = line === undefined ? null : line + 1;
      if (wanted === markedLine) return;
      markedLine = wanted;
      const effects: StateEffect<unknown>[] = [setCurrentLine.of(wanted)];
      view.dispatch({ effects });
      // Follow the call through the text, unless the person is typing in it: the action's line
      // near the top, so its properties below are in view. Only the editor scrolls, never the page
      // (on a narrow screen that would carry the keypad out of sight).
      if (wanted !== null && !view.hasFocus) {
        const top = view.lineBlockAt(view.state.doc.line(wanted).from).top;
        view.scrollDOM.scrollTo({ top: Math.max(0, top - 2 * view.defaultLineHeight) });
      }
    },
  };
}
