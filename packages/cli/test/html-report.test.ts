// The HTML audit report, opened in a real headless Chromium (Debian's package) through playwright-core:
// self-contained (no network), totals equal to the JSON report's, filters and expanding rows work,
// no raw secret anywhere in the page. A screenshot is written to .test-output/ for a person to look at.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT_ENV, git } from './git-helpers.js';
import { fixtures, perTestTemp, repoRoot, runHushProcess } from './helpers.js';

const temp = perTestTemp();
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
let browser: Browser;
const SLACK_WEBHOOK = 'https://hooks.slack.com/services/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';

beforeAll(async () => {
  if (!chromiumPath) throw new Error('chromium is not installed (the test command installs it: scripts/system-tools.mjs)');
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});
afterAll(async () => browser?.close());

function commit(repo: string, message: string, date: string) {
  git(repo, 'add', '-A');
  spawnSync('git', ['commit', '-q', '--no-verify', '-m', message], {
    cwd: repo,
    env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

/** The sample app over three months: one secret later removed (history only). */
function sampleHistory(): string {
  const repo = temp.dir('hush-html-');
  git(repo, 'init', '-q', '-b', 'main');
  cpSync(join(fixtures, 'sample-app'), repo, { recursive: true });
  commit(repo, 'Sample app', '2026-03-02T10:00:00Z');
  writeFileSync(join(repo, 'legacy.env'), `SLACK_WEBHOOK=${SLACK_WEBHOOK}\n`);
  commit(repo, 'Add legacy notifier', '2026-05-11T10:00:00Z');
  git(repo, 'rm', '-q', 'legacy.env');
  commit(repo, 'Remove legacy notifier', '2026-06-20T10:00:00Z');
  return repo;
}

describe('hush audit --format html', () => {
  it('is one self-contained page that a browser shows with the JSON report’s totals, filters and playbooks', async () => {
    const repo = sampleHistory();
    const json = runHushProcess(['audit', repo, '--no-cache', '--format', 'json']);
    expect(json.code, json.stderr).toBe(1);
    const report = JSON.parse(json.stdout) as { findings: Array<{ severity: string; inHead: boolean }> };
    // The raw secrets: those still in the tree (a scan that shows them) and the one only in history.
    const tree = JSON.parse(runHushProcess(['scan', repo, '--format', 'json', '--show-secrets']).stdout) as { findings: Array<{ secret: string }> };
    const secrets = [...tree.findings.map((f) => f.secret), SLACK_WEBHOOK];
    expect(tree.findings.length).toBeGreaterThan(2);
    expect(report.findings.some((f) => f.inHead === false)).toBe(true);

    const out = join(temp.dir('hush-html-out-'), 'report.html');
    const html = runHushProcess(['audit', repo, '--no-cache', '--format', 'html', '--output', out]);
    expect(html.code, html.stderr).toBe(1);
    const page = readFileSync(out, 'utf8');
    for (const secret of secrets) expect(page).not.toContain(secret);
    // Nothing from elsewhere: no external scripts, styles, fonts or images.
    expect(page).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(page).not.toMatch(/url\(|@import|https?:\/\/[^"'<\s]*\.(js|css|woff2?|png|svg)/i);

    const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    tab.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    tab.on('pageerror', (e) => consoleErrors.push(e.message));
    tab.on('request', (r) => requests.push(r.url()));
    await tab.goto(pathToFileURL(out).href);

    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(out).href]);
    const bodyText = await tab.locator('body').innerText();
    for (const secret of secrets) expect(bodyText).not.toContain(secret);

    // Totals shown equal the JSON report's.
    expect(await tab.locator('#total').innerText()).toBe(String(report.findings.length));
    for (const severity of ['critical', 'high', 'medium', 'low']) {
      const expected = report.findings.filter((f) => f.severity === severity).length;
      expect(await tab.locator(`[data-total="severity:${severity}"]`).innerText()).toBe(String(expected));
    }
    const historyOnly = report.findings.filter((f) => f.inHead === false).length;
    expect(await tab.locator('[data-total="status:only in history"]').innerText()).toBe(String(historyOnly));
    expect(await tab.locator('svg[role="img"] rect').count()).toBeGreaterThanOrEqual(2);

    // Filtering by severity changes the visible rows as expected.
    const visible = () => tab.locator('tr.finding:visible').count();
    expect(await visible()).toBe(report.findings.length);
    const severity = report.findings[0].severity;
    await tab.selectOption('select[data-filter="severity"]', severity);
    expect(await visible()).toBe(report.findings.filter((f) => f.severity === severity).length);
    expect(await tab.locator('#shown').innerText()).toBe(String(report.findings.filter((f) => f.severity === severity).length));
    await tab.selectOption('select[data-filter="status"]', 'history-only');
    expect(await visible()).toBe(report.findings.filter((f) => f.severity === severity && f.inHead === false).length);
    await tab.selectOption('select[data-filter="status"]', '');
    await tab.selectOption('select[data-filter="severity"]', '');
    expect(await visible()).toBe(report.findings.length);

    // A row expands to its whole playbook.
    const row = tab.locator('tr.finding').first();
    await expect.poll(() => row.locator('.playbook').isVisible()).toBe(false);
    await row.locator('summary').click();
    expect(await row.locator('.playbook').isVisible()).toBe(true);
    expect(await row.locator('.playbook').innerText()).toMatch(/Rotate it now/);
    expect(await row.locator('.playbook ol li').count()).toBeGreaterThan(0);

    // A narrow window still shows every finding (cards instead of a wide table).
    await tab.setViewportSize({ width: 380, height: 800 });
    expect(await visible()).toBe(report.findings.length);
    await tab.setViewportSize({ width: 1100, height: 900 });

    const shots = join(repoRoot, '.test-output');
    mkdirSync(shots, { recursive: true });
    await tab.screenshot({ path: join(shots, 'html-report.png'), fullPage: true });
    await tab.close();
  });

  it('lays out totals at their own height, words filters as the table does, and shows each redacted secret in its row (issue 22)', async () => {
    const repo = sampleHistory();
    const report = JSON.parse(runHushProcess(['audit', repo, '--no-cache', '--format', 'json']).stdout) as { findings: Array<{ secret: string }> };
    const out = join(temp.dir('hush-html-out-'), 'report.html');
    expect(runHushProcess(['audit', repo, '--no-cache', '--format', 'html', '--output', out]).code).toBe(1);
    const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    try {
      await tab.goto(pathToFileURL(out).href);
      // Each totals table is as tall as its caption and rows: none stretched to the tallest one's height.
      const tables = tab.locator('.summary table.totals');
      expect(await tables.count()).toBe(3);
      const heights: number[] = [];
      for (let i = 0; i < 3; i++) {
        const table = tables.nth(i);
        const own = await table.evaluate((t) => {
          const rows = [...t.querySelectorAll('caption, tr')].reduce((sum, r) => sum + r.getBoundingClientRect().height, 0);
          return { box: t.getBoundingClientRect().height, rows };
        });
        expect(own.box).toBeLessThanOrEqual(own.rows + 2);
        heights.push(own.box);
      }
      expect(new Set(heights.map(Math.round)).size).toBeGreaterThan(1);
      // The status filter's options read as the Status column and the totals do.
      const options = (await tab.locator('select[data-filter="status"] option').allInnerTexts()).filter((o) => o !== 'all');
      const cells = new Set(await tab.locator('tr.finding td:nth-child(6)').allInnerTexts());
      expect(options.length).toBeGreaterThan(1);
      for (const option of options) expect(cells).toContain(option);
      expect(options).toContain('only in history');
      // Without expanding anything, each row shows its redacted secret (as the JSON report has it).
      const shown = await tab.locator('tr.finding td.secret').allInnerTexts();
      expect(shown.sort()).toEqual(report.findings.map((f) => f.secret).sort());
      for (const secret of shown) expect(secret).toMatch(/\*{4,}/);
      expect(await tab.locator('tr.finding td.secret').first().isVisible()).toBe(true);
    } finally {
      await tab.close();
    }
  });

  it('reads without JavaScript: every finding and its playbook are in the HTML', async () => {
    const repo = sampleHistory();
    const out = join(temp.dir('hush-html-out-'), 'report.html');
    expect(runHushProcess(['audit', repo, '--no-cache', '--format', 'html', '--output', out]).code).toBe(1);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(out).href);
    const rows = await tab.locator('tr.finding').count();
    expect(rows).toBeGreaterThan(2);
    expect(await tab.locator('tr.finding:visible').count()).toBe(rows);
    await tab.locator('tr.finding summary').first().click();
    expect(await tab.locator('tr.finding .playbook').first().isVisible()).toBe(true);
    await context.close();
  });
});
