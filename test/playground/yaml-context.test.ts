import { describe, expect, it } from 'vitest';
import { actionIds, actionLine, contextAt, wordAt } from '../../src/playground/yaml-context.ts';

/** The context at the `|` in the text (the bar is removed). */
function at(marked: string) {
  const pos = marked.indexOf('|');
  return contextAt(marked.slice(0, pos) + marked.slice(pos + 1), pos);
}

const script = `name: Demo
variables:
  Who: x
actions:
  begin:
    type: Begin
    next: main_menu

  main_menu:
    type: Menu
    properties:
      Timeout: 5
    branches:
      "1": begin
      OnTimeout: retry

  retry: { type: Loop, properties: { Repeat: 2 }, branches: { Repeat: main_menu } }
`;

describe('the completion context of the playground editor', () => {
  it('offers action types after type:', () => {
    expect(at('actions:\n  a:\n    type: Me|\n')).toMatchObject({ kind: 'type-value', prefix: 'Me' });
    expect(at('actions:\n  a:\n    type: |\n')).toMatchObject({ kind: 'type-value', prefix: '' });
  });

  it("offers the action type's properties inside properties:, block and flow style", () => {
    expect(at('actions:\n  m:\n    type: Menu\n    properties:\n      Ti|\n')).toMatchObject({ kind: 'property-key', prefix: 'Ti', action: 'm', actionType: 'Menu' });
    // The type may come after properties in the block.
    expect(at('actions:\n  m:\n    properties:\n      |\n    type: Capture\n')).toMatchObject({ kind: 'property-key', prefix: '', actionType: 'Capture' });
    expect(at('actions:\n  r: { type: Loop, properties: { Rep| } }\n')).toMatchObject({ kind: 'property-key', prefix: 'Rep', action: 'r', actionType: 'Loop' });
  });

  it('offers branch names as keys under branches: and action ids as their values', () => {
    expect(at('actions:\n  m:\n    type: Menu\n    branches:\n      OnT|\n')).toMatchObject({ kind: 'branch-key', prefix: 'OnT', actionType: 'Menu' });
    expect(at('actions:\n  m:\n    type: Menu\n    branches:\n      "1": ma|\n')).toMatchObject({ kind: 'target-value', prefix: 'ma', action: 'm' });
    expect(at('actions:\n  r: { type: Loop, branches: { Repeat: m| } }\n')).toMatchObject({ kind: 'target-value', prefix: 'm' });
    expect(at('actions:\n  a:\n    next: |\n')).toMatchObject({ kind: 'target-value', prefix: '' });
  });

  it("offers an action's own keys directly under it, and nothing outside actions:", () => {
    expect(at('actions:\n  a:\n    ty|\n')).toMatchObject({ kind: 'action-key', prefix: 'ty', action: 'a' });
    expect(at('variables:\n  Who: |\n')).toEqual({ kind: 'none' });
    expect(at('name: De|\n')).toEqual({ kind: 'none' });
    expect(at('actions:\n  a:\n    type: Begin # Me|\n')).toEqual({ kind: 'none' });
  });

  it('gives the replaced range start, so a completion overwrites the typed prefix', () => {
    const text = 'actions:\n  a:\n    type: Me';
    expect(contextAt(text, text.length)).toMatchObject({ from: text.length - 2 });
  });

  it('lists the action ids and finds the line of each', () => {
    expect(actionIds(script)).toEqual(['begin', 'main_menu', 'retry']);
    expect(actionLine(script, 'main_menu')).toBe(8);
    expect(actionLine(script, 'retry')).toBe(16);
    expect(actionLine(script, 'Who')).toBeUndefined();
  });

  it('finds the word under the pointer for hover', () => {
    expect(wordAt('      OnTimeout: retry', 9)).toEqual({ from: 6, to: 15, word: 'OnTimeout' });
    expect(wordAt('a : b', 2)).toBeUndefined();
  });
});
