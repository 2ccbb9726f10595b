import { seriousViolations } from '../support/axe-scan';
import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

describeBrowser('portal language switch and accessibility (chromium)', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 180_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it('switches to English and back, and remembers the choice on the next visit', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/`);
    await page.getByRole('heading', { level: 1, name: '福建省政府信息公开专栏' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fujian Government Information Disclosure' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).toContain('Annual reports');
    expect(await page.getByText(/^\d+ in total$/).count()).toBe(1);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Fujian Government Information Disclosure' }).waitFor();
    // Client routes keep the language too.
    await page.getByRole('link', { name: 'Request information' }).click();
    await page.getByRole('heading', { level: 1, name: 'Request information' }).waitFor();
    await page.getByLabel('Resident identity number *').waitFor();
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByRole('heading', { level: 1, name: '依申请公开' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('has no serious or critical axe-core violation on any page, at desktop and phone width', async () => {
    const latest = (await portal.persisted('PortalLatest', { first: 1 })).data.documents.edges[0].node;
    const penalty = (await portal.persisted('PortalPenalties', { first: 1 })).data.penaltyDecisions.edges[0].node;
    const pages: { path: string; ready: string }[] = [
      { path: '/', ready: 'ul.documents' },
      { path: '/search?q=%E9%80%9A%E7%9F%A5', ready: 'ul.documents' },
      { path: `/documents/${encodeURIComponent(latest.id)}`, ready: 'dl.fields' },
      { path: '/catalogue?by=theme', ready: 'aside .count' },
      { path: '/agencies', ready: 'ul.agency-list' },
      { path: '/agencies/fjdrc', ready: 'ul.documents' },
      { path: '/guide?agency=fjdrc', ready: 'dl.fields' },
      { path: '/rules', ready: 'main p' },
      { path: '/mandatory', ready: 'main ol' },
      { path: '/penalties', ready: 'table' },
      { path: `/penalties/${encodeURIComponent(penalty.id)}`, ready: 'dl.fields' },
      { path: '/annual-reports?year=2026', ready: '[data-testid="chart-yoy"] canvas' },
      { path: '/request', ready: 'form select option:nth-child(2)' },
      { path: '/request/progress', ready: '#tracking' },
      { path: '/request/case', ready: '#pin' },
      { path: '/feedback', ready: 'form' },
    ];
    const found: string[] = [];
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 740 }]) {
      const page = await portal.page({ viewport });
      for (const { path, ready } of pages) {
        await page.goto(`${portal.origin}${path}`);
        await page.locator(ready).first().waitFor({ state: 'attached' });
        await page.locator('main [role="status"]', { hasText: /正在加载/ }).waitFor({ state: 'detached' });
        for (const v of await seriousViolations(page)) found.push(`${viewport.width}px ${path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    expect(found).toEqual([]);
  });
});
