import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

describeBrowser('the portal home page (chromium)', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 180_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("renders the province's latest documents across agencies, newest first, each linking to its page", async () => {
    const expected = await portal.persisted('PortalLatest', { first: 20 });
    expect(expected.errors).toBeUndefined();
    const agencies = new Set(expected.data.documents.edges.map((e: any) => e.node.agency.code));
    expect(agencies.size).toBeGreaterThan(1);

    const page = await portal.page();
    const started = Date.now();
    await page.goto(`${portal.origin}/`);
    const items = page.locator('ul.documents > li');
    await items.first().waitFor();
    const loadMs = Date.now() - started;

    const titles = await page.locator('ul.documents > li a.title').allTextContents();
    expect(titles).toEqual(expected.data.documents.edges.map((e: any) => e.node.title));
    const first = expected.data.documents.edges[0].node;
    expect(await page.locator('ul.documents > li a.title').first().getAttribute('href')).toBe(`/documents/${encodeURIComponent(first.id)}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('福建省政府信息公开专栏');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('searchbox', { name: '搜索政府信息' }).waitFor();

    // Measured, not asserted: the cold-cache load (navigation to the list drawn) and the JavaScript it took.
    const resources = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .map((r) => ({ name: r.name, type: r.initiatorType, transfer: r.transferSize, decoded: r.decodedBodySize })));
    const scripts = resources.filter((r) => r.name.endsWith('.js'));
    const transferred = scripts.reduce((sum, r) => sum + r.transfer, 0);
    const decoded = scripts.reduce((sum, r) => sum + r.decoded, 0);
    expect(scripts.length).toBeGreaterThan(0);
    console.log(`portal home, cold cache: latest documents drawn ${loadMs} ms after navigation; JavaScript: ${scripts.length} file(s), ${transferred} bytes transferred (${decoded} bytes decoded)`);
  });

  it("opens an agency's own column from the list of agencies: its latest releases only", async () => {
    const expected = (await portal.persisted('PortalAgency', { code: 'fjdrc', first: 20 })).data.agency;
    const page = await portal.page();
    await page.goto(`${portal.origin}/`);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '机关专栏' }).click();
    await page.getByRole('link', { name: expected.name }).click();
    await page.getByRole('heading', { level: 1, name: `${expected.name}政府信息公开专栏` }).waitFor();
    await page.locator('ul.documents > li').first().waitFor();
    expect(await page.locator('ul.documents > li a.title').allTextContents()).toEqual(expected.documents.edges.map((e: any) => e.node.title));
    expect(new Set(await page.locator('ul.documents .meta > span:first-child').allTextContents())).toEqual(new Set([`发布机构：${expected.name}`]));
  });

  it("shows an agency's guide with its named officials (主要负责同志, 分管负责人, 专人), in both languages", async () => {
    const expected = (await portal.persisted('PortalAgency', { code: 'fjdrc', first: 5 })).data.agency;
    expect(expected.officials.length).toBeGreaterThan(0);
    const page = await portal.page();
    await page.goto(`${portal.origin}/guide?agency=fjdrc`);
    const table = page.getByRole('table', { name: '政务公开责任人' });
    await table.waitFor();
    const roles: Record<string, string> = { PRINCIPAL: '主要负责同志', IN_CHARGE: '分管负责人', DESIGNATED: '工作专人' };
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual(expected.officials.map((o: any) => [roles[o.role], o.name, o.title, o.officePhone ?? '—']));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('table', { name: 'Officials responsible for disclosure' }).getByRole('cell', { name: 'Head of the agency' }).waitFor();
  });

  it('serves the app with revalidated index, immutable compressed assets and a client-route fallback', async () => {
    const index = await fetch(`${portal.origin}/`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const asset = await fetch(`${portal.origin}${script}`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    const route = await fetch(`${portal.origin}/search?q=x`);
    expect(route.headers.get('content-type')).toContain('text/html');
    expect(await route.text()).toBe(html);
    const missing = await fetch(`${portal.origin}/assets/gone-0000.js`);
    expect(missing.status).toBe(404);
    const api = await fetch(`${portal.origin}/graphql/nothing`);
    expect(api.headers.get('content-type') ?? '').not.toContain('text/html');
  });

  it('runs on a gateway in safelist mode: an arbitrary document is refused there', async () => {
    const arbitrary = await portal.hub.query('{ documents(first: 1) { totalCount } }');
    expect(arbitrary.data).toBeNull();
    expect(arbitrary.errors[0].message).toBe('PersistedQueryOnly');
  });
});
