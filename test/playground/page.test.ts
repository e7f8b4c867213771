/**
 * The playground in a real browser: Debian's chromium, driven by
 * playwright-core against the real `studio-sim serve`. Every wait is for a
 * condition on the page, never for a fixed time.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const token = 'playground-admin-token-0123456789';
const screenshot = `${root}docs/playground.png`;

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
  return { askedForToken };
}

/** The number of steps in the trace (the row of the action the call stands at is not one). */
async function stepRows(): Promise<number> {
  return page.locator('#trace tbody tr:not(.current-row)').count();
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
    await page.waitForSelector('#problems li.none');
    await page.waitForSelector('#flowchart g.node[data-action="main_menu"]');
    expect(await page.locator('#flowchart g.node').count()).toBeGreaterThan(15);
    expect(await page.locator('#flowchart g.edge.preempts').count()).toBeGreaterThan(0);
    await page.waitForSelector('.agent[data-agent="1001"]');
    await page.waitForSelector('.agent[data-agent="2002"]');
    // Clicking an action in the flowchart finds it in the script.
    await page.click('#flowchart g.node[data-action="hold_wait"]');
    expect(await page.locator('.cm-activeLine').textContent()).toBe('  hold_wait:');
    expect(page.url()).not.toContain(token);
    expect(await page.locator('#error').isHidden()).toBe(true);
  }, 60_000);

  it('takes the caller through the menu: press 2, and the custom event arrives in the agent panel', async () => {
    await page.click('#pause');
    await page.waitForSelector('#clock[data-mode="paused"]');
    // A fresh world with the clock standing at zero: the run below takes the same virtual times every time.
    await page.click('#reset');
    await page.waitForSelector('#clock:has-text("00:00.000")');
    await page.click('#start-call');
    await page.waitForSelector('#flowchart g.node.current[data-action="begin"]');
    // The script's text marks it too.
    expect(await page.locator('.cm-current-action').textContent()).toBe('  begin:');
    await page.click('#keypad button[data-key="2"]');
    await page.waitForSelector('#keys-pressed:has-text("2")');
    const monitor = page.locator('.agent[data-agent="1001"]');
    // Step until the script's own GetNextEvent has read the event back from agent 1001's stream.
    for (let i = 0; i < 10 && (await monitor.locator('.stream li.kind-delivered.custom-event').count()) === 0; i++) await stepOnce();
    const delivered = monitor.locator('.stream li.kind-delivered.custom-event');
    await delivered.first().waitFor();
    expect(await delivered.first().locator('.event.custom-event .event-name').textContent()).toBe('Menu_Choice');
    expect(await delivered.first().locator('.event.custom-event .event-data').textContent()).toBe('"Menu Press 2"');
    expect(await monitor.locator('.stream li.kind-emitted.custom-event .event-name').first().textContent()).toBe('Menu_Choice');
    // The path so far is marked: the menu took branch "2".
    expect(await page.locator('#flowchart g.node.visited[data-action="main_menu"]').count()).toBe(1);
    expect(await page.locator('#flowchart g.edge.taken[data-from="main_menu"][data-branch="2"]').count()).toBe(1);
    expect(await page.locator('#trace tbody tr[data-action="main_menu"] .branch').first().textContent()).toContain('2 → notify_monitor');
  }, 60_000);

  it('steps through to OnAnswer once agent 2002 logs in and answers', async () => {
    const agent = page.locator('.agent[data-agent="2002"]');
    if (await agent.locator('button.login').isEnabled()) {
      await agent.locator('button.login').click();
      await agent.locator('.agent-state[data-state="Available"]').waitFor();
    }
    for (let i = 0; i < 30 && (await page.locator('#trace tbody tr[data-action="answered"]:not(.current-row)').count()) === 0; i++) {
      if (await agent.locator('button.answer.ringing').count()) {
        await agent.locator('button.answer').click();
        await page.waitForSelector('#flowchart g.node.current[data-action="answered"]');
      }
      await stepOnce();
    }
    await page.waitForSelector('#trace tbody tr[data-action="answered"]:not(.current-row)');
    expect(await page.locator('#trace tbody tr[data-action="answered"] .action-type').first().textContent()).toBe('OnAnswer');
    // Run the rest: the script sends the caller's details to the answering agent, then ends.
    await page.click('#run-to-end');
    await page.waitForSelector('#contact-status[data-state="ended"]');
    await agent.locator('.stream li.custom-event .event-name:text-is("Caller_Info")').first().waitFor();
    expect(await page.locator('#trace tbody tr[data-action="connected"]').count()).toBe(1);
    mkdirSync(`${root}docs`, { recursive: true });
    await page.screenshot({ path: screenshot });
    expect(existsSync(screenshot)).toBe(true);
  }, 90_000);

  it('downloads the report and a test case of the call', async () => {
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
    const reportText = readFileSync(await report.path(), 'utf8');
    expect(JSON.parse(reportText)).toMatchObject({ done: true, steps: expect.arrayContaining([expect.objectContaining({ action: 'answered' })]) });
    const [testCase] = await Promise.all([page.waitForEvent('download'), page.click('#download-test-case')]);
    expect(testCase.suggestedFilename()).toBe('playground.test.yaml');
    const caseText = readFileSync(await testCase.path(), 'utf8');
    expect(caseText).toContain('script: playground.yaml');
    expect(caseText).toContain('answered');
    // The script it names downloads beside it, as the editor holds it.
    const [script] = await Promise.all([page.waitForEvent('download'), page.click('#download-script')]);
    expect(script.suggestedFilename()).toBe('playground.yaml');
    expect(readFileSync(await script.path(), 'utf8')).toBe(readFileSync(`${root}scripts/custom-event-sample.yaml`, 'utf8'));
  }, 60_000);

  it('shows a syntax error at its line as you type, and clicking it goes there', async () => {
    const sample = readFileSync(`${root}scripts/custom-event-sample.yaml`, 'utf8').split('\n');
    const menuTypeLine = sample.findIndex((line) => /^\s+type: Menu\s*$/.test(line)) + 1;
    expect(menuTypeLine).toBeGreaterThan(0);
    // The flowchart takes the cursor to the menu's id; its type is on the next line.
    await page.click('#flowchart g.node[data-action="main_menu"]');
    expect(await page.locator('.cm-activeLine').textContent()).toBe('  main_menu:');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.cm-activeLine').textContent()).toBe('    type: Menu');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('this line has no colon');
    const brokenLine = menuTypeLine + 1;
    const problem = page.locator(`#problems li.problem.severity-error[data-line="${brokenLine}"]`);
    await problem.waitFor();
    expect(await problem.getAttribute('data-code')).toBe('yaml-syntax');
    // Inline too: the range is marked in the text and the gutter has a marker.
    await page.waitForSelector('.cm-lintRange-error');
    await page.waitForSelector('.cm-lint-marker-error');
    expect(await page.locator('#hint').textContent()).toContain('errors');
    // Move away, then let the problem bring the cursor back to its line.
    await page.locator('.cm-line').first().click();
    await problem.click();
    expect(await page.locator('.cm-activeLine').textContent()).toContain('this line has no colon');
  }, 60_000);

  it('completes action types from the reference and explains a property on hover', async () => {
    await page.click('#flowchart g.node[data-action="hold_wait"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    expect(await page.locator('.cm-activeLine').textContent()).toBe('    type: Wait');
    for (let i = 0; i < 'Wait'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('Cap');
    const capture = page.locator('.cm-tooltip-autocomplete li', { hasText: 'Capture' });
    await capture.waitFor();
    await capture.click();
    expect(await page.locator('.cm-activeLine').textContent()).toBe('    type: Capture');
    // Hover tells what a property means for its action's type: the Wait's Timeout is now a Capture's.
    await page.locator('.cm-line', { hasText: 'properties: { Timeout: 30 }' }).locator('text=Timeout').hover();
    const help = page.locator('.hover-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Capture.Timeout');
  }, 60_000);

  it('loads another sample: its text, its flowchart and its agents', async () => {
    await page.selectOption('#sample-select', 'first-custom-event');
    await page.waitForSelector('#flowchart g.node[data-action="tell_supervisor"]');
    expect(await page.locator('.cm-content').textContent()).toContain('name: FirstCustomEvent');
    await page.waitForSelector('#problems li.none');
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
