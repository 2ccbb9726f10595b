import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { createContext } from '../../subgraphs/agency/context';
import { RequestOutcome } from '../../subgraphs/agency/entities/request-enums';
import { uploadReleasedFile } from '../../subgraphs/agency/services/released-files';
import { replyToRequest, requestSupplement } from '../../subgraphs/agency/services/request.service';
import { residentIdCheckChar } from '../../subgraphs/shared/identifiers';
import { seriousViolations } from '../support/axe-scan';
import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

const FIRST17 = '35010219900307002';
const GOOD_ID = FIRST17 + residentIdCheckChar(FIRST17);
/** The hub harness's fixed clock (test/support/hub-harness.ts): the letters' dates. */
const HUB_NOW = '2026-11-27T10:00:00+08:00';
const HUB_TODAY = '2026-11-27';
const WRONG_PIN_MESSAGE = '查询码或查询密码不正确 / The tracking code or the PIN is wrong';

/** Another 8-digit PIN than `pin`. */
function wrongPinFor(pin: string): string {
  return pin.replace(/^./, (d) => String((Number(d) + 1) % 10));
}

/**
 * The requester reads their case online (the issue "a citizen who asked online can never read the
 * answer online"): the receipt's PIN, the case page refusing a wrong PIN and locking after five,
 * and with the right one the status, the reply and the agency's letters, each downloadable as its
 * PDF; a letter on paper goes through the staff's print list until it is recorded as handed over.
 */
describeBrowser('portal requester case page (chromium)', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startPortal({ documents: 4 });
  }, 180_000);
  afterAll(async () => {
    await portal?.stop();
  });

  /** fjdrc's disclosure officer, acting through the agency's own services (the steps have no staff page yet). */
  function officer() {
    const fjdrc = portal.hub.agencies.get('fjdrc')!;
    return createContext(fjdrc.runtime, { sub: 'disclosure-officer@fjdrc', agency: 'fjdrc', roles: ['disclosure-officer'] });
  }

  /** The id of fjdrc's request with `trackingCode`, as its disclosure officer's queue lists it through the gateway. */
  async function requestIdOf(trackingCode: string): Promise<string> {
    const answer = await portal.persisted('StaffRequests', { first: 100, filter: { agencies: ['fjdrc'] } }, await portal.hub.token(['disclosure-officer'], 'fjdrc'));
    const row = answer.data.disclosureRequests.edges.map((e: { node: { id: string; trackingCode: string } }) => e.node).find((n: { trackingCode: string }) => n.trackingCode === trackingCode);
    expect(row).toBeDefined();
    return row.id;
  }

  /** Opens the case page for `code` and submits `pin`. */
  async function openCase(page: Page, code: string, pin: string): Promise<void> {
    await page.goto(`${portal.origin}/request/case?code=${encodeURIComponent(code)}`);
    await page.getByLabel('查询密码（8 位数字）').fill(pin);
    await page.getByRole('button', { name: '查看' }).click();
  }

  /** A page signed in as fjdrc's disclosure officer, its clock on the hub's (the forms' default dates are the deployment's today). */
  async function officerPage(): Promise<Page> {
    const page = await portal.page();
    await page.clock.setFixedTime(new Date(HUB_NOW));
    await page.goto(`${portal.origin}/staff`);
    await page.getByLabel('访问令牌').fill(await portal.hub.token(['disclosure-officer'], 'fjdrc'));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('session').waitFor();
    await page.goto(`${portal.origin}/staff/requests`);
    return page;
  }

  /** Submits an online request to fjdrc through the portal's operation: its tracking code and PIN. */
  async function submitOnline(deliveryMethod?: string): Promise<{ trackingCode: string; accessPin: string }> {
    const answer = await portal.persisted('PortalSubmitRequest', { input: {
      agency: 'fjdrc', requesterKind: 'NATURAL_PERSON', requesterName: '陈海燕', idNumber: GOOD_ID, contact: '13900000000', channel: 'ONLINE',
      description: '2026年省发展改革委重点项目清单', deliveryMethod,
    } });
    return answer.data.submitDisclosureRequest;
  }

  /** The downloaded file's name and first four bytes. */
  async function fileOf(download: Download): Promise<{ name: string; magic: string }> {
    return { name: download.suggestedFilename(), magic: readFileSync((await download.path())!).subarray(0, 4).toString('latin1') };
  }

  it('shows the PIN once on the receipt; the case page refuses a wrong PIN in both languages, opens with the right one, and the supplement notice on paper is printed by staff, then delivered', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/request`);
    await page.getByLabel('受理机关 *').selectOption('fjdrc');
    await page.getByLabel('姓名 *').fill('林小华');
    await page.getByLabel('公民身份号码 *').fill(GOOD_ID);
    await page.getByLabel('联系方式（电话、邮箱或通讯地址）*').fill('13800000000');
    await page.getByLabel('所需信息的描述 *').fill('2025年度省级预算执行情况的审计报告全文');
    await page.getByLabel('获取信息的方式').selectOption('PAPER_BY_POST');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    const pin = (await page.getByTestId('access-pin').textContent())!.trim();
    expect(pin).toMatch(/^\d{8}$/);
    expect(await page.getByText('查询密码仅显示这一次').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    // Shown, never kept by the browser.
    expect(await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]))).not.toContain(pin);

    await page.getByRole('link', { name: '在线查看答复和告知书' }).click();
    await page.getByRole('heading', { name: '在线查看答复和告知书' }).waitFor();
    expect(await page.getByLabel('查询码').inputValue()).toBe(code);
    const pinField = page.getByLabel('查询密码（8 位数字）');
    expect([await pinField.getAttribute('type'), await pinField.getAttribute('inputmode'), await pinField.getAttribute('autocomplete')]).toEqual(['password', 'numeric', 'off']);

    // A wrong PIN: the API's bilingual refusal, on the PIN field; nothing of the case.
    await pinField.fill(wrongPinFor(pin));
    await page.getByRole('button', { name: '查看' }).click();
    const error = page.locator('#pin-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(WRONG_PIN_MESSAGE);
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await pinField.getAttribute('aria-invalid')).toBe('true');
    expect(await pinField.getAttribute('aria-describedby')).toBe('pin-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pin');
    expect(await page.getByRole('heading', { name: `查询码 ${code} 的办理情况` }).count()).toBe(0);
    expect(await page.getByTestId('letter').count()).toBe(0);

    // The right PIN: the case, the focus on its heading, no letter yet.
    await pinField.fill(pin);
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByRole('heading', { name: `查询码 ${code} 的办理情况` }).waitFor();
    await error.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-heading');
    expect(await page.getByTestId('case-status').textContent()).toBe('办理中');
    await page.getByText('机关尚未向您发出告知书。').waitFor();
    expect(page.url()).not.toContain(pin);

    // The disclosure officer asks for a supplement: the notice is issued with the step.
    const requestId = await requestIdOf(code);
    await requestSupplement(officer(), requestId, HUB_TODAY, '请写明所需审计报告的年度和发文机关。');
    await page.getByRole('button', { name: '查看' }).click();
    const letter = page.getByTestId('letter').filter({ hasText: '补正' });
    await letter.waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('待补正');
    expect(await page.getByTestId('letter').count()).toBe(1);
    const title = (await letter.getByRole('heading').textContent())!;
    expect(await letter.textContent()).toContain('送达：尚未送达');
    const [download] = await Promise.all([page.waitForEvent('download'), letter.getByRole('button', { name: '下载 PDF' }).click()]);
    expect(await fileOf(download)).toEqual({ name: `${title}-${HUB_TODAY}.pdf`, magic: '%PDF' });
    // The letter's text on request.
    const toggle = letter.getByRole('button', { name: '显示全文' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await letter.getByRole('button', { name: '收起全文' }).getAttribute('aria-expanded')).toBe('true');
    await letter.getByText('请写明所需审计报告的年度和发文机关。').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // On paper: it waits in the staff's print list, which downloads it and records the day it was posted.
    const staff = await officerPage();
    const toPrint = staff.getByTestId('letters-to-print').getByRole('listitem').filter({ hasText: requestId });
    await toPrint.waitFor();
    expect(await toPrint.getByRole('heading').textContent()).toBe(title);
    expect(await toPrint.textContent()).toContain('纸质文本，邮寄');
    const [printed] = await Promise.all([staff.waitForEvent('download'), toPrint.getByRole('button', { name: '下载 PDF' }).click()]);
    expect(await fileOf(printed)).toEqual({ name: `${title}-${HUB_TODAY}.pdf`, magic: '%PDF' });
    expect(await toPrint.getByLabel('交付日期').inputValue()).toBe(HUB_TODAY);
    await toPrint.getByRole('button', { name: '记录已交付' }).click();
    await staff.getByRole('status').filter({ hasText: '已记录交付。' }).waitFor();
    expect(await staff.getByTestId('letters-to-print').getByRole('listitem').filter({ hasText: requestId }).count()).toBe(0);
    expect(await seriousViolations(staff)).toEqual([]);

    await page.getByRole('button', { name: '查看' }).click();
    await letter.filter({ hasText: '2026年11月27日已送达（纸质文本，邮寄）' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.getByTestId('case-status').textContent()).toBe('Awaiting your supplement');
    expect(await letter.textContent()).toContain('Delivered on 2026-11-27 (Paper copy by post)');
    expect(page.url()).not.toContain(pin);
    expect(await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]))).not.toContain(pin);
  });

  it('delivered online, the reply counts as delivered when first read, with its outcome and text; five wrong PINs lock the page, the right PIN too', async () => {
    const { trackingCode: code, accessPin: pin } = await submitOnline('ONLINE');
    await replyToRequest(officer(), await requestIdOf(code), HUB_TODAY, RequestOutcome.DISCLOSED, '经查，您申请的重点项目清单已于2026年3月公开，全文附后。\n第二段：联系电话 0591-00000000。');

    const page = await portal.page();
    await openCase(page, code, pin);
    await page.getByRole('heading', { name: `查询码 ${code} 的办理情况` }).waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('已办结');
    expect(await page.getByTestId('case-outcome').textContent()).toBe('予以公开');
    // The reply's lines as written.
    const reply = page.getByTestId('response-text');
    expect(await reply.textContent()).toBe('经查，您申请的重点项目清单已于2026年3月公开，全文附后。\n第二段：联系电话 0591-00000000。');
    expect(await reply.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
    const letter = page.getByTestId('letter').filter({ hasText: '答复' });
    await letter.waitFor();
    expect(await letter.textContent()).toContain('2026年11月27日已送达（在线获取（通过本平台））');
    const [download] = await Promise.all([page.waitForEvent('download'), letter.getByRole('button', { name: '下载 PDF' }).click()]);
    expect((await fileOf(download)).magic).toBe('%PDF');

    const locked = await portal.page();
    for (let attempt = 0; attempt < 5; attempt++) {
      await openCase(locked, code, wrongPinFor(pin));
      expect(await locked.locator('#pin-error').textContent()).toBe(WRONG_PIN_MESSAGE);
    }
    await openCase(locked, code, pin);
    await locked.locator('#pin-error').filter({ hasText: /^查询密码连续输错5次，请\d+分钟后再试 \/ 5 wrong PINs in a row: try again in \d+ min$/ }).waitFor();
    expect(await locked.getByTestId('letter').count()).toBe(0);
  });

  it('lists the file released with the reply and downloads it with the PIN in a header, never in the address', async () => {
    const { trackingCode: code, accessPin: pin } = await submitOnline('ONLINE');
    const id = await requestIdOf(code);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await uploadReleasedFile(officer(), id, { fileName: '重点项目清单.pdf', mediaType: 'application/pdf', declaredBytes: pdf.length, read: async () => pdf });
    await replyToRequest(officer(), id, HUB_TODAY, RequestOutcome.DISCLOSED, '现随本答复书提供重点项目清单。');

    const page = await portal.page();
    const fileCalls: { url: string; pin: string | undefined }[] = [];
    page.on('request', (r) => { if (r.url().includes('/request-files/')) fileCalls.push({ url: r.url(), pin: r.headers()['x-requester-pin'] }); });
    await openCase(page, code, pin);
    const file = page.getByTestId('released-file');
    await file.waitFor();
    expect(await file.textContent()).toContain(`1. 重点项目清单.pdf${pdf.length} 字节`);
    expect(await page.getByTestId('letter').filter({ hasText: '答复' }).textContent()).toContain(`随本答复书提供的政府信息：1. 重点项目清单.pdf（${pdf.length}字节）。`);
    const [download] = await Promise.all([page.waitForEvent('download'), file.getByRole('button', { name: '下载' }).click()]);
    expect(await fileOf(download)).toEqual({ name: '重点项目清单.pdf', magic: '%PDF' });
    expect(fileCalls).toEqual([{ url: `${portal.origin}/request-files/${code}/1`, pin }]);
  });

  it('a disclosure officer issues a new PIN on the staff page, shown once: the old PIN no longer opens the case, the new one does', async () => {
    const { trackingCode: code, accessPin: oldPin } = await submitOnline();
    const staff = await officerPage();
    const row = staff.getByTestId('request-queue').getByRole('listitem').filter({ hasText: code });
    await row.getByRole('button', { name: '重新发放查询密码' }).click();
    await row.getByRole('status').filter({ hasText: '新的查询密码（仅显示这一次，原密码已失效，请告知申请人）' }).waitFor();
    const newPin = (await row.getByTestId('new-pin').textContent())!;
    expect(newPin).toMatch(/^\d{8}$/);
    expect(await row.getByRole('button', { name: '重新发放查询密码' }).count()).toBe(0);

    const page = await portal.page();
    await openCase(page, code, oldPin);
    expect(await page.locator('#pin-error').textContent()).toBe(WRONG_PIN_MESSAGE);
    await openCase(page, code, newPin);
    await page.getByRole('heading', { name: `查询码 ${code} 的办理情况` }).waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('办理中');
  });
  it('a disclosure officer uploads a file to release with the reply on the staff page; the requester then finds it on the case page', async () => {
    const { trackingCode: code, accessPin: pin } = await submitOnline('ONLINE');
    const staff = await officerPage();
    const row = staff.getByTestId('request-queue').getByRole('listitem').filter({ hasText: code });
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n%staff');
    await row.getByLabel('提供给申请人的政府信息（文件）').setInputFiles({ name: '项目清单.pdf', mimeType: 'application/pdf', buffer: pdf });
    await row.getByRole('button', { name: '上传' }).click();
    await row.getByTestId('released-file-uploaded').filter({ hasText: `已上传：1. 项目清单.pdf（${pdf.length} 字节），答复书将列出` }).waitFor();

    const page = await portal.page();
    await openCase(page, code, pin);
    await page.getByTestId('released-file').filter({ hasText: '1. 项目清单.pdf' }).waitFor();
  });
});
