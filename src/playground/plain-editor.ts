/**
 * The script's text while the full editor (CodeMirror, most of the page's
 * code) loads as a bundle of its own: a plain text area in the editor's
 * place and size, editable at once. The flowchart and the controls do not
 * wait for the editor; whatever is typed here is handed over to it, cursor
 * and focus included, so nothing is lost.
 */
import { actionLine } from './yaml-context.ts';

/** What the page asks of an editor, whichever one is in place. */
export interface TextEditor {
  text(): string;
  setText(text: string): void;
  /** Moves the cursor to a 1-based line and column, scrolls there and focuses the editor. */
  goTo(line: number, column: number): void;
  /** Moves the cursor to where an action's id is written. */
  goToAction(actionId: string): boolean;
  /** Marks the line of the action a call is at; null clears the mark. */
  markAction(actionId: string | null): void;
  /** Colours the code again: the reference (which properties hold code) has arrived. */
  languageLoaded(): void;
}

/** The text, the selection and the focus of the stand-in, for the full editor to start from. */
export interface Handover {
  text: string;
  anchor: number;
  head: number;
  focused: boolean;
  scrollTop: number;
}

export interface PlainEditor extends TextEditor {
  /** Takes the text area away and says where the person was in it. */
  handOver(): Handover;
}

/** The offset of a 1-based line and column in a text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineLength = (end < 0 ? text.length : end) - offset;
  return offset + Math.min(Math.max(column - 1, 0), lineLength);
}

/**
 * A text area in `parent`; `edited` hears each change the person makes
 * (not those of setText), as the full editor's check as-you-type does.
 */
export function createPlainEditor(parent: HTMLElement, edited: (text: string) => void): PlainEditor {
  const area = document.createElement('textarea');
  area.className = 'plain-editor';
  area.spellcheck = false;
  area.setAttribute('aria-label', 'Script (YAML)');
  area.setAttribute('autocapitalize', 'off');
  area.setAttribute('autocomplete', 'off');
  area.wrap = 'soft';
  parent.append(area);
  parent.dataset['editor'] = 'plain';
  area.addEventListener('input', () => edited(area.value));

  const select = (offset: number) => {
    area.focus();
    area.setSelectionRange(offset, offset);
  };
  return {
    text: () => area.value,
    setText(text) {
      // The value alone: scrolling the area would lay out the page before the chart is drawn.
      area.value = text;
      area.setSelectionRange(0, 0);
    },
    goTo(line, column) {
      select(offsetOf(area.value, line, column));
    },
    goToAction(actionId) {
      const line = actionLine(area.value, actionId);
      if (line === undefined) return false;
      const text = area.value.split('\n')[line] ?? '';
      select(offsetOf(area.value, line + 1, text.length - text.trimStart().length + 1));
      return true;
    },
    // A plain text area marks no lines: the full editor does, once it is in.
    markAction: () => undefined,
    languageLoaded: () => undefined,
    handOver() {
      const handover: Handover = {
        text: area.value,
        anchor: area.selectionDirection === 'backward' ? area.selectionEnd : area.selectionStart,
        head: area.selectionDirection === 'backward' ? area.selectionStart : area.selectionEnd,
        focused: document.activeElement === area,
        scrollTop: area.scrollTop,
      };
      area.remove();
      delete parent.dataset['editor'];
      return handover;
    },
  };
}
