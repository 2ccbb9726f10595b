import { readFile } from 'node:fs/promises';
import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

/** A document the editor of fjdrc writes with every catalogue field, one attachment recorded only and one uploaded through the gateway. */
const UPLOADED_NAME = '附件2：培育方案任务分工表.pdf';
const UPLOADED = Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n${'培育方案'.repeat(40)}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const WRITTEN = {
  title: '关于印发福建省数据要素市场培育行动方案的通知', body: '现将《福建省数据要素市场培育行动方案》印发给你们，请认真贯彻执行。',
  theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE', docNumber: '闽发改〔2026〕88号',
  subjectTerms: ['数据要素', '市场培育'], effectiveOn: '2026-12-01', repealedOn: '2028-12-31',
  attachments: [{ fileName: '附件1：行动方案（纸质存档）.pdf', mediaType: 'application/pdf', sizeBytes: 20480 }],
};

describeBrowser('portal search, document page and catalogue (chromium)', () => {
  let portal: TestPortal;
  let written: { id: string; indexNumber: string };
  beforeAll(async () => {
    portal = await startPortal();
    // Written, the file uploaded to the draft through the gateway's /attachments/, approved and published, as staff do.
    const editor = await portal.hub.token(['editor'], 'fjdrc');
    const created = await portal.persisted('StaffCreateDocument', { input: WRITTEN }, editor);
    expect(created.errors).toBeUndefined();
    const id = (created.data as any).createDocument.id as string;
    const upload = await fetch(`${portal.origin}/attachments/${id}?fileName=${encodeURIComponent(UPLOADED_NAME)}`, {
      method: 'POST', body: new Uint8Array(UPLOADED), headers: { 'content-type': 'application/pdf', authorization: `Bearer ${editor}` },
    });
    expect(upload.status).toBe(201);
    expect((await portal.persisted('StaffReviewDocument', { id, approve: true, note: '同意公开' }, await portal.hub.token(['reviewer'], 'fjdrc'))).errors).toBeUndefined();
    expect((await portal.persisted('StaffPublishDocument', { id }, editor)).errors).toBeUndefined();
    written = (await portal.persisted('PortalDocument', { id })).data.document;
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

  /** The text of the catalogue field `label` on the document page. */
  const fieldOf = (page: import('playwright-core').Page, label: string) => page.locator('dl.fields > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

  it('searches, opens a document with 主题词, 施行日期 and 废止日期, and downloads its uploaded attachment, the bytes uploaded', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/`);
    await page.getByRole('searchbox', { name: '搜索政府信息' }).fill('数据要素市场培育行动方案');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/search\?q=/);
    await page.locator('ul.documents > li a.title', { hasText: WRITTEN.title }).first().click();
    await page.getByRole('heading', { level: 1, name: WRITTEN.title }).waitFor();
    expect(await fieldOf(page, '主题词').textContent()).toBe('数据要素；市场培育');
    expect(await fieldOf(page, '施行日期').textContent()).toBe('2026年12月1日');
    expect(await fieldOf(page, '废止日期').textContent()).toBe('2028年12月31日');

    // The recorded-only attachment: its name, no link, and the note saying why.
    const recorded = page.locator('ul.attachments li').filter({ hasText: WRITTEN.attachments[0].fileName });
    expect(await recorded.getByRole('link').count()).toBe(0);
    expect(await recorded.textContent()).toContain('未上传文件');
    // The uploaded one: a link to its downloadPath, saved under its name with the bytes uploaded.
    const link = page.getByRole('link', { name: `下载 ${UPLOADED_NAME}` });
    expect(await link.getAttribute('href')).toBe(`/attachments/${written.id}/2`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(UPLOADED_NAME);
    expect((await readFile((await download.path())!)).equals(UPLOADED)).toBe(true);

    // English labels for the same fields.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await fieldOf(page, 'Subject terms').textContent()).toBe('数据要素; 市场培育');
    expect(await fieldOf(page, 'Takes effect').textContent()).toBe('2026-12-01');
    expect(await fieldOf(page, 'Repealed on').textContent()).toBe('2028-12-31');
  });

  it('goes from a 索引号 typed in the search box straight to its page /documents/by-index/<索引号>, and shows the API\'s error for a malformed one', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/`);
    // Typed as a reader might: lower case, spaces around.
    await page.getByRole('searchbox', { name: '搜索政府信息' }).fill(`  ${written.indexNumber.toLowerCase()} `);
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(`${portal.origin}/documents/by-index/${encodeURIComponent(written.indexNumber)}`);
    await page.getByRole('heading', { level: 1, name: WRITTEN.title }).waitFor();
    expect(await fieldOf(page, '索引号').textContent()).toBe(written.indexNumber);
    expect(await page.getByRole('link', { name: `下载 ${UPLOADED_NAME}` }).count()).toBe(1);

    // Other text still searches.
    await page.goto(`${portal.origin}/`);
    await page.getByRole('searchbox', { name: '搜索政府信息' }).fill('FJ-0200-2026');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/search\?q=FJ-0200-2026/);

    const expected = await portal.persisted('PortalDocumentByIndexNumber', { indexNumber: 'FJ-0200-2026' });
    expect(expected.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await page.goto(`${portal.origin}/documents/by-index/FJ-0200-2026`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe((expected.errors![0] as { message: string }).message);
    expect(await alert.textContent()).toMatch(/索引号"FJ-0200-2026"格式不正确.* \/ "FJ-0200-2026" is not an index number/);
  });

  it('narrows a search by its genre and validity facets', async () => {
    const text = '通知';
    const { search } = (await portal.persisted('PortalSearchWithFacets', { text, first: 20 })).data;
    expect(search.facets.validities.length).toBeGreaterThan(0);
    const page = await portal.page();
    await page.goto(`${portal.origin}/search?q=${encodeURIComponent(text)}`);
    const facetOf = (heading: string) => page.getByRole('complementary').locator('section').filter({ has: page.getByRole('heading', { name: heading }) });
    await facetOf('按文种').locator('li').first().waitFor();
    expect(await facetOf('按有效性').locator('li').count()).toBe(search.facets.validities.length);
    const genre = search.facets.genres[0];
    await facetOf('按文种').getByRole('link', { name: genre.value, exact: true }).click();
    await page.waitForURL(/genre=/);
    await page.getByRole('status').filter({ hasText: `共找到 ${genre.count} 条结果` }).waitFor();
    const narrowed = (await portal.persisted('PortalSearchWithFacets', { text, first: 20, filter: { genre: genre.value } })).data.search;
    expect(narrowed.totalCount).toBe(genre.count);
    const validity = narrowed.facets.validities[0];
    const name = { EFFECTIVE: '有效', AMENDED: '已修改', REPEALED: '已废止', EXPIRED: '已失效' }[validity.value as string]!;
    await facetOf('按有效性').getByRole('link', { name, exact: true }).click();
    await page.waitForURL(/validity=/);
    await page.getByRole('status').filter({ hasText: `共找到 ${validity.count} 条结果` }).waitFor();
    const both = (await portal.persisted('PortalSearchWithFacets', { text, first: 20, filter: { genre: genre.value, validity: [validity.value] } })).data.search;
    expect(await page.locator('ul.documents > li a.title').allTextContents()).toEqual(both.edges.map((e: any) => e.node.title));
  });

  it('browses the catalogue by genre (文种) and by validity (有效性) with counts', async () => {
    const page = await portal.page();
    const browse = async (by: string, filterOf: (label: string) => Record<string, unknown>) => {
      await page.goto(`${portal.origin}/catalogue?by=${by}`);
      await page.getByRole('complementary').locator('.count').first().waitFor();
      await page.getByRole('complementary').getByRole('status').waitFor({ state: 'detached' });
      const entries = page.getByRole('complementary').locator('li');
      expect(await entries.count()).toBeGreaterThan(0);
      for (const entry of await entries.all()) {
        const label = (await entry.getByRole('link').textContent())!;
        const shown = Number((await entry.locator('.count').textContent())!.replace(/\D/g, ''));
        expect(shown).toBe((await portal.persisted('PortalLatest', { first: 1, filter: filterOf(label) })).data.documents.totalCount);
      }
      const first = entries.first();
      const label = (await first.getByRole('link').textContent())!;
      const listed = (await portal.persisted('PortalLatest', { first: 20, filter: filterOf(label) })).data.documents;
      await first.getByRole('link').click();
      await page.getByRole('heading', { level: 2, name: label, exact: true }).waitFor();
      await page.getByRole('status').filter({ hasText: `共 ${listed.totalCount} 件` }).waitFor();
      expect(await page.locator('ul.documents > li a.title').allTextContents()).toEqual(listed.edges.map((e: any) => e.node.title));
    };
    await browse('genre', (genre) => ({ genre }));
    const validities: Record<string, string> = { 有效: 'EFFECTIVE', 已修改: 'AMENDED', 已废止: 'REPEALED', 已失效: 'EXPIRED' };
    await browse('validity', (label) => ({ validity: [validities[label]] }));
    expect(await page.getByRole('link', { name: '按文种' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '按有效性' }).getAttribute('aria-current')).toBe('page');
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
