import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

describeBrowser('portal search, document page and catalogue (chromium)', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 180_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it('searches across agencies with highlights and facets, narrows by a facet, and opens a document with every catalogue field', async () => {
    const text = '通知';
    const expected = await portal.persisted('PortalSearchWithFacets', { text, first: 20 });
    expect(expected.errors).toBeUndefined();
    const { search } = expected.data;
    expect(search.totalCount).toBeGreaterThan(0);
    expect(search.facets.agencies.length).toBeGreaterThan(1);

    const page = await portal.page();
    await page.goto(`${portal.origin}/`);
    await page.getByRole('searchbox', { name: '搜索政府信息' }).fill(text);
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/search\?q=/);
    await page.getByRole('status').filter({ hasText: `共找到 ${search.totalCount} 条结果` }).waitFor();
    expect(await page.locator('ul.documents > li a.title').allTextContents()).toEqual(search.edges.map((e: any) => e.node.title));
    // The index's highlight, its matches (<em> in the API) marked, the words themselves.
    const marked = await page.locator('.highlight mark').allTextContents();
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(text.includes(word) || word.includes(text)).toBe(true);

    // Facets: every agency that has results, with its count; choosing one narrows the results to it.
    const facet = search.facets.agencies[0];
    const agencyFacet = page.getByRole('complementary').locator('section').filter({ has: page.getByRole('heading', { name: '按机关' }) });
    await agencyFacet.locator('li').first().waitFor();
    expect(await agencyFacet.locator('li').count()).toBe(search.facets.agencies.length);
    await agencyFacet.locator('li').first().getByRole('link').click();
    const narrowed = await portal.persisted('PortalSearchWithFacets', { text, first: 20, filter: { agencies: [facet.value] } });
    expect(narrowed.data.search.totalCount).toBe(facet.count);
    await page.getByRole('status').filter({ hasText: `共找到 ${facet.count} 条结果` }).waitFor();
    const agencyNames = await page.locator('ul.documents .meta > span:first-child').allTextContents();
    expect(new Set(agencyNames).size).toBe(1);

    // Result → document page with every catalogue field the API has.
    const first = narrowed.data.search.edges[0].node;
    await page.locator('ul.documents > li a.title').first().click();
    await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
    const document = (await portal.persisted('PortalDocument', { id: first.id })).data.document;
    const field = (label: string) => page.locator('dl.fields > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
    expect(await field('索引号').textContent()).toBe(document.indexNumber);
    expect(await field('文号').textContent()).toBe(document.docNumber ?? '—');
    expect(await field('发布机构').textContent()).toContain(document.agency.name);
    const cn = (date: string) => { const [y, m, d] = date.slice(0, 10).split('-'); return `${y}年${Number(m)}月${Number(d)}日`; };
    expect(await field('成文日期').textContent()).toBe(cn(document.formedOn));
    expect(await field('发布日期').textContent()).toBe(cn(document.publishedAt));
    expect(await field('有效性').textContent()).toBe({ EFFECTIVE: '有效', AMENDED: '已修改', REPEALED: '已废止', EXPIRED: '已失效' }[document.validity as string]);
    expect(await field('主题分类').textContent()).toBe(document.theme);
    expect(await page.locator('section').filter({ has: page.getByRole('heading', { name: '版本记录' }) }).locator('tbody tr').count()).toBe(document.versions.length);
    const attachments = page.locator('ul.attachments li');
    expect(await attachments.count()).toBe(document.attachments.length);
  });

  it('opens a document with attachments, listing each with its type and size', async () => {
    let id: string | undefined;
    let after: string | null = null;
    for (let i = 0; i < 5 && !id; i++) {
      const latest: any = await portal.persisted('PortalLatest', { first: 50, after });
      for (const edge of latest.data.documents.edges) {
        const document = (await portal.persisted('PortalDocument', { id: edge.node.id })).data.document;
        if (document.attachments.length > 0) { id = document.id; break; }
      }
      after = latest.data.documents.pageInfo.endCursor;
      if (!latest.data.documents.pageInfo.hasNextPage) break;
    }
    expect(id).toBeDefined();
    const document = (await portal.persisted('PortalDocument', { id })).data.document;
    const page = await portal.page();
    await page.goto(`${portal.origin}/documents/${encodeURIComponent(id!)}`);
    await page.getByRole('heading', { level: 1, name: document.title }).waitFor();
    expect(await page.locator('ul.attachments li').allTextContents()).toEqual(document.attachments.map((a: any) => expect.stringContaining(a.fileName)));
  });

  it('browses the catalogue by theme and by year with counts', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/catalogue?by=theme`);
    const entries = page.getByRole('complementary').locator('li');
    await page.getByRole('complementary').locator('.count').first().waitFor();
    await page.getByRole('complementary').getByRole('status').waitFor({ state: 'detached' });
    const themeEntry = entries.first();
    const themeName = (await themeEntry.getByRole('link').textContent())!;
    const shownCount = Number((await themeEntry.locator('.count').textContent())!.replace(/\D/g, ''));
    const theme = (await portal.persisted('PortalLatest', { first: 20, filter: { theme: themeName } })).data.documents;
    expect(shownCount).toBe(theme.totalCount);
    expect(shownCount).toBeGreaterThan(0);
    await themeEntry.getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: themeName }).waitFor();
    await page.getByRole('status').filter({ hasText: `共 ${theme.totalCount} 件` }).waitFor();
    expect(await page.locator('ul.documents > li a.title').allTextContents()).toEqual(theme.edges.map((e: any) => e.node.title));

    await page.getByRole('link', { name: '按年份' }).click();
    await page.waitForURL(/by=year/);
    await page.getByRole('complementary').locator('.count').first().waitFor();
    await page.getByRole('complementary').getByRole('status').waitFor({ state: 'detached' });
    const yearEntry = page.getByRole('complementary').locator('li').first();
    const yearText = (await yearEntry.getByRole('link').textContent())!;
    const year = yearText.replace(/\D/g, '');
    const yearCount = Number((await yearEntry.locator('.count').textContent())!.replace(/\D/g, ''));
    const inYear = (await portal.persisted('PortalLatest', { first: 20, filter: { publishedFrom: `${year}-01-01`, publishedTo: `${year}-12-31` } })).data.documents;
    expect(yearCount).toBe(inYear.totalCount);
    await yearEntry.getByRole('link').click();
    await page.getByRole('status').filter({ hasText: `共 ${inYear.totalCount} 件` }).waitFor();
    const dates = await page.locator('ul.documents time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')));
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date!.startsWith(year)).toBe(true);
  });
});
