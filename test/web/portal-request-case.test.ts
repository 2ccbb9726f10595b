import { readFileSync } from 'node:fs';
import { createContext } from '../../subgraphs/agency/context';
import { confirmReceipt, requestSupplement } from '../../subgraphs/agency/services/request.service';
import { residentIdCheckChar } from '../../subgraphs/shared/identifiers';
import { seriousViolations } from '../support/axe-scan';
import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

const FIRST17 = '35010219900307002';
const GOOD_ID = FIRST17 + residentIdCheckChar(FIRST17);

/**
 * The requester reads their case online (the issue "a citizen who asked online can never read the
 * answer online"): the receipt's access PIN, the case page refusing a wrong PIN, and with the right
 * one the status and the agency's letters, each downloadable as its PDF.
 */
describeBrowser('portal requester case page (chromium)', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startPortal({ documents: 4 });
  }, 180_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it('shows the access PIN once on the receipt; the case page refuses a wrong PIN in both languages, opens with the right one, and offers the supplement notice as a PDF', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/request`);
    await page.getByLabel('受理机关 *').selectOption('fjdrc');
    await page.getByLabel('姓名 *').fill('林小华');
    await page.getByLabel('公民身份号码 *').fill(GOOD_ID);
    await page.getByLabel('联系方式（电话、邮箱或通讯地址）*').fill('13800000000');
    await page.getByLabel('所需信息的描述 *').fill('2025年度省级预算执行情况的审计报告全文');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    const pin = (await page.getByTestId('access-pin').textContent())!.trim();
    expect(pin).toMatch(/^\d{8}$/);
    expect(await page.getByText('查阅密码仅显示这一次').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    // Shown, never kept by the browser.
    expect(await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]))).not.toContain(pin);

    await page.getByRole('link', { name: '在线查看答复和告知书' }).click();
    await page.getByRole('heading', { name: '在线查看答复和告知书' }).waitFor();
    expect(await page.getByLabel('查询码').inputValue()).toBe(code);
    const pinField = page.getByLabel('查阅密码（8 位数字）');
    expect(await pinField.getAttribute('type')).toBe('password');
    expect(await pinField.getAttribute('inputmode')).toBe('numeric');
    expect(await pinField.getAttribute('autocomplete')).toBe('off');

    // A wrong PIN: the API's bilingual refusal, on the PIN field; nothing of the case.
    const wrongPin = pin.replace(/^./, (d) => String((Number(d) + 1) % 10));
    await pinField.fill(wrongPin);
    await page.getByRole('button', { name: '查看' }).click();
    const error = page.locator('#pin-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Za-z][^\u4e00-\u9fff]*$/);
    expect(await pinField.getAttribute('aria-invalid')).toBe('true');
    expect(await pinField.getAttribute('aria-describedby')).toBe('pin-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pin');
    expect(await page.getByRole('heading', { name: `查询码 ${code} 的办理情况` }).count()).toBe(0);
    expect(await page.getByTestId('letter').count()).toBe(0);

    // The right PIN: the case, the focus on its heading, no letter yet.
    await pinField.fill(pin);
    await page.getByRole('button', { name: '查看' }).click();
    const heading = page.getByRole('heading', { name: `查询码 ${code} 的办理情况` });
    await heading.waitFor();
    await error.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-heading');
    const progress = (await portal.persisted('PortalRequestTracking', { trackingCode: code })).data.requestProgress;
    const status = { AWAITING_RECEIPT: '待确认收到', PROCESSING: '办理中', AWAITING_SUPPLEMENT: '待补正', IN_CONSULTATION: '征求意见中', CLOSED: '已办结' }[progress.status as string];
    expect(await page.getByTestId('case-status').textContent()).toBe(status);
    await page.getByText('机关尚未向您发出告知书。').waitFor();
    expect(await page.getByTestId('letter').count()).toBe(0);
    expect(page.url()).not.toContain(pin);

    // The agency's disclosure officer finds the request in the queue and asks for a supplement (its own service, as its staff page would).
    const officer = await portal.hub.token(['disclosure-officer'], 'fjdrc');
    const queue = (await portal.persisted('StaffRequests', { first: 100, filter: { agencies: ['fjdrc'] } }, officer)).data.disclosureRequests;
    const row = queue.edges.map((e: { node: { id: string; trackingCode: string } }) => e.node).find((n: { trackingCode: string }) => n.trackingCode === code);
    expect(row).toBeDefined();
    const fjdrc = portal.hub.agencies.get('fjdrc')!;
    const ctx = createContext(fjdrc.runtime, { sub: 'disclosure-officer@fjdrc', agency: 'fjdrc', roles: ['disclosure-officer'] });
    const today = fjdrc.runtime.clock.today();
    if (progress.status === 'AWAITING_RECEIPT') await confirmReceipt(ctx, row.id, today);
    await requestSupplement(ctx, row.id, today, '请写明所需审计报告的年度和发文机关。');

    await page.getByRole('button', { name: '查看' }).click();
    const letter = page.getByTestId('letter').filter({ hasText: '补正' });
    await letter.waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('待补正');
    expect(await page.getByTestId('letter').count()).toBe(1);
    const title = (await letter.getByRole('heading').textContent())!;
    const [download] = await Promise.all([page.waitForEvent('download'), letter.getByRole('button', { name: '下载 PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`${title}-${today}.pdf`);
    expect(readFileSync((await download.path())!).subarray(0, 4).toString('latin1')).toBe('%PDF');

    // The letter's text on request.
    const toggle = letter.getByRole('button', { name: '显示全文' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await letter.getByRole('button', { name: '收起全文' }).getAttribute('aria-expanded')).toBe('true');
    await letter.getByText('请写明所需审计报告的年度和发文机关。').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.getByTestId('case-status').textContent()).toBe('Awaiting your supplement');
    expect(await letter.getByRole('button', { name: 'Download the PDF' }).count()).toBe(1);
    expect(page.url()).not.toContain(pin);
    expect(await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]))).not.toContain(pin);
  });
});
