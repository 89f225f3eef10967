// The portal in a real browser: Debian's Chromium driven by playwright-core, against the built `tianbao serve`.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formById } from '@tianbao/forms';
import { writeWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempDir } from './run.ts';

const CHROMIUM = '/usr/bin/chromium';
/** Where the screenshots go, to be looked at. */
const SHOTS = '/tmp/srv-pages';

const ledger = formById('review-ledger');

/** 修武县's June ledger with a `<script>` typed into a problem, a warning (3 problems, 2 measures), and unless fixed an error (a deadline that is no date). */
function ledgerOf(fixed: boolean) {
  const data = structuredClone(ledger.samples.find((s) => s.unit === '修武县')!) as any;
  data.rows.hearing.problems.push('<script>alert("台账")</script>听证笔录不全');
  if (!fixed) data.rows.acceptance.deadlines = ['尽快'];
  return writeWorkbook(ledger, data);
}

/** Run the built CLI with `input` on its standard input. */
async function tianbao(args: string[], input = '') {
  const child = spawn(BIN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.stdin.end(input);
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`tianbao ${args.join(' ')}: ${out}`);
}

/** `tianbao serve` on a free port over `data`, and the address it prints. */
async function serve(data: string): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(BIN, ['serve', '--port', '0', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stderr.on('data', (d) => (out += d));
  const base = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (d) => {
      out += d;
      const url = /^tianbao 门户已启动：(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out)?.[1];
      if (url) resolve(url);
    });
    server.once('exit', () => reject(new Error(`serve stopped: ${out}`)));
  });
  return { server, base };
}

describe('the portal in Chromium', () => {
  const dir = tempDir();
  let server: ChildProcess;
  let base: string;
  let browser: BrowserContext;
  let page: Page;
  let task: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const data = join(dir, 'data');
    await tianbao(['users', 'add', '--name', 'xiuwu', '--role', 'unit', '--unit', '修武县', '--password-stdin', '--data', data], '修武口令12345');
    await tianbao(['users', 'add', '--name', 'city', '--role', 'city', '--password-stdin', '--data', data], '市级口令12345');
    ({ server, base } = await serve(data));
    // The city opens the task through the API, as a script would.
    const login = await fetch(new URL('api/login', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'city', password: '市级口令12345' }) });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const opened = await fetch(new URL('api/tasks', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ form: 'review-ledger', period: '2023-06', due: '2099-06-28', units: ['修武县', '温县'] }),
    });
    task = ((await opened.json()) as { id: string }).id;
    browser = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      acceptDownloads: true,
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    // A `<script>` in a cell that ran would open this.
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (server) await once(server, 'exit');
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  async function logIn(name: string, password: string) {
    await page.goto(new URL('login', base).href);
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  it('takes a clerk from a faulty ledger to an accepted one, and the city sees it pass', async () => {
    await page.goto(new URL('login', base).href);
    await shot('0-login');
    await logIn('xiuwu', '修武口令12345');
    await page.waitForURL(/\/home$/);
    await expect(page.locator(`#task-${task} .state`).first().textContent()).resolves.toBe('未报');
    await shot('1-home');

    // A faulty ledger: the page shows its cells, the error and the warning on theirs.
    const faulty = join(dir, '修武县台账.xlsx');
    writeFileSync(faulty, await ledgerOf(false));
    await page.locator(`#task-${task} input[type=file]`).setInputFiles(faulty);
    await page.locator(`#task-${task} button[type=submit]`).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]+$/);
    await expect(page.locator('#verdict').textContent()).resolves.toBe('不通过');
    const e4 = page.locator('td[data-cell="E4"]');
    await expect(e4.getAttribute('class')).resolves.toBe('flag-error whole');
    await expect(e4.textContent()).resolves.toContain('尽快【错误】完成时限「尽快」无法识别为日期');
    await expect(page.locator('td[data-cell="D5"]').getAttribute('class')).resolves.toBe('flag-warning');
    // The `<script>` typed into a cell is text on the page.
    await expect(page.locator('td', { hasText: '<script>alert("台账")</script>听证笔录不全' }).count()).resolves.toBe(1);
    await shot('2-faulty');
    // On a narrow window a date stays on one line: the table scrolls sideways rather than break it.
    await page.setViewportSize({ width: 360, height: 900 });
    const lines = (ref: string) =>
      page.locator(`td[data-cell="${ref}"]`).evaluate((td) => {
        const range = document.createRange();
        range.selectNodeContents(td.firstChild!);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
    await expect(page.locator('td[data-cell="E5"]').textContent()).resolves.toBe('2023年8月31日');
    await expect(lines('E5')).resolves.toBe(1);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The warning explained.
    await page.getByLabel('D5 的说明').fill('第三个问题为本月新发现，改进措施正在研究，下月补报');
    await page.getByRole('button', { name: '保存说明' }).click();
    await page.waitForURL(/\?saved=1$/);
    await expect(page.locator('td[data-cell="D5"]').getAttribute('class')).resolves.toBe('flag-explained');
    await shot('3-explained');

    // The marked-up copy: the error and the explanation as comments on their cells.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('link', { name: '下载批注副本' }).click()]);
    const copy = join(dir, 'copy.xlsx');
    await download.saveAs(copy);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    const sheet = wb.getWorksheet(ledger.layout.sheet)!;
    const note = (ref: string) => JSON.stringify(sheet.getCell(ref).note ?? '');
    expect(note('E4')).toContain('无法识别为日期');
    expect(note('D5')).toContain('第三个问题为本月新发现');

    // The fixed ledger, uploaded again from the same page.
    await page.goto(new URL(`home`, base).href);
    const fixed = join(dir, '修武县台账（改）.xlsx');
    writeFileSync(fixed, await ledgerOf(true));
    await page.locator(`#task-${task} input[type=file]`).setInputFiles(fixed);
    await page.locator(`#task-${task} button[type=submit]`).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]+$/);
    await expect(page.locator('#verdict').textContent()).resolves.toBe('通过');
    // The warning is still there: its explanation of the last upload is offered again, and confirmed.
    await expect(page.getByLabel('D5 的说明').inputValue()).resolves.toBe('第三个问题为本月新发现，改进措施正在研究，下月补报');
    await shot('4-fixed');
    await page.getByRole('button', { name: '保存说明' }).click();
    await page.waitForURL(/\?saved=1$/);

    // The city's board: 修武县 green (passed, its warning explained), 温县 not yet.
    await page.locator('header form button').click();
    await page.waitForURL(/\/login$/);
    await logIn('city', '市级口令12345');
    await page.waitForURL(/\/board$/);
    const cell = page.locator(`td[data-unit="修武县"][data-task="${task}"]`);
    await expect(cell.getAttribute('class')).resolves.toBe('cell-explained');
    await expect(cell.locator('.state').first().textContent()).resolves.toBe('已说明');
    await expect(page.locator(`td[data-unit="温县"][data-task="${task}"]`).getAttribute('class')).resolves.toBe('cell-not-due');
    await shot('5-board');
    await page.getByRole('link', { name: '2023年6月行政复议工作问题台账' }).click();
    await shot('6-task');
    await page.getByRole('link', { name: '账号与密码' }).click();
    await shot('7-account');
    expect(dialogs).toEqual([]);
  }, 180_000);

  it('grows the board with its units, so that the 合计 row of a task of every unit is never cut off', async () => {
    // Still the city's office: a task of every unit, opened through the board's form.
    await page.goto(new URL('board', base).href);
    // The form offers what the chosen form takes: a month only for a monthly form, the city only for one it reports.
    const city = page.locator('#city-reports');
    await page.locator('select#form').selectOption('census-roster');
    expect([await page.locator('#period').isDisabled(), await city.isVisible()]).toEqual([true, true]);
    await page.locator('select#form').selectOption('review-ledger');
    expect([await page.locator('#period').isDisabled(), await city.isVisible()]).toEqual([false, false]);
    // Never an empty month field, which Chromium shows as dashes.
    expect(await page.locator('#period').inputValue()).toMatch(/^\d{4}-\d{2}$/);
    await page.locator('#period').fill('2023-07');
    await page.locator('#due').fill('2099-07-28');
    await page.getByRole('button', { name: '新建任务' }).click();
    await page.waitForURL(/\/board\?created=1$/);
    await page.setViewportSize({ width: 1280, height: 600 });
    const wrap = page.locator('table.board').locator('xpath=..');
    const [scrolled, shown] = await wrap.evaluate((e) => [e.scrollHeight, e.clientHeight]);
    expect(scrolled).toBeLessThanOrEqual(shown!);
    await expect(page.locator('table.board tbody tr').count()).resolves.toBeGreaterThanOrEqual(10);
    await expect(page.locator('table.board tfoot th').textContent()).resolves.toBe('合计');
    await shot('8-board-every-unit');
  }, 60_000);
});
