import type { Page } from 'playwright-core';
import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

/** How many pixels of the chart's canvas are painted (not transparent). */
async function paintedPixels(page: Page, testId: string): Promise<number> {
  const canvas = page.getByTestId(testId).locator('canvas').first();
  await canvas.waitFor();
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  });
}

describeBrowser('portal annual reports (chromium)', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 180_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("reads the province's annual report, its tables and its charts drawn, then one agency's", async () => {
    // The year of the harness's clock and of the seed's today (2026-11-27), where the demo requests fall.
    const year = 2026;
    const province = (await portal.persisted('PortalProvinceReport', { year })).data.provinceAnnualReport;
    const page = await portal.page();
    await page.goto(`${portal.origin}/annual-reports?year=${year}`);
    await page.getByRole('heading', { name: `${year}年政府信息公开工作年度报告` }).waitFor();
    const rows = page.locator('table.report tbody tr');
    expect(await rows.count()).toBe(25);
    const newRequests = province.requestsTable.find((r: any) => r.code === '1');
    expect(await rows.first().locator('td').last().textContent()).toBe(String(newRequests.total));
    expect(newRequests.total).toBeGreaterThan(0);
    for (const chart of ['chart-yoy', 'chart-kinds', 'chart-outcomes']) expect(await paintedPixels(page, chart)).toBeGreaterThan(500);
    // Year over year: the chart compares three years, its accessible name says so.
    expect(await page.getByRole('img', { name: '近三年申请数量对比' }).count()).toBe(1);

    await page.getByLabel('报告范围').selectOption('fjdrc');
    await page.waitForURL(/agency=fjdrc/);
    const agency = (await portal.persisted('PortalAgencyReport', { code: 'fjdrc', year })).data.agency.annualReport;
    const agencyNew = agency.requestsTable.find((r: any) => r.code === '1');
    await page.locator('table.report tbody tr').first().locator('td').last().filter({ hasText: new RegExp(`^${agencyNew.total}$`) }).waitFor();
    expect(agencyNew.total).toBeLessThan(newRequests.total);
    expect(await paintedPixels(page, 'chart-yoy')).toBeGreaterThan(500);
  });
});
