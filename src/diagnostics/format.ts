import type { Diagnostic } from './diagnostic.ts';

export interface Style {
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  green(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
export const colorStyle: Style = { red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), dim: wrap(2, 22), bold: wrap(1, 22), green: wrap(32, 39) };
const same = (text: string) => text;
export const plainStyle: Style = { red: same, yellow: same, cyan: same, dim: same, bold: same, green: same };

const frameWidth = 100;

/** The source line and a caret under the column: the two-line frame people know from compilers. */
export function codeFrame(text: string, line: number, column: number, style: Style = plainStyle): string | undefined {
  const lines = text.split(/\r?\n|\r/);
  const source = lines[line - 1];
  if (source === undefined) return undefined;
  let shown = source.replace(/\t/g, ' ');
  let caretAt = Math.max(0, Math.min(column - 1, shown.length));
  // Long lines are cut to a window around the column so the caret stays on screen.
  if (shown.length > frameWidth) {
    const start = Math.max(0, Math.min(caretAt - frameWidth / 2, shown.length - frameWidth));
    shown = `${start > 0 ? '…' : ''}${shown.slice(start, start + frameWidth)}${start + frameWidth < source.length ? '…' : ''}`;
    caretAt = caretAt - start + (start > 0 ? 1 : 0);
  }
  const gutter = String(line);
  return `${style.dim(`${gutter} |`)} ${shown}\n${style.dim(`${' '.repeat(gutter.length)} |`)} ${' '.repeat(caretAt)}${style.red('^')}`;
}

/** `file:line:column: error code message`, the code frame, and the hint. */
export function formatDiagnostic(diagnostic: Diagnostic, text: string | undefined, style: Style = plainStyle): string {
  const severity = diagnostic.severity === 'error' ? style.red('error') : style.yellow('warning');
  const head = `${style.bold(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`)}: ${severity} ${style.dim(diagnostic.code)} ${diagnostic.message}`;
  const frame = text === undefined ? undefined : codeFrame(text, diagnostic.line, diagnostic.column, style);
  const indent = (block: string) => block.replace(/^/gm, '  ');
  const parts = [head];
  if (frame) parts.push(indent(frame));
  if (diagnostic.hint) parts.push(`  ${style.cyan('hint:')} ${diagnostic.hint}`);
  return parts.join('\n');
}
