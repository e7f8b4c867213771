/**
 * The YAML editor: CodeMirror 6 with YAML highlighting, completion and hover
 * from the action reference (GET /sim/reference), and inline diagnostics from
 * POST /sim/validate as you type.
 */
import { acceptCompletion, autocompletion, closeBrackets, closeBracketsKeymap, CompletionContext, completionKeymap, insertCompletionText, pickedCompletion, type Completion, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentUnit, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { linter, lintGutter, lintKeymap, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { EditorSelection, EditorState, Prec, StateEffect, StateField, type Text } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers, ViewPlugin, type Command, type DecorationSet, type Tooltip, type ViewUpdate } from '@codemirror/view';
import { highlightCode, highlightTemplate, type HighlightToken } from '../expression/highlight.ts';
import { codeRegionAt, codeRegionsIn, type CodeRegion } from './code-regions.ts';
import type { ActionReference, Diagnostic, Reference, ValidateResponse } from './types.ts';
import type { Handover, TextEditor } from './plain-editor.ts';
import { actionIds, actionLine, contextAt, wordAt } from './yaml-context.ts';

export interface EditorOptions {
  /** Validates the text; undefined when the request failed (the caller shows why). */
  validate(source: string): Promise<ValidateResponse | undefined>;
  /** Called with each validation of the text now in the editor. */
  validated(source: string, result: ValidateResponse): void;
  /** The action reference, once loaded. */
  reference(): Reference | undefined;
  /** The variables the script sets anywhere, as the last validation without errors found them. */
  variables(): readonly string[];
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

// --- the Studio language inside property values ----------------------------------

/** The coloured spans of a code region (Snippet code, an expression, or the {...} of a text). */
function regionTokens(doc: Text, region: CodeRegion): HighlightToken[] {
  const text = doc.sliceString(region.from, region.to);
  return region.kind === 'template' ? highlightTemplate(text, region.from) : highlightCode(text, region.from);
}

const tokenMarks = new Map<HighlightToken['kind'], Decoration>();
const markOf = (kind: HighlightToken['kind']): Decoration => {
  let mark = tokenMarks.get(kind);
  if (!mark) tokenMarks.set(kind, (mark = Decoration.mark({ class: `cm-sn-${kind}` })));
  return mark;
};

/** Re-colours the code once the reference says which properties hold code. */
const languageKnown = StateEffect.define<null>();

function codeHighlighter(options: EditorOptions) {
  const build = (view: EditorView): DecorationSet => {
    const tree = syntaxTree(view.state);
    const marks = [];
    const seen = new Set<number>();
    for (const { from, to } of view.visibleRanges) {
      for (const region of codeRegionsIn(tree, view.state.doc, options.reference(), from, to)) {
        // A region across two visible ranges is coloured once.
        if (seen.has(region.from)) continue;
        seen.add(region.from);
        for (const token of regionTokens(view.state.doc, region)) if (token.kind !== 'operator') marks.push(markOf(token.kind).range(token.from, token.to));
      }
    }
    return Decoration.set(marks, true);
  };
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view);
      }
      update(update: ViewUpdate) {
        const treeChanged = syntaxTree(update.startState) !== syntaxTree(update.state);
        const told = update.transactions.some((t) => t.effects.some((e) => e.is(languageKnown)));
        if (update.docChanged || update.viewportChanged || treeChanged || told) this.decorations = build(update.view);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}

/** Completion in code: keywords, built-in functions (with their signature) and the script's variables. */
function completeCode(options: EditorOptions, context: CompletionContext, region: CodeRegion): CompletionResult | null {
  const doc = context.state.doc;
  const language = options.reference()?.language;
  if (!language) return null;
  // Not inside a string or comment; in a text, only inside {...}.
  const inside = regionTokens(doc, region).find((t) => t.from < context.pos && context.pos <= t.to && t.kind !== 'substitution');
  if (inside && (inside.kind === 'string' || inside.kind === 'comment' || inside.kind === 'date')) return null;
  const before = doc.sliceString(region.from, context.pos);
  if (region.kind === 'template') {
    const open = before.lastIndexOf('{');
    if (open < 0 || before.lastIndexOf('}') > open) return null;
  }
  const word = /[A-Za-z_][\w$]*$/.exec(before)?.[0] ?? '';
  if (word === '' && !context.explicit && !before.endsWith('.')) return null;
  const from = context.pos - word.length;
  const afterDot = /\.\s*$/.test(before.slice(0, before.length - word.length));
  const functions: Completion[] = language.functions
    // After a dot the method form: the object is the first argument.
    .filter((f) => !afterDot || f.arity[1] >= 1)
    .map((f) => ({
      label: f.name,
      type: 'function',
      apply: `${f.name}(`,
      detail: f.signature,
      info: `${f.summary} Example: ${f.example[0]} gives ${f.example[1]}.`,
    }));
  if (afterDot) return { from, options: functions, validFor: /^[\w$]*$/ };
  const known = new Map<string, Completion>();
  for (const variable of language.systemVariables) known.set(variable.name.toLowerCase(), { label: variable.name, type: 'variable', detail: 'system variable', info: variable.description });
  for (const name of options.variables()) if (!known.has(name.toLowerCase())) known.set(name.toLowerCase(), { label: name, type: 'variable', detail: 'variable' });
  const keywords: Completion[] =
    region.kind === 'snippet' ? language.keywords.map((k) => ({ label: k.toUpperCase(), type: 'keyword', boost: -1 })) : language.keywords.filter((k) => ['and', 'or', 'not', 'true', 'false'].includes(k)).map((k) => ({ label: k, type: 'keyword', boost: -1 }));
  return { from, options: [...known.values(), ...functions, ...keywords], validFor: /^[\w$]*$/ };
}

/** Hover over a function's name in code: its signature, what it does and an example. */
function codeHover(options: EditorOptions, doc: Text, region: CodeRegion, pos: number): { from: number; to: number; title: string; body: string } | undefined {
  const token = regionTokens(doc, region).find((t) => t.from <= pos && pos < t.to);
  if (!token || token.kind !== 'function') return undefined;
  const name = doc.sliceString(token.from, token.to).toLowerCase();
  const found = options.reference()?.language.functions.find((f) => f.name === name);
  return found && { from: token.from, to: token.to, title: found.signature, body: `${found.summary} Example: ${found.example[0]} gives ${found.example[1]}.` };
}

function complete(options: EditorOptions, context: CompletionContext): CompletionResult | null {
  const region = codeRegionAt(syntaxTree(context.state), context.state.doc, options.reference(), context.pos);
  if (region) return completeCode(options, context, region);
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

/**
 * Enter picks the completion the list highlights whenever the list is on
 * screen, also while it is being redrawn. CodeMirror ignores Enter for a
 * moment after the list appears or changes, and while it asks for the list
 * again (the list stays shown, greyed); the Enter then fell through and made
 * a new line. With no list on screen, Enter is a new line as ever.
 */
function enterPicksCompletion(options: EditorOptions): Command {
  return (view) => {
    const list = view.dom.querySelector('.cm-tooltip-autocomplete');
    if (!list) return false;
    // The usual case: the list is settled (the completion config waits no moment before taking Enter).
    if (acceptCompletion(view)) return true;
    // Being asked for again: the option the person sees highlighted, from a fresh answer for the text as it is now.
    const label = list.querySelector('li[aria-selected="true"] .cm-completionLabel')?.textContent;
    if (!label) return false;
    const pos = view.state.selection.main.head;
    const result = complete(options, new CompletionContext(view.state, pos, false));
    const option = result?.options.find((o) => o.label === label);
    if (!result || !option) return false;
    // Still the word being completed: what is typed so far starts the option (as the list filters, without case).
    const typed = view.state.sliceDoc(result.from, pos);
    if (!option.label.toLowerCase().startsWith(typed.toLowerCase())) return false;
    const apply = typeof option.apply === 'string' ? option.apply : option.label;
    view.dispatch({ ...insertCompletionText(view.state, apply, result.from, result.to ?? pos), annotations: pickedCompletion.of(option) });
    return true;
  };
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
      return action && { ...span, title: `${action.type} (${action.category})`, body: `${action.summary} ${action.description}${action.scriptTypes ? ` Script types: ${action.scriptTypes}.` : ''}` };
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

export interface PlaygroundEditor extends TextEditor {
  view: EditorView;
}

/**
 * The full editor in `parent`. It loads after the page is drawn, in place of
 * the plain text area the person may have typed in already: `start` carries
 * that text, cursor and focus over.
 */
export function createEditor(parent: HTMLElement, options: EditorOptions, start?: Handover): PlaygroundEditor {
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
    const region = codeRegionAt(syntaxTree(view.state), view.state.doc, options.reference(), pos);
    const found = region ? codeHover(options, view.state.doc, region, pos) : hoverText(options, view.state.doc.toString(), pos);
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
      doc: start?.text ?? '',
      ...(start ? { selection: EditorSelection.single(Math.min(start.anchor, start.text.length), Math.min(start.head, start.text.length)) } : {}),
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
        codeHighlighter(options),
        // No moment after the list appears during which Enter is ignored: enterPicksCompletion decides what Enter does.
        autocompletion({ override: [(context) => complete(options, context)], interactionDelay: 0 }),
        Prec.highest(keymap.of([{ key: 'Enter', run: enterPicksCompletion(options) }])),
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

  if (start) {
    view.scrollDOM.scrollTop = start.scrollTop;
    if (start.focused) view.focus();
  }

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
    languageLoaded() {
      view.dispatch({ effects: languageKnown.of(null) });
    },
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
