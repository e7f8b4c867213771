/**
 * The playground in a real browser: Debian's chromium, driven by
 * playwright-core against the real `studio-sim serve`. Every wait is for a
 * condition on the page, never for a fixed time.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCase } from '../../src/testing/runner.ts';
import { loadTestFile, type TestCase } from '../../src/testing/test-file.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const token = 'playground-admin-token-0123456789';
/** Screenshots go to an ignored folder; `npm run screenshot` also refreshes the README's picture (docs/playground.png). */
const screenshots = `${root}build/screenshots`;
const readmePicture = process.env['PLAYGROUND_README_SCREENSHOT'] === '1' ? `${root}docs/playground.png` : undefined;

/** Debian's chromium, found on the PATH; the tests never download a browser. */
function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this name
    }
  }
  throw new Error('The playground tests need Chromium and found none on the PATH. Install Debian\'s package: apt-get install chromium');
}

let base = '';
let browser: Browser;
let page: Page;
/** Uncaught errors in the page: each test ends by checking there were none. */
const pageErrors: string[] = [];
let server: ChildProcess | undefined;
let serverOutput = '';

beforeAll(async () => {
  if (!existsSync(`${root}dist/playground/index.html`)) throw new Error('dist/playground is not built: run npm run build (npm test does it first)');
  const executablePath = chromiumPath();
  // The built CLI, as `npx studio-sim serve` runs it: the page is served from dist/playground.
  server = spawn(process.execPath, [`${root}dist/cli/bin.js`, 'serve', '--port', '0', '--token', token], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const running = server;
  // Should the worker end without afterAll (a crash), the server must not outlive it.
  process.once('exit', () => running.kill());
  base = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      serverOutput += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(serverOutput);
      if (match) resolve(match[1] as string);
    };
    running.stdout?.on('data', read);
    running.stderr?.on('data', read);
    running.once('exit', (code) => reject(new Error(`serve stopped (exit code ${code}) before it listened:\n${serverOutput}`)));
  });
  // No sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
});

/**
 * Opens the page and waits until it has loaded its sample. Should the
 * server not hand the token to this page, the page asks for it, and the
 * test answers as a person would: returns whether it was asked.
 */
async function openPlayground(target: Page): Promise<{ askedForToken: boolean }> {
  await target.goto(base);
  await target.waitForSelector('body[data-ready="true"], #token-dialog[open]');
  const askedForToken = await target.locator('#token-dialog[open]').count() > 0;
  if (askedForToken) {
    await target.fill('#token-input', token);
    await target.click('#token-dialog button[type="submit"]');
    await target.waitForSelector('body[data-ready="true"]');
  }
  // The full editor comes after the chart, as a bundle of its own: the tests type into it.
  await target.waitForSelector('body[data-editor="ready"] #editor .cm-editor');
  return { askedForToken };
}

/** Runs a command to its end: its output and exit status. */
function spawnSyncText(command: string, args: string[], cwd: string): { stdout: string; status: number } {
  try {
    return { stdout: execFileSync(command, args, { cwd, encoding: 'utf8' }), status: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; status?: number };
    return { stdout: failed.stdout ?? '', status: failed.status ?? 1 };
  }
}

/** The number of steps in the trace (the row of the action the call stands at is not one). */
async function stepRows(): Promise<number> {
  return page.locator('#trace tbody tr:not(.current-row):not(.signal-row)').count();
}

/** Presses Step and waits until the trace has more steps than before. */
async function stepOnce(): Promise<void> {
  const before = await stepRows();
  await page.click('#step');
  // Polled from here: the page's Content-Security-Policy forbids the string evaluation waitForFunction uses.
  await expect.poll(stepRows, { timeout: 30_000 }).toBeGreaterThan(before);
}

describe('the playground page', () => {
  it('opens with the vendor sample loaded, valid, drawn and its agents shown', async () => {
    await openPlayground(page);
    expect(await page.inputValue('#sample-select')).toBe('custom-event-sample');
    await page.waitForSelector('#problem-count[data-errors="0"]');
    await page.waitForSelector('#flowchart g.node[data-action="main_menu"]');
    expect(await page.locator('#flowchart g.node').count()).toBeGreaterThan(15);
    expect(await page.locator('#flowchart g.edge.preempts').count()).toBeGreaterThan(0);
    await page.waitForSelector('.agent[data-agent="1001"]');
    await page.waitForSelector('.agent[data-agent="2002"]');
    // Clicking an action in the flowchart finds it in the script.
    await page.click('#flowchart g.node[data-action="main_menu"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    expect(await page.locator('.cm-activeLine').textContent()).toBe('    type: Menu');
    for (let i = 0; i < 'Menu'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('Cap');
    const capture = page.locator('.cm-tooltip-autocomplete li', { hasText: 'Capture' });
    await capture.waitFor();
    await capture.click();
    expect(await page.locator('.cm-activeLine').textContent()).toBe('    type: Capture');
    // Hover tells what a property means for its action's type: the Menu's Timeout is now a Capture's.
    await page.locator('.cm-line', { hasText: 'Timeout: 5' }).locator('text=Timeout').hover();
    const help = page.locator('.hover-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Capture.Timeout');
  }, 60_000);

  it('loads another sample: its text, its flowchart and its agents', async () => {
    await page.selectOption('#sample-select', 'first-custom-event');
    await page.waitForSelector('#flowchart g.node[data-action="tell_supervisor"]');
    expect(await page.locator('.cm-content').textContent()).toContain('name: FirstCustomEvent');
    await page.waitForSelector('#problem-count[data-errors="0"]');
    expect(await page.locator('#trace tbody tr').count()).toBe(0);
  }, 60_000);

  it('asks for the admin token when the server will not hand it out, and keeps it out of the URL', async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.route('**/playground/token', (route) => route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: 'Forbidden', message: 'paste the admin token serve printed' }) }));
    await other.goto(base);
    await other.waitForSelector('#token-dialog[open]');
    expect(await other.locator('#token-reason').textContent()).toContain('paste the admin token');
    await other.fill('#token-input', token);
    await other.click('#token-dialog button[type="submit"]');
    await other.waitForSelector('body[data-ready="true"]');
    await other.waitForSelector('#flowchart g.node[data-action="main_menu"]');
    expect(other.url()).not.toContain(token);
    expect(await other.evaluate('sessionStorage.getItem("studio-sim-admin-token")')).toBe(token);
    await context.close();
  }, 60_000);
  it('gets the admin token from the server that served it, on this machine, without asking', async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    const { askedForToken } = await openPlayground(other);
    expect(askedForToken).toBe(false);
    expect(await other.evaluate('sessionStorage.getItem("studio-sim-admin-token")')).toBeNull();
    await context.close();
  }, 60_000);
});

/** The server's clock, asked directly (not through the page). */
async function serverClock(): Promise<{ now: number; mode: string; speed: number | string }> {
  const response = await fetch(`${base}/sim/clock`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as { now: number; mode: string; speed: number | string };
}

/** A page of its own (own storage, own tab), opened and ready. */
async function freshPage(viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const fresh = await context.newPage();
  fresh.on('pageerror', (error) => pageErrors.push(error.message));
  await openPlayground(fresh);
  await fresh.waitForSelector('#flowchart g.node[data-action="main_menu"]');
  return fresh;
}

/**
 * The words in the trace's action and branch cells that the browser broke
 * across two lines. A word is a run of text between spaces within one text
 * node: the page puts a <wbr> (a new text node) at each seam of an id, so a
 * wrap there is not a broken word.
 */
const idsBrokenInsideAWord = (target: Page) =>
  target.evaluate<string[]>(
    "(() => { const broken = []; for (const cell of document.querySelectorAll('#trace .action-id, #trace .branch')) { const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT); for (let node = walker.nextNode(); node; node = walker.nextNode()) { const text = node.textContent; const words = /\\S+/g; let word; while ((word = words.exec(text))) { const range = document.createRange(); range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length); const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))); if (lines.size > 1) broken.push(word[0]); } } } return broken; })()",
  );

// Strings, run in the page (the tests are type-checked without the DOM's types).
const setEditorText = (target: Page, text: string) => target.evaluate(`window.playground.editor.setText(${JSON.stringify(text)})`);
const editorText = (target: Page) => target.evaluate<string>('window.playground.editor.text()');
const sampleText = () => readFileSync(`${root}scripts/custom-event-sample.yaml`, 'utf8');

describe('no stuck states', () => {
  it('Run to end runs this call only: the clock comes back, the next caller is heard, and Reset brings back 1x', async () => {
    const tab = await freshPage();
    // Someone chose instant speed, as soon as the page was ready: one click is enough (a clock
    // answer already under way when the click lands must not undo it), and the server agrees.
    await tab.click('input[name="speed"][value="instant"]');
    await tab.waitForSelector('#clock:has-text("instant")');
    await expect.poll(async () => (await serverClock()).speed, { timeout: 10_000 }).toBe('instant');
    // Whatever answers were under way at the click have come in by now: the choice stands.
    await tab.evaluate('new Promise((resolve) => setTimeout(resolve, 500))');
    expect(await tab.isChecked('input[name="speed"][value="instant"]')).toBe(true);
    expect(await tab.textContent('#clock')).toContain('instant');
    await tab.click('#reset');
    await tab.waitForSelector('#clock:has-text("running 1x")');
    expect(await tab.isChecked('input[name="speed"][value="1"]')).toBe(true);
    await tab.click('#start-call');
    await tab.waitForSelector('#flowchart g.node.current[data-action="main_menu"]');
    // 3: the queue, where the caller holds until agent 2002 logs in (40 s in) and answers.
    await tab.click('#keypad button[data-key="3"]');
    await tab.waitForSelector('#flowchart g.node.current[data-action="hold_wait"]');
    await tab.click('#run-to-end');
    await tab.waitForSelector('#contact-status[data-state="ended"]');
    await tab.waitForSelector('#clock:has-text("running 1x")');
    // The next call waits at its menu for the caller instead of timing out three times unheard.
    await tab.click('#start-call');
    await tab.waitForSelector('#flowchart g.node.current[data-action="main_menu"]');
    await tab.waitForSelector('#hint:has-text("waits for the caller")');
    expect(await tab.getAttribute('#contact-status', 'data-state')).toBe('live');
    expect(await tab.locator('#trace tbody tr[data-action="menu_retry"]').count()).toBe(0);
    await tab.context().close();
  }, 60_000);

  it('never lets an older clock answer undo a click on the speed', async () => {
    const tab = await freshPage();
    // Hold the page's next clock answer: the server answers now (1x), the page hears it only after the click.
    let release: () => void = () => undefined;
    const clicked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = false;
    await tab.route('**/sim/clock', async (route) => {
      if (route.request().method() !== 'GET' || held) return route.continue();
      held = true;
      const response = await route.fetch();
      await clicked;
      await route.fulfill({ response });
    });
    // Another client touches the clock: the page's feed hears of it and asks for the clock (held above).
    await fetch(`${base}/sim/clock`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'running' }) });
    await expect.poll(() => held, { timeout: 10_000 }).toBe(true);
    await tab.click('input[name="speed"][value="instant"]');
    await tab.waitForSelector('#clock:has-text("instant")');
    await expect.poll(async () => (await serverClock()).speed, { timeout: 10_000 }).toBe('instant');
    // The old answer (1x) arrives after the click; the page keeps what the person chose.
    release();
    await tab.evaluate('new Promise((resolve) => setTimeout(resolve, 300))');
    expect(await tab.isChecked('input[name="speed"][value="instant"]')).toBe(true);
    expect(await tab.textContent('#clock')).toContain('instant');
    await tab.click('#reset');
    await tab.waitForSelector('#clock:has-text("running 1x")');
    await tab.context().close();
  }, 60_000);

  it('lets an agent end the call it answered (OnRelease runs, the agent is free), and hold and resume it', async () => {
    const tab = await freshPage();
    const agent = tab.locator('.agent[data-agent="2002"]');
    await tab.click('#start-call');
    await tab.waitForSelector('#prompt:not([hidden])');
    await tab.click('#keypad button[data-key="3"]');
    await agent.locator('button.login').click();
    await agent.locator('button.answer.ringing').waitFor();
    expect(await agent.locator('button.end-contact').isDisabled()).toBe(true);
    await agent.locator('button.answer').click();
    // The script reaches Stop: the caller stays with the agent until someone ends the call.
    await tab.waitForSelector('#flowchart g.node.current[data-action="connected"]');
    await tab.waitForSelector('#hint:has-text("press End contact")');
    await agent.locator('button.hold:not([disabled])').click();
    await tab.waitForSelector('#trace tbody tr[data-action="on_hold"]');
    await agent.locator('button.resume:not([disabled])').click();
    await agent.locator('button.hold:not([disabled])').waitFor();
    await agent.locator('button.end-contact').click();
    await tab.waitForSelector('#contact-status[data-state="ended"]');
    expect(await tab.locator('#trace tbody tr[data-action="released"]').count()).toBe(1);
    await agent.locator('.agent-state[data-state="Available"]').waitFor();
    // The next call is not stuck in the queue: it rings at the agent again.
    await tab.click('#start-call');
    await tab.waitForSelector('#prompt:not([hidden])');
    await tab.click('#keypad button[data-key="3"]');
    await agent.locator('button.answer.ringing').waitFor();
    await tab.context().close();
  }, 60_000);

  it('tells the first tab when a second one resets the world and ends its call', async () => {
    const first = await freshPage();
    await first.click('#start-call');
    await first.waitForSelector('#contact-status[data-state="live"]');
    const contactId = ((await first.textContent('#contact-status')) ?? '').split(':')[0] as string;
    const second = await first.context().newPage();
    second.on('pageerror', (error) => pageErrors.push(error.message));
    await openPlayground(second);
    await first.waitForSelector('#notice:not([hidden])');
    expect(await first.textContent('#notice-text')).toContain(`your call ${contactId} was ended`);
    // The second tab, which did the reset, is not told about itself.
    expect(await second.locator('#notice').isHidden()).toBe(true);
    await first.context().close();
  }, 60_000);

  it('keeps the edited text across a reload and asks before putting the sample back', async () => {
    const tab = await freshPage();
    expect(await tab.isDisabled('#revert-sample')).toBe(true);
    const edited = `${sampleText()}# my note\n`;
    await setEditorText(tab, edited);
    await tab.waitForSelector('#revert-sample:not([disabled])');
    await tab.reload();
    await tab.waitForSelector('body[data-ready="true"]');
    expect(await editorText(tab)).toBe(edited);
    // Saying no keeps the edits; yes puts the sample back.
    tab.once('dialog', (dialog) => void dialog.dismiss());
    await tab.click('#revert-sample');
    expect(await editorText(tab)).toBe(edited);
    tab.once('dialog', (dialog) => void dialog.accept());
    await tab.click('#revert-sample');
    expect(await editorText(tab)).toBe(sampleText());
    await tab.context().close();
  }, 60_000);

  it('disables Start call while the script has errors, says why on the greyed chart, and clears it all once fixed', async () => {
    const tab = await freshPage();
    await setEditorText(tab, sampleText().replace(/(hold_wait:\n\s+type: )Wait/, '$1Wiat'));
    await tab.waitForSelector('#start-call[disabled]');
    expect(await tab.textContent('#start-reason')).toContain('error');
    await tab.waitForSelector('#flowchart-stale:not([hidden])');
    expect(await tab.textContent('#flowchart-stale')).toContain('hold_wait');
    await tab.waitForSelector('#flowchart g.node.broken[data-action="hold_wait"]');
    // One place shows the errors: the Problems list, not a banner.
    expect(await tab.locator('#error').isHidden()).toBe(true);
    await setEditorText(tab, sampleText());
    await tab.waitForSelector('#start-call:not([disabled])');
    expect(await tab.locator('#flowchart-stale').isHidden()).toBe(true);
    expect(await tab.locator('#flowchart g.node.broken').count()).toBe(0);
    expect(await tab.locator('#problems').isHidden()).toBe(true);
    await tab.click('#start-call');
    await tab.waitForSelector('#contact-status[data-state="live"]');
    expect(await tab.locator('#error').isHidden()).toBe(true);
    await tab.context().close();
  }, 60_000);
});

/** A small script with a Snippet, for the editor's language tests. */
const snippetScript = [
  'name: Probe',
  'mediaType: Phone',
  'variables:',
  '  OrderNumber: "1001"',
  'actions:',
  '  begin: { type: Begin, next: work }',
  '  work:',
  '    type: Snippet',
  '    properties:',
  '      Data: |',
  '        // count the letters',
  '        FOR i = 1 TO 3 { Total = Total + len("ab") }',
  '        DYNAMIC Summary',
  '        Summary.total = Total',
  '    next: say',
  '  say: { type: Play, properties: { Sequence: \'"%Total {Total}"\' }, next: done }',
  '  done: { type: Hangup }',
  '',
].join('\n');

/** The texts of the editor's spans of one highlighting kind. */
const spansOf = (target: Page, kind: string) => target.locator(`#editor .cm-sn-${kind}`).allTextContents();

describe('Snippet code in the editor', () => {
  it('colours Snippet code, expressions and {...} by the language\'s own rules', async () => {
    const tab = await freshPage();
    await setEditorText(tab, snippetScript);
    await tab.waitForSelector('#flowchart g.node[data-action="work"]');
    await expect.poll(() => spansOf(tab, 'keyword')).toEqual(['FOR', 'TO', 'DYNAMIC']);
    expect(await spansOf(tab, 'function')).toEqual(['len']);
    expect(await spansOf(tab, 'comment')).toEqual(['// count the letters']);
    expect(await spansOf(tab, 'string')).toEqual(['"ab"']);
    expect(await spansOf(tab, 'number')).toEqual(['1', '3']);
    expect(await spansOf(tab, 'member')).toEqual(['total']);
    // In a text property only the {...} is code: "%Total " stays the YAML's string.
    expect(await spansOf(tab, 'substitution')).toEqual(['{', '}']);
    expect(await spansOf(tab, 'variable')).toEqual(['i', 'Total', 'Total', 'Summary', 'Summary', 'Total', 'Total']);
    // The language's colour wins over the YAML's (the block scalar is a YAML string).
    const colour = await tab.evaluate<string>("getComputedStyle(document.querySelector('#editor .cm-sn-keyword')).color");
    expect(colour).toBe('rgb(130, 80, 223)');
    // Hover over a function: its signature and what it does, from the language's function table.
    await tab.locator('#editor .cm-sn-function', { hasText: 'len' }).hover();
    const help = tab.locator('.hover-help');
    await help.waitFor();
    expect(await help.locator('strong').textContent()).toBe('len(s)');
    expect(await help.textContent()).toContain('Number of characters');
    await tab.context().close();
  }, 60_000);

  it('completes keywords, functions with their signature, and the variables the script sets', async () => {
    const tab = await freshPage();
    await setEditorText(tab, snippetScript);
    await tab.waitForSelector('#flowchart g.node[data-action="work"]');
    // At the end of the Snippet's last line: a new line of code.
    const line = snippetScript.split('\n').indexOf('        Summary.total = Total') + 1;
    await tab.evaluate(`window.playground.editor.goTo(${line}, 100)`);
    await tab.keyboard.press('End');
    await tab.keyboard.press('Enter');
    await tab.keyboard.type('x = asj');
    const option = (label: string) => tab.locator('.cm-tooltip-autocomplete li', { has: tab.locator('.cm-completionLabel', { hasText: new RegExp(`^${label}$`) }) });
    await option('asjson').waitFor();
    expect(await option('asjson').locator('.cm-completionDetail').textContent()).toBe('asjson(object)');
    // Enter while the list is being redrawn (asked for again: Ctrl+Space) takes the option it shows, not a new line.
    await tab.keyboard.press('Control+Space');
    await tab.keyboard.press('Enter');
    expect(await tab.locator('.cm-activeLine').textContent()).toBe('        x = asjson(');
    await tab.keyboard.type('Summ');
    expect(await tab.locator('.cm-activeLine').textContent()).toBe('        x = asjson(Summ');
    // Summary is set by the Snippet itself (DYNAMIC), Total by an assignment: both are the script's variables.
    // Enter the moment the list appears takes it too.
    await option('Summary').waitFor();
    await tab.keyboard.press('Enter');
    expect(await tab.locator('.cm-activeLine').textContent()).toBe('        x = asjson(Summary');
    await tab.keyboard.type(') + Ord');
    await option('OrderNumber').waitFor();
    await tab.keyboard.press('Escape');
    await tab.keyboard.press('Enter');
    await tab.keyboard.type('FORE');
    await option('FOREACH').waitFor();
    await tab.keyboard.press('Escape');
    // A system variable, with what it is.
    await tab.keyboard.type(' x IN AN');
    await option('ANI').waitFor();
    expect(await option('ANI').locator('.cm-completionDetail').textContent()).toBe('system variable');
    await tab.keyboard.press('Escape');
    // Outside code (a YAML key) no language words are offered.
    await tab.evaluate('window.playground.editor.goTo(2, 1)');
    await tab.keyboard.type('FORE');
    await tab.waitForTimeout(300);
    expect(await option('FOREACH').count()).toBe(0);
    await tab.context().close();
  }, 60_000);

  it('shows a Snippet syntax error at its own line and column inside the block', async () => {
    const tab = await freshPage();
    const broken = snippetScript.replace('DYNAMIC Summary', 'DYNAMIC Summary\n        y = (1 + ) * 2');
    await setEditorText(tab, broken);
    await tab.waitForSelector('#problem-count:not([data-errors="0"])');
    const problem = tab.locator('#problems li.severity-error').first();
    const line = Number(await problem.getAttribute('data-line'));
    const column = Number(await problem.getAttribute('data-column'));
    const lines = broken.split('\n');
    expect(lines[line - 1]).toBe('        y = (1 + ) * 2');
    // On the code, not on the property's key: at the ")" that came too early.
    expect(column).toBe('        y = (1 + '.length + 1);
    const mark = tab.locator('#editor .cm-lintRange-error').first();
    await mark.waitFor();
    // The editor underlines that place, on that line.
    expect(await mark.textContent()).toBe(')');
    // Typed structurally: the tests are type-checked without the DOM's types.
    const markedLine = await mark.evaluate((node: { closest(selector: string): { textContent: string | null } | null }) => node.closest('.cm-line')?.textContent);
    expect(markedLine).toBe(lines[line - 1]);
    await problem.click();
    expect(await tab.locator('.cm-activeLine').textContent()).toBe(lines[line - 1]);
    await tab.context().close();
  }, 60_000);
});

describe('what a learner sees', () => {
  it('shows the prompt, only the keys the menu takes, the variables live and each step in detail', async () => {
    const tab = await freshPage();
    await tab.click('#start-call');
    await tab.waitForSelector('#prompt:not([hidden])');
    expect(await tab.textContent('#prompt')).toContain('Press 1 to send an event');
    expect(await tab.isEnabled('#keypad button[data-key="2"]')).toBe(true);
    expect(await tab.isDisabled('#keypad button[data-key="5"]')).toBe(true);
    expect(await tab.isDisabled('#keypad button[data-key="#"]')).toBe(true);
    // Nothing rings: nothing to answer.
    expect(await tab.isDisabled('.agent[data-agent="1001"] button.answer')).toBe(true);
    await tab.click('#keypad button[data-key="2"]');
    await tab.waitForSelector('#variables tr[data-name="MonitorSession"]');
    expect(await tab.textContent('#variables tr[data-name="DigitsEntered"] .value')).toBe('"2"');
    expect(await tab.textContent('#variables tr[data-name="ANI"] .value')).toBe('"5551234567"');
    // A long value (the batch of events the script read) is cut short, and shown whole on a click.
    const events = tab.locator('#variables tr[data-name="MonitorEvents"] .value');
    await events.locator('button.value-toggle').waitFor();
    expect(((await events.textContent()) ?? '').length).toBeLessThan(200);
    await events.locator('button.value-toggle').click();
    await expect.poll(async () => ((await events.textContent()) ?? '').length).toBeGreaterThan(300);
    expect(await events.textContent()).toContain('Menu_Choice');
    // A trace row in detail: the properties with the variables filled in, the branch, the changes.
    await tab.click('#trace tbody tr[data-action="notify_monitor"]');
    await tab.waitForSelector('#step-detail[data-action="notify_monitor"]');
    const detail = (await tab.textContent('#step-detail')) ?? '';
    expect(detail).toContain('"Menu Press 2"');
    expect(detail).toContain('Branch: Default → monitor_security');
    await tab.click('#trace tbody tr[data-action="main_menu"]');
    await tab.waitForSelector('#step-detail[data-action="main_menu"] .detail-changes li[data-name="DigitsEntered"]');
    expect(await tab.textContent('#step-detail .detail-changes li[data-name="DigitsEntered"]')).toBe('DigitsEntered: (not set) → "2"');
    // A flowchart action: its latest step, or that it has not run.
    await tab.click('#flowchart g.node[data-action="join_monitor_session"]');
    await tab.waitForSelector('#step-detail[data-action="join_monitor_session"]');
    expect(await tab.textContent('#step-detail')).toContain('MonitorSession');
    await tab.click('#flowchart g.node[data-action="goodbye"]');
    await tab.waitForSelector('#step-detail[data-action="goodbye"]');
    expect(await tab.textContent('#step-detail')).toContain('has not run in this call');
    await tab.context().close();
  }, 60_000);

  it('draws a readable flowchart: wheel zoom around the pointer, drag to pan, a legible Fit', async () => {
    const tab = await freshPage();
    const scale = async () => Number(await tab.getAttribute('#flowchart', 'data-scale'));
    expect(await scale()).toBe(1);
    const labelPx = await tab.evaluate<number>("Math.min(...[...document.querySelectorAll('#flowchart text')].map((t) => t.getBoundingClientRect().height))");
    // The smallest text's box (font size plus a little) at the default zoom.
    expect(labelPx).toBeGreaterThanOrEqual(12);
    const node = tab.locator('#flowchart g.node[data-action="main_menu"]');
    const before = (await node.boundingBox()) as { x: number; y: number; width: number; height: number };
    const pointer = { x: before.x + before.width / 2, y: before.y + before.height / 2 };
    await tab.mouse.move(pointer.x, pointer.y);
    await tab.mouse.wheel(0, -400);
    await expect.poll(scale).toBeGreaterThan(1.2);
    const after = (await node.boundingBox()) as { x: number; y: number; width: number; height: number };
    // The action under the pointer stays under it.
    expect(Math.abs(after.x + after.width / 2 - pointer.x)).toBeLessThan(6);
    expect(Math.abs(after.y + after.height / 2 - pointer.y)).toBeLessThan(6);
    const chartScroll = () => tab.evaluate<number>("document.getElementById('flowchart').scrollLeft");
    const scrolled = await chartScroll();
    await tab.mouse.move(pointer.x, pointer.y);
    await tab.mouse.down();
    await tab.mouse.move(pointer.x - 120, pointer.y, { steps: 5 });
    await tab.mouse.up();
    expect(await chartScroll()).toBeGreaterThan(scrolled + 100);
    // A drag is not a click: the editor did not jump to the action dragged from.
    await tab.click('#zoom-fit');
    expect(await scale()).toBeGreaterThanOrEqual(0.85);
    expect(await tab.locator('.legend li').count()).toBeGreaterThanOrEqual(5);
    await tab.context().close();
  }, 60_000);

  it('is ready within moments, its scripts compressed and revalidated, the editor after the chart (figures in build/screenshots/metrics.json)', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const tab = await context.newPage();
    const served: Record<string, { encoding: string | undefined; etag: string | undefined }> = {};
    tab.on('response', (response) => {
      const name = /\/playground\/(app|editor)\.js$/.exec(response.url())?.[1];
      if (name) served[`${name}.js`] = { encoding: response.headers()['content-encoding'], etag: response.headers()['etag'] };
    });
    const started = Date.now();
    // Not waiting for the load event: the chart is what counts, and it may come before.
    await tab.goto(base, { waitUntil: 'commit' });
    await tab.waitForSelector('#flowchart g.node[data-action="main_menu"]');
    const readyMs = Date.now() - started;
    await tab.waitForSelector('body[data-editor="ready"] #editor .cm-editor');
    const editorReadyMs = Date.now() - started;
    const sizes = await tab.evaluate<Record<string, { encoded: number; decoded: number; loadedAt: number }>>(
      "Object.fromEntries(performance.getEntriesByType('resource').filter((r) => /\\/playground\\/(app|editor)\\.js$/.test(r.name)).map((r) => [r.name.slice(r.name.lastIndexOf('/') + 1), { encoded: r.encodedBodySize, decoded: r.decodedBodySize, loadedAt: Math.round(r.responseEnd) }]))",
    );
    for (const name of ['app.js', 'editor.js']) {
      const size = sizes[name] as { encoded: number; decoded: number };
      expect(served[name]?.encoding).toMatch(/^(br|gzip)$/);
      expect(size.encoded).toBeLessThan(size.decoded / 2);
      // Validators: the browser keeps the file and asks again with its ETag; the answer is a 304 without the body.
      const etag = served[name]?.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await fetch(`${base}/playground/${name}`, { headers: { 'if-none-match': etag, 'accept-encoding': 'br' } });
      expect(again.status).toBe(304);
      expect(again.headers.get('cache-control')).toBe('no-cache');
    }
    // The chart waits only for the page's own script: the editor (CodeMirror, most of the code) comes after it.
    expect((sizes['app.js'] as { decoded: number }).decoded).toBeLessThan(150_000);
    // Where the time went, from the page's own marks (ms since navigation started).
    const phases = await tab.evaluate<Record<string, number>>(
      "(() => { const at = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? -1); const nav = performance.getEntriesByType('navigation')[0]; const loaded = (file) => { const r = performance.getEntriesByType('resource').find((e) => e.name.endsWith(file)); return Math.round(r ? r.responseEnd : -1); }; return { appJsLoaded: loaded('/playground/app.js'), scriptStart: at('studio-sim:script-start'), domContentLoaded: Math.round(nav.domContentLoadedEventEnd), dataLoaded: at('studio-sim:data-loaded'), flowchartDrawn: at('studio-sim:flowchart-drawn'), flowchartPainted: at('studio-sim:flowchart-painted'), editorJsLoaded: loaded('/playground/editor.js'), editorLoaded: at('studio-sim:editor-loaded') }; })()",
    );
    expect(phases['flowchartDrawn']).toBeGreaterThan(0);
    expect(phases['editorJsLoaded']).toBeGreaterThan(phases['flowchartDrawn'] as number);
    // The machine's load at the time: the figures mean "idle" only when it is low.
    const loadAverage = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    mkdirSync(screenshots, { recursive: true });
    const file = (name: string) => ({ encoding: served[name]?.encoding, transferredBytes: sizes[name]?.encoded, bytes: sizes[name]?.decoded, etag: served[name]?.etag });
    const metrics = { readyMs, editorReadyMs, phases, loadAverage, appJs: file('app.js'), editorJs: file('editor.js') };
    writeFileSync(`${screenshots}/metrics.json`, `${JSON.stringify(metrics, null, 2)}\n`);
    console.log(`playground ready with its flowchart in ${readyMs} ms, the full editor in ${editorReadyMs} ms (${JSON.stringify(phases)}, load average ${loadAverage}); app.js ${sizes['app.js']?.decoded} bytes sent as ${sizes['app.js']?.encoded}, editor.js ${sizes['editor.js']?.decoded} as ${sizes['editor.js']?.encoded}`);
    await context.close();
  }, 60_000);

  it('can be used while the editor loads: the text shows at once, and what is typed then is kept, cursor and all', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const tab = await context.newPage();
    tab.on('pageerror', (error) => pageErrors.push(error.message));
    // The editor's bundle is held back until the test has typed.
    let release: () => void = () => undefined;
    const typed = new Promise<void>((resolve) => {
      release = resolve;
    });
    await tab.route('**/playground/editor.js', async (route) => {
      await typed;
      await route.continue();
    });
    await tab.goto(base);
    await tab.waitForSelector('#flowchart g.node[data-action="main_menu"]');
    await tab.waitForSelector('body[data-ready="true"]');
    const plain = tab.locator('#editor textarea.plain-editor');
    expect(await plain.inputValue()).toBe(sampleText());
    const box = (await tab.locator('#editor').boundingBox()) as { width: number; height: number };
    // Clicking an action finds it in the text, as it will in the full editor.
    await tab.click('#flowchart g.node[data-action="main_menu"]');
    await tab.keyboard.press('End');
    await tab.keyboard.type('  # typed while the editor loaded');
    // A call can start: the buttons do not wait for the editor.
    expect(await tab.isEnabled('#start-call')).toBe(true);
    release();
    await tab.waitForSelector('body[data-editor="ready"] #editor .cm-editor');
    expect(await plain.count()).toBe(0);
    expect(await editorText(tab)).toBe(sampleText().replace('  main_menu:\n', '  main_menu:  # typed while the editor loaded\n'));
    // The cursor stayed where the person was typing: the next keys land there too.
    await tab.keyboard.type('!');
    expect(await tab.locator('.cm-activeLine').textContent()).toBe('  main_menu:  # typed while the editor loaded!');
    // The editor took the text area's place without moving the page around it.
    const after = (await tab.locator('#editor').boundingBox()) as { width: number; height: number };
    expect(Math.abs(after.height - box.height)).toBeLessThan(2);
    expect(Math.abs(after.width - box.width)).toBeLessThan(2);
    await context.close();
  }, 60_000);

  it.each([
    [1366, 768],
    [1920, 1080],
    [800, 900],
  ])('lays out at %ix%i: the keypad stays in view after a key press, the run controls stay put', async (width, height) => {
    const tab = await freshPage({ width, height });
    await tab.click('#start-call');
    await tab.waitForSelector('#prompt:not([hidden])');
    const key = tab.locator('#keypad button[data-key="2"]');
    await key.scrollIntoViewIfNeeded();
    await key.click();
    await tab.waitForSelector('#variables tr[data-name="MonitorSession"]');
    // The trace's ids wrap at their seams (join_monitor_session as join_ / monitor_ / session), never inside a word.
    await tab.waitForSelector('#trace tbody tr[data-action="join_monitor_session"]');
    expect(await idsBrokenInsideAWord(tab)).toEqual([]);
    // Every button of the top bar is inside the window (a narrow one puts them on a second line).
    for (const button of await tab.locator('header.top button').all()) {
      const placed = (await button.boundingBox()) as { x: number; width: number };
      expect(placed.x + placed.width).toBeLessThanOrEqual(width);
    }
    const box = await key.boundingBox();
    expect(box).not.toBeNull();
    expect((box as { y: number }).y).toBeGreaterThanOrEqual(0);
    expect((box as { y: number; height: number }).y + (box as { height: number }).height).toBeLessThanOrEqual(height);
    if (width > 1100) {
      // The right column scrolls under the run controls.
      await tab.evaluate("document.querySelector('.side-pane').scrollTo({ top: 100000 })");
      const run = (await tab.locator('#run').boundingBox()) as { y: number };
      expect(run.y).toBeGreaterThan(0);
      expect(run.y).toBeLessThan(200);
      await tab.evaluate("document.querySelector('.side-pane').scrollTo({ top: 0 })");
    }
    mkdirSync(screenshots, { recursive: true });
    await tab.screenshot({ path: `${screenshots}/playground-${width}x${height}.png` });
    await tab.context().close();
  }, 60_000);
});

/**
 * What the page can do for a case: the caller's keys and silences (keypad,
 * Step), and agents logged in or out by hand before the call. A case that
 * changes anything else (variables, skills, timings, hang-up times) needs a
 * scenario the page does not edit, and is left to `studio-sim test`.
 */
function drivable(raw: Record<string, unknown> | undefined): boolean {
  if (raw === undefined) return true;
  const { caller, agents, ...rest } = raw as { caller?: Record<string, unknown>; agents?: Record<string, Record<string, unknown>> };
  if (Object.keys(rest).length > 0) return false;
  if (caller && Object.keys(caller).some((key) => key !== 'input')) return false;
  return Object.values(agents ?? {}).every((agent) => Object.keys(agent).length === 1 && (agent['state'] === 'LoggedOut' || agent['state'] === 'Available'));
}

interface SampleCase {
  sample: string;
  testCase: TestCase;
  /** The agents the case logs in or out before the call. */
  agentStates: Record<string, string>;
  /** The path the CLI's simulation takes for the same inputs. */
  cliPath: string[];
}

/** Every case of every sample's test file that the page can drive, with the CLI's path for it. */
function sampleCases(): SampleCase[] {
  const cases: SampleCase[] = [];
  for (const file of readdirSync(`${root}scripts`).filter((name) => name.endsWith('.test.yaml')).sort()) {
    const loaded = loadTestFile(`${root}scripts/${file}`);
    const suite = loaded.suite;
    if (!suite) throw new Error(`scripts/${file} does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
    const raw = parse(readFileSync(`${root}scripts/${file}`, 'utf8')) as { cases: Array<{ scenario?: Record<string, unknown> }> };
    suite.cases.forEach((testCase, index) => {
      const rawScenario = raw.cases[index]?.scenario;
      if (!drivable(rawScenario)) return;
      const agents = (rawScenario?.['agents'] ?? {}) as Record<string, { state: string }>;
      const cliPath = runCase(suite, testCase, () => 0).report.steps.map((step) => step.action);
      cases.push({ sample: file.replace(/\.test\.yaml$/, ''), testCase, agentStates: Object.fromEntries(Object.entries(agents).map(([id, a]) => [id, a.state])), cliPath });
    });
  }
  return cases;
}

/** The current call as the page holds it (a string: the tests are type-checked without the DOM). */
const callState = (target: Page) =>
  target.evaluate<{ entries: number; ended: boolean; listening: boolean; keys: string }>(
    "(() => { const s = window.playground.state; const e = s.contactEntries.get(s.contactId) || []; const last = e[e.length - 1]; return { entries: e.length, ended: e.some((x) => x.kind === 'contactEnded'), listening: !!last && last.kind === 'waiting' && last.listening === true, keys: s.keysPressed }; })()",
  );

/** Waits until the call has ended, or has moved on (more feed entries than `before`) and listens for the caller again, with the server's clock back from instant. */
async function settled(target: Page, before: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const call = await callState(target);
        if (call.ended) return true;
        return call.entries > before && call.listening && (await serverClock()).speed !== 'instant';
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

describe('subscripts and REST calls on the page', () => {
  /** Opens a sample in a fresh tab, its chart drawn, a fresh world from its scenario, paused. */
  async function openSample(name: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const tab = await freshPage(viewport);
    await tab.selectOption('#sample-select', name);
    await expect.poll(() => editorText(tab)).toBe(readFileSync(`${root}scripts/${name}.yaml`, 'utf8'));
    await tab.waitForSelector('#start-call:not([disabled])');
    return tab;
  }

  it('lists a subscript under the script that calls it, and opens the caller with its subscripts drawn in boxes', async () => {
    const tab = await openSample('account-login');
    const options = await tab.locator('#sample-select option').evaluateAll((list: Array<{ value: string; textContent: string | null }>) => list.map((o) => [o.value, o.textContent ?? '']));
    const values = options.map(([value]) => value);
    // Right under their caller, marked as its subscripts: not scripts to call on their own.
    expect(values.indexOf('subs/authenticate')).toBe(values.indexOf('account-login') + 1);
    expect(options.find(([value]) => value === 'subs/authenticate')?.[1]).toContain('subscript of account-login');
    expect(options.find(([value]) => value === 'subs/locked-out')?.[1]).toContain('subscript of account-login');
    expect(await tab.locator('#problem-count').getAttribute('data-errors')).toBe('0');
    await tab.waitForSelector('#flowchart .script-box[data-script="subs/authenticate.yaml"]');
    await tab.waitForSelector('#flowchart g.node[data-action="authenticate.yaml:ask_pin"]');
    await tab.waitForSelector('#flowchart .edge.calls[data-from="authenticate"][data-to="authenticate.yaml:begin"]');
    await tab.waitForSelector('.legend .for-calls:not([hidden])');
    await tab.context().close();
  }, 60_000);

  it('follows the call into the subscript: the trace names its file, the chart marks the action inside its box, step detail shows its properties', async () => {
    const tab = await openSample('account-login');
    const answered = (method: string, path: string) => tab.waitForResponse((response) => response.request().method() === method && new URL(response.url()).pathname === path);
    await Promise.all([answered('POST', '/sim/reset'), tab.click('#reset')]);
    await tab.click('#start-call');
    await tab.waitForSelector('#contact-status[data-state="live"]');
    // Running: the call reaches the subscript's Capture and waits for the PIN.
    await tab.waitForSelector('#flowchart g.node.current[data-action="authenticate.yaml:ask_pin"]', { timeout: 30_000 });
    await tab.waitForSelector('#flowchart .script-box.active[data-script="subs/authenticate.yaml"]');
    expect(await tab.locator('#flowchart .script-box.active').count()).toBe(1);
    const prompt = tab.locator('#trace tbody tr.in-subscript[data-action="prompt"]').first();
    await expect.poll(() => prompt.locator('.action-id').textContent()).toBe('authenticate.yaml:prompt');
    await prompt.click();
    await tab.waitForSelector('#step-detail h3:has-text("authenticate.yaml:prompt (Play)")');
    expect(await tab.locator('#step-detail .detail-properties').textContent()).toContain('Please enter your four digit PIN');
    // The PIN, then the call comes back to the main script and ends there.
    await tab.keyboard.type('1234');
    await tab.waitForSelector('#contact-status[data-state="ended"]', { timeout: 30_000 });
    // The subscript's own variables went at its Return; the global one it set stayed.
    await tab.waitForSelector('#variables tr[data-name="CustomerName"]');
    expect(await tab.locator('#variables tr[data-name="Pin"]').count()).toBe(0);
    expect(await tab.locator('#variables tr[data-name="AuthResult"] td').textContent()).toBe('"ok"');
    const actions = await tab.locator('#trace tbody tr:not(.current-row):not(.signal-row) .action-id').allTextContents();
    expect(actions).toContain('authenticate.yaml:back');
    expect(actions.slice(actions.indexOf('authenticate.yaml:back') + 1)[0]).toBe('authenticate');
    mkdirSync(screenshots, { recursive: true });
    await tab.screenshot({ path: `${screenshots}/playground-subscript-1366x768.png` });
    await tab.context().close();
  }, 90_000);

  it('shows each REST request the call made, retries included, and an unmatched one in words with the mock to add', async () => {
    const tab = await openSample('customer-lookup');
    const answered = (method: string, path: string) => tab.waitForResponse((response) => response.request().method() === method && new URL(response.url()).pathname === path);
    await Promise.all([answered('POST', '/sim/reset'), tab.click('#reset')]);
    expect(await tab.isHidden('#requests-panel')).toBe(true);
    await tab.click('#start-call');
    await tab.waitForSelector('#contact-status[data-state="live"]');
    await tab.click('#run-to-end');
    await tab.waitForSelector('#contact-status[data-state="ended"]', { timeout: 30_000 });
    const items = tab.locator('#requests li.request');
    await expect.poll(() => items.count()).toBe(2);
    const first = (await items.nth(0).textContent()) ?? '';
    expect(first).toContain('GET https://crm.example.com/customers/5551234567');
    expect(first).toContain('answered 200 OK, after 2 attempts');
    expect(first).toContain('mock 1 of the scenario');
    expect(await items.nth(1).textContent()).toContain('GetRESTProxy() in a Snippet at score');
    // The step that made a request shows it in its detail.
    await tab.locator('#trace tbody tr[data-action="find_caller"]').click();
    await tab.waitForSelector('#step-detail .detail-requests li[data-outcome="ok"]');
    expect(await tab.locator('#contact-status').textContent()).toContain('the script reached End');

    // A request to a service the scenario does not mock: words, not a code, and the YAML to add.
    await setEditorText(tab, readFileSync(`${root}scripts/customer-lookup.yaml`, 'utf8').replaceAll('crm.example.com', 'crm.example.org'));
    await tab.waitForSelector('#start-call:not([disabled])');
    await expect.poll(() => tab.evaluate<boolean>("window.playground.state.validation.graph !== null && document.querySelector('#revert-sample').disabled === false")).toBe(true);
    // The CRM is asked first thing: the call ends there, before there is anything to run.
    await tab.click('#start-call');
    await tab.waitForSelector('#contact-status[data-state="ended"]', { timeout: 30_000 });
    const unmatched = tab.locator('#requests li.request[data-outcome="unmatched"]');
    await unmatched.waitFor();
    expect(await unmatched.textContent()).toContain('no mock in the scenario answers it');
    expect(await unmatched.locator('.request-message').textContent()).toContain('GET https://crm.example.org/customers/5551234567');
    expect(await unmatched.locator('.request-mock').textContent()).toMatch(/^http:\n {2}- method: GET\n {4}url: https:\/\/crm\.example\.org\/customers\/5551234567/);
    expect(await tab.locator('#contact-status').textContent()).toContain('no mock in the scenario answers');
    expect(await tab.locator('#contact-status').textContent()).not.toContain('UnmatchedRequest');
    mkdirSync(screenshots, { recursive: true });
    await tab.screenshot({ path: `${screenshots}/playground-rest-1366x768.png` });
    await tab.context().close();
  }, 90_000);
});

describe('spawned contacts and transfers on the page', () => {
  /** Opens a sample in a fresh tab, its chart drawn and a fresh world from its scenario. */
  async function openSample(name: string): Promise<Page> {
    const tab = await freshPage();
    await tab.selectOption('#sample-select', name);
    await expect.poll(() => editorText(tab)).toBe(readFileSync(`${root}scripts/${name}.yaml`, 'utf8'));
    await tab.waitForSelector('#start-call:not([disabled])');
    const answered = tab.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/sim/reset');
    await Promise.all([answered, tab.click('#reset')]);
    return tab;
  }

  it('lists the contact a Spawn started: its script, where it is, how it ended and its path, and shows its trace and variables', async () => {
    const tab = await openSample('callback-request');
    expect(await tab.isHidden('#spawned-panel')).toBe(true);
    await tab.click('#start-call');
    await tab.waitForSelector('#contact-status[data-state="live"]');
    const callId = ((await tab.textContent('#contact-status')) ?? '').split(':')[0] as string;
    await tab.waitForSelector('#flowchart g.node.current[data-action="offer"]');
    await tab.click('#keypad button[data-key="1"]');
    // The reminder call dials and waits for its answer: instant speed gets it there at once.
    await tab.click('input[name="speed"][value="instant"]');
    const spawned = tab.locator('#spawned li.spawned');
    await spawned.waitFor();
    expect(await spawned.count()).toBe(1);
    const childId = (await spawned.getAttribute('data-contact')) as string;
    expect(childId).not.toBe(callId);
    expect(await spawned.locator('.spawned-line').textContent()).toBe(`${childId} runs AppointmentReminder (appointment-reminder.yaml), spawned by ${callId} at schedule_call`);
    await tab.waitForSelector(`#spawned li.spawned[data-state="ended"]`, { timeout: 30_000 });
    expect(await spawned.locator('.spawned-state').textContent()).toBe('ended: the script hung up');
    expect(await spawned.locator('.spawned-path').textContent()).toMatch(/^path: begin → call_customer → remind → /);
    // Its trace and variables in place of the call's; the call's own state stays beside the heading.
    await spawned.locator('button.view-spawned').click();
    await tab.waitForSelector(`#viewing:not([hidden])[data-contact="${childId}"]`);
    expect(await tab.textContent('#viewing-text')).toContain(`${childId}, which runs AppointmentReminder (spawned by ${callId} at schedule_call): ended: the script hung up`);
    await tab.waitForSelector('#trace tbody tr[data-action="call_customer"]');
    expect(await tab.locator('#trace tbody tr[data-action="schedule_call"]').count()).toBe(0);
    expect(await tab.textContent('#variables tr[data-name="CallbackNumber"] .value')).toBe('"5551234567"');
    expect(await tab.textContent('#contact-status')).toContain(`${callId}: call ended`);
    await tab.click('#trace tbody tr[data-action="call_customer"]');
    await tab.waitForSelector('#step-detail[data-action="call_customer"]');
    expect(await tab.textContent('#step-detail .detail-properties')).toContain('5551234567');
    // And back to the call.
    await tab.click('#view-call');
    await tab.waitForSelector('#viewing[hidden]', { state: 'attached' });
    await tab.waitForSelector('#trace tbody tr[data-action="schedule_call"]');
    expect(await tab.locator('#variables tr[data-name="CallbackNumber"]').count()).toBe(0);
    mkdirSync(screenshots, { recursive: true });
    await tab.screenshot({ path: `${screenshots}/playground-spawn-1366x768.png` });
    await tab.context().close();
  }, 90_000);

  it('tells of a spawned contact still waiting for its StartDate, and a reset ends it', async () => {
    const tab = await openSample('callback-request');
    await setEditorText(tab, readFileSync(`${root}scripts/callback-request.yaml`, 'utf8').replace('StartDate: 1/1/2026 9:05:00 AM', 'StartDate: 1/1/2099 9:05:00 AM'));
    await tab.waitForSelector('#revert-sample:not([disabled])');
    await tab.waitForSelector('#start-call:not([disabled])');
    await tab.click('#start-call');
    await tab.waitForSelector('#flowchart g.node.current[data-action="offer"]');
    await tab.click('#keypad button[data-key="1"]');
    const waiting = tab.locator('#spawned li.spawned[data-state="waiting"]');
    await waiting.waitFor();
    expect(await waiting.locator('.spawned-state').textContent()).toMatch(/^waits for its StartDate: starts in about \d+ days$/);
    expect(await waiting.locator('.spawned-path').textContent()).toBe('path: none yet');
    await tab.waitForSelector('#contact-status[data-state="ended"]');
    await tab.click('#reset');
    await tab.waitForSelector('#spawned-panel[hidden]', { state: 'attached' });
    await tab.context().close();
  }, 60_000);

  it('shows where a Transfer sent the call and how the number answered, and a number that is not valid by its branch', async () => {
    const tab = await openSample('front-desk');
    expect(await tab.isHidden('#transfers-panel')).toBe(true);
    await tab.click('#start-call');
    await tab.waitForSelector('#flowchart g.node.current[data-action="main_menu"]', { timeout: 30_000 });
    await tab.click('#keypad button[data-key="3"]');
    // The lost-card line answers after 8 s (the scenario's numbers).
    await tab.click('input[name="speed"][value="instant"]');
    const transfer = tab.locator('#transfers li.transfer[data-action="lost_card_line"]');
    await tab.waitForSelector('#transfers li.transfer[data-answer="Answered"]', { timeout: 30_000 });
    expect(await transfer.locator('.transfer-line').textContent()).toMatch(/^\d\d:\d\d\.\d{3} lost_card_line \(Transfer\) dials 18005550199, showing caller id \d+$/);
    expect(await transfer.locator('.transfer-result').textContent()).toBe('answered: the caller left the script for 18005550199');
    expect(await transfer.locator('.transfer-why').textContent()).toContain('the scenario says 18005550199 answers after 8 s');

    // A number that is no phone number: the caller stays, on the branch for it.
    await tab.click('#reset');
    await tab.waitForSelector('#clock:has-text("running 1x")');
    await setEditorText(tab, readFileSync(`${root}scripts/front-desk.yaml`, 'utf8').replace('LostCardNumber: "18005550199"', 'LostCardNumber: "12"'));
    await tab.waitForSelector('#revert-sample:not([disabled])');
    await tab.waitForSelector('#start-call:not([disabled])');
    await tab.click('#start-call');
    await tab.waitForSelector('#flowchart g.node.current[data-action="main_menu"]', { timeout: 30_000 });
    await tab.click('#keypad button[data-key="3"]');
    const invalid = tab.locator('#transfers li.transfer[data-answer="OnInvalidNumber"]');
    await invalid.waitFor({ timeout: 30_000 });
    expect(await invalid.locator('.transfer-line').textContent()).toContain('lost_card_line (Transfer) dials 12');
    expect(await invalid.locator('.transfer-result').textContent()).toBe('the number is not valid: the caller stays in the script: OnInvalidNumber → line_busy');
    mkdirSync(screenshots, { recursive: true });
    await tab.screenshot({ path: `${screenshots}/playground-transfer-1366x768.png` });
    await tab.context().close();
  }, 90_000);
});

describe('signalling a contact from the page', () => {
  it('sends a signal to the call (tech-support): the trace shows it arrived from outside and OnSignal runs; a refusal reads as a sentence', async () => {
    const tab = await freshPage();
    await tab.selectOption('#sample-select', 'tech-support');
    await expect.poll(() => editorText(tab)).toBe(readFileSync(`${root}scripts/tech-support.yaml`, 'utf8'));
    await tab.waitForSelector('#start-call:not([disabled])');
    const answered = tab.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/sim/reset');
    await Promise.all([answered, tab.click('#reset')]);
    // No call, no signal.
    expect(await tab.isHidden('#signal-panel')).toBe(true);
    await tab.click('#start-call');
    await tab.waitForSelector('#contact-status[data-state="live"]');
    const callId = ((await tab.textContent('#contact-status')) ?? '').split(':')[0] as string;
    // The call holds while the technicians' scripts dial (Alex answers 10 s after the dial): signal it first.
    await tab.waitForSelector('#flowchart g.node.current[data-action="hold_music"]', { timeout: 30_000 });
    await tab.waitForSelector(`#signal-panel[data-contact="${callId}"]:not([hidden])`);
    expect(await tab.textContent('#signal-target')).toContain(`To ${callId} (the call)`);
    await tab.fill('#signal-p1', 'TechFound');
    await tab.fill('#signal-p2', 'Sam');
    await tab.fill('#signal-p3', '+15551110001');
    const sent = tab.waitForResponse((response) => response.request().method() === 'POST' && /\/interactions\/[^/]+\/signal$/.test(new URL(response.url()).pathname));
    await tab.click('#send-signal');
    expect((await sent).status()).toBe(202);
    await tab.waitForSelector('#signal-result[data-outcome="sent"]');
    expect(await tab.textContent('#signal-result')).toBe(`Signal sent to ${callId} with SP1 = TechFound, SP2 = Sam, SP3 = +15551110001, source contact ID 0: its OnSignal runs (see the trace).`);
    // The trace: a row saying the signal came from outside (source 0), the hold music cut short, then OnSignal's action.
    const signalRow = tab.locator('#trace tbody tr.signal-row[data-source="0"]');
    await signalRow.waitFor({ timeout: 30_000 });
    expect(await signalRow.locator('.notes-text').textContent()).toContain('source contact ID 0');
    await tab.waitForSelector('#trace tbody tr[data-action="signalled"]', { timeout: 30_000 });
    const rows = await tab.locator('#trace tbody tr:not(.current-row)').evaluateAll((found: Array<{ className: string; dataset: Record<string, string | undefined> }>) => found.map((row) => (row.className.includes('signal-row') ? 'signal' : (row.dataset['action'] ?? ''))));
    const at = rows.indexOf('signal');
    // The signal comes first: it is what cuts the hold music short.
    expect(rows.slice(at, at + 3)).toEqual(['signal', 'hold_music', 'signalled']);
    expect(await tab.locator('#trace tbody tr.interrupted[data-action="hold_music"] .branch').textContent()).toBe('(cut short by OnSignal)');
    // OnSignal took the values: the caller is put through to Sam.
    await tab.waitForSelector('#trace tbody tr[data-action="which_result"]');
    expect(await tab.locator('#trace tbody tr[data-action="which_result"] .branch-name').textContent()).toBe('TechFound');
    await tab.waitForSelector('#contact-status[data-state="ended"]', { timeout: 30_000 });
    // The outcome stays in view; the form goes, as there is nothing left to signal.
    await tab.waitForSelector('#signal-form[hidden]', { state: 'attached' });
    expect(await tab.textContent('#signal-target')).toBe(`${callId} no longer runs a script with an OnSignal: there is nothing more to signal.`);
    expect(await tab.textContent('#signal-result')).toContain('its OnSignal runs');

    // A contact that ends between the click and the server: the 404 reads as a sentence, not a code.
    await tab.click('#start-call');
    await tab.waitForSelector('#flowchart g.node.current[data-action="hold_music"]', { timeout: 30_000 });
    const secondId = ((await tab.textContent('#contact-status')) ?? '').split(':')[0] as string;
    await tab.route('**/interactions/*/signal', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: 'NotFound', message: `Contact ${secondId} has ended, so it cannot be signalled` }) }));
    await tab.waitForSelector('#signal-panel:not([hidden]) #signal-form:not([hidden])');
    await tab.click('#send-signal');
    await tab.waitForSelector('#signal-result[data-outcome="refused"]');
    expect(await tab.textContent('#signal-result')).toBe(`${secondId} has ended, so it cannot be signalled any more. Start a call to signal again.`);
    expect(await tab.isHidden('#error')).toBe(true);
    await tab.context().close();
  }, 90_000);
});

describe('background callers on the page', () => {
  it('starts the scenario\'s callers beside the call and shows the queue order and who answered whom', async () => {
    // The front-desk sample as served, with two callers added to its scenario (the page passes them with the call).
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.route('**/sim/samples', async (route) => {
      const served = await route.fetch();
      const body = (await served.json()) as { samples: Array<{ name: string; scenario: Record<string, unknown> | null }> };
      for (const sample of body.samples) if (sample.name === 'front-desk' && sample.scenario) sample.scenario['callers'] = { Ann: { at: 0.5, input: ['1'] }, Bo: { at: 1, ani: '5550002222', input: ['1'] } };
      await route.fulfill({ response: served, json: body });
    });
    const tab = await context.newPage();
    tab.on('pageerror', (error) => pageErrors.push(error.message));
    await openPlayground(tab);
    await tab.selectOption('#sample-select', 'front-desk');
    await expect.poll(() => editorText(tab)).toBe(readFileSync(`${root}scripts/front-desk.yaml`, 'utf8'));
    await tab.waitForSelector('#start-call:not([disabled])');
    const answered = tab.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/sim/reset');
    await Promise.all([answered, tab.click('#reset')]);
    expect(await tab.isHidden('#callers-panel')).toBe(true);
    await tab.click('#start-call');
    await tab.waitForSelector('#contact-status[data-state="live"]');
    const callId = ((await tab.textContent('#contact-status')) ?? '').split(':')[0] as string;
    await tab.waitForSelector('#callers-panel:not([hidden])');
    // Ann (first to queue) rings at the front desk's agent, who answers after 40 s; Bo waits first in line.
    const ann = tab.locator('#callers li.caller-item[data-name="Ann"]');
    const bo = tab.locator('#callers li.caller-item[data-name="Bo"]');
    await tab.waitForSelector('#callers li.caller-item[data-name="Bo"][data-state="queued"][data-place="1"]', { timeout: 30_000 });
    const boId = (await bo.getAttribute('data-contact')) as string;
    expect(await bo.locator('.caller-line').textContent()).toMatch(new RegExp(`^Bo \\(${boId}\\) called at 00:0\\d\\.\\d{3}$`));
    expect(await bo.locator('.caller-state').textContent()).toMatch(/^in the queue since \d\d:\d\d\.\d{3}, 1st in line$/);
    await tab.waitForSelector('#callers li.caller-item[data-name="Ann"][data-state="ringing"]', { timeout: 30_000 });
    expect(await ann.locator('.caller-state').textContent()).toBe('ringing at agent 2002');
    // The call joins the queue behind Bo.
    await tab.waitForSelector('#flowchart g.node.current[data-action="main_menu"]', { timeout: 30_000 });
    await tab.click('#keypad button[data-key="1"]');
    await expect.poll(() => tab.textContent('#queue-order'), { timeout: 30_000 }).toBe(`The queue, next first: Bo (${boId}), this call (${callId}).`);
    // Instant speed: the agent takes Ann, then Bo, then the call.
    await tab.click('input[name="speed"][value="instant"]');
    await tab.waitForSelector('#callers li.caller-item[data-name="Bo"][data-state="ended"]', { timeout: 30_000 });
    expect(await ann.locator('.caller-state').textContent()).toMatch(/^ended: .*\(answered by agent 2002 at 00:4\d\.\d{3}\)$/);
    expect(await bo.locator('.caller-state').textContent()).toMatch(/\(answered by agent 2002 at \d\d:\d\d\.\d{3}\)$/);
    expect(await bo.locator('.caller-path').textContent()).toMatch(/^path: begin → check_hours → tell_supervisor → main_menu → queue/);
    // A caller's own trace, and back.
    await bo.locator('button.view-caller').click();
    await tab.waitForSelector(`#viewing[data-contact="${boId}"]:not([hidden])`);
    expect(await tab.textContent('#viewing-text')).toContain(`Bo (${boId}), a background caller of this call's script: ended`);
    await tab.waitForSelector('#trace tbody tr[data-action="main_menu"]');
    await tab.click('#view-call');
    await tab.waitForSelector('#viewing[hidden]', { state: 'attached' });
    mkdirSync(screenshots, { recursive: true });
    await tab.screenshot({ path: `${screenshots}/playground-callers-1366x768.png` });
    await context.close();
  }, 90_000);
});

describe('every sample, branch by branch, in the browser', () => {
  const cases = sampleCases();

  it('drives more than the vendor sample', () => {
    expect(new Set(cases.map((c) => c.sample)).size).toBeGreaterThanOrEqual(4);
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  let tab: Page;
  it.each(cases.map((c) => [`${c.sample}: ${c.testCase.name}`, c] as const))('%s: the page reaches the end on the CLI\'s path', async (_name, sampleCase) => {
    tab ??= await freshPage({ width: 1366, height: 768 });
    if ((await tab.inputValue('#sample-select')) !== sampleCase.sample) {
      await tab.selectOption('#sample-select', sampleCase.sample);
      await expect.poll(() => editorText(tab)).toBe(readFileSync(`${root}scripts/${sampleCase.sample}.yaml`, 'utf8'));
    }
    await tab.waitForSelector('#start-call:not([disabled])');
    // A fresh world from the sample's scenario, paused so nothing times out while the test types.
    // Each request answered before the next click: two requests in flight may reach the server in either order.
    const answered = (method: string, path: string) => tab.waitForResponse((response) => response.request().method() === method && new URL(response.url()).pathname === path);
    await Promise.all([answered('POST', '/sim/reset'), tab.click('#reset')]);
    await Promise.all([answered('PUT', '/sim/clock'), tab.click('#pause')]);
    await tab.waitForSelector('#clock:has-text("paused")');
    expect((await serverClock()).mode).toBe('paused');
    for (const [agentId, wanted] of Object.entries(sampleCase.agentStates)) {
      const agent = tab.locator(`.agent[data-agent="${agentId}"]`);
      const now = await agent.locator('.agent-state').getAttribute('data-state');
      if (wanted === 'LoggedOut' && now !== 'LoggedOut') await agent.locator('button.logout').click();
      if (wanted !== 'LoggedOut' && now === 'LoggedOut') await agent.locator('button.login').click();
      await agent.locator(wanted === 'LoggedOut' ? '.agent-state[data-state="LoggedOut"]' : '.agent-state:not([data-state="LoggedOut"])').waitFor();
    }
    await tab.click('#start-call');
    await tab.waitForSelector('#contact-status[data-state="live"]');
    const inputs = [...sampleCase.testCase.scenario.caller.input];
    let before = 0;
    /** Run to end, unless the call already ended (a script without a Menu may end at its first request). */
    const runToEnd = async () => {
      if (!(await tab.isEnabled('#run-to-end')) && (await callState(tab)).ended) return;
      await tab.click('#run-to-end');
    };
    await runToEnd();
    await settled(tab, before);
    // Keys as the case gives them; once they run out, silence (as the CLI's caller): a bounded number of turns.
    for (let turn = 0; turn < 20 && !(await callState(tab)).ended; turn++) {
      const input = inputs.shift();
      before = (await callState(tab)).entries;
      if (input?.kind === 'digits') {
        const pressed = (await callState(tab)).keys;
        // Typed, as a learner may: the keyboard reaches keys the keypad greys out (a wrong key).
        await tab.keyboard.type(input.digits);
        await expect.poll(async () => (await callState(tab)).keys).toBe(pressed + input.digits);
      } else {
        // Silence: Step lets the Menu or Capture time out.
        await tab.click('#step');
        await expect.poll(async () => (await callState(tab)).entries, { timeout: 30_000 }).toBeGreaterThan(before);
        if ((await callState(tab)).ended) break;
      }
      await runToEnd();
      await settled(tab, before);
    }
    await tab.waitForSelector('#contact-status[data-state="ended"]');
    const pagePath = await tab.locator('#trace tbody tr:not(.current-row):not(.signal-row)').evaluateAll((rows: Array<{ dataset: Record<string, string | undefined> }>) => rows.map((row) => row.dataset['action'] ?? ''));
    expect(pagePath).toEqual(sampleCase.cliPath);
  }, 120_000);

  afterAll(async () => {
    await tab?.context().close();
  });
});
