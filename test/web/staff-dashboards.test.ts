import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Role } from '../../schema/contracts/claims';
import { createContext } from '../../subgraphs/agency/context';
import { TrainingKind } from '../../subgraphs/agency/entities/training-session.entity';
import { recordTrainingSession } from '../../subgraphs/agency/services/training.service';
import { seriousViolations } from '../support/axe-scan';
import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

/**
 * The staff pages in chromium against the real hub (safelist mode: the staff operations are
 * persisted documents too): token sign-in, the news office resolving a finding raised by a real
 * scan, a supervisor exporting the late items, an editor's draft reaching the reviewer's queue,
 * and the axe scan of every staff page at desktop and phone width.
 */
/** The hub harness's fixed clock (test/support/hub-harness.ts). */
const HUB_NOW = '2026-11-27T10:00:00+08:00';

describeBrowser('staff pages (chromium)', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startPortal({ documents: 8 });
  }, 180_000);
  afterAll(async () => {
    await portal?.stop();
  });

  /** Runs a persisted operation as `roles` of `agency` and fails on any error. */
  async function as(roles: Role[], agency: string | undefined, name: string, variables: Record<string, unknown> = {}) {
    const answer = await portal.persisted(name, variables, await portal.hub.token(roles, agency));
    if (answer.errors?.length) throw new Error(`${name}: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }

  /** Publishes a proactive document of `agency` through the real workflow (editor, reviewer, editor). */
  async function publish(agency: string, input: Record<string, unknown>): Promise<string> {
    const { createDocument } = await as(['editor'], agency, 'StaffCreateDocument', { input: { theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE', ...input } });
    await as(['editor'], agency, 'StaffSubmitDocument', { id: createDocument.id });
    await as(['reviewer'], agency, 'StaffReviewDocument', { id: createDocument.id, approve: true, note: '不涉密' });
    await as(['editor'], agency, 'StaffPublishDocument', { id: createDocument.id });
    return createDocument.id;
  }

  /** A page whose clock reads the hub's fixed "now", so the pages' default dates are the deployments' today. */
  async function hubTimePage(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await portal.page({ viewport });
    await page.clock.setFixedTime(new Date(HUB_NOW));
    return page;
  }

  /** A page signed in through the sign-in page with a token for `roles` of `agency`. */
  async function signedIn(roles: Role[], agency?: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await hubTimePage(viewport);
    await page.goto(`${portal.origin}/staff`);
    await page.getByLabel('访问令牌').fill(await portal.hub.token(roles, agency));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('session').waitFor();
    return page;
  }

  it('signs in with a pasted token, shows its role and agency, refuses a malformed one, and signs out', async () => {
    const page = await hubTimePage();
    await page.goto(`${portal.origin}/staff`);
    await page.getByLabel('访问令牌').fill('not-a-token');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '这不是有效的令牌' }).waitFor();
    await page.getByLabel('访问令牌').fill(await portal.hub.token(['editor', 'reviewer'], 'fjdrc'));
    await page.getByRole('button', { name: '登录' }).click();
    const session = page.getByTestId('session');
    await session.waitFor();
    expect(await session.textContent()).toContain('编辑、保密审查');
    expect(await session.textContent()).toContain('fjdrc');
    expect(await page.getByRole('link', { name: '编辑工作台' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '电子监察' }).count()).toBe(0);
    // The token stays in this tab's sessionStorage only.
    expect(await page.evaluate(() => [sessionStorage.getItem('hub.staffToken') !== null, localStorage.getItem('hub.staffToken')])).toEqual([true, null]);
    // English on request, claims and all.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Signed in as editor+reviewer@fjdrc' }).waitFor();
    expect(await session.textContent()).toContain('Editor, Confidentiality reviewer');
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('访问令牌').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('hub.staffToken'))).toBeNull();
    // A staff page without a session points to the sign-in page.
    await page.goto(`${portal.origin}/coordinator`);
    await page.getByRole('link', { name: '前往登录' }).waitFor();
  });

  it('a coordinator resolves a finding raised by two agencies publishing conflicting key facts', async () => {
    const subject = '2026年测试指标';
    const ids = [
      await publish('fjgov', { title: '全省测试指标发布稿', body: '测试指标为 4197 万人。', keyFacts: [{ subject, value: '4197', unit: '万人', asOf: '2026-10-31' }] }),
      await publish('fjdrc', { title: '测试指标情况分析', body: '测试指标为 4179 万人。', keyFacts: [{ subject, value: '4179', unit: '万人', asOf: '2026-10-31' }] }),
    ];
    // The scan's own calls through the gateway are the news office's service identity's, which a
    // safelist gateway lets send its documents; a coordinator's (staff) token sends persisted ones only.
    const scan = await as(['coordinator'], undefined, 'StaffRunConsistencyScan');
    expect(scan.runConsistencyScan.unreachable).toEqual([]);
    expect(scan.runConsistencyScan.findingsSeen).toBeGreaterThan(0);
    const arbitrary = await portal.hub.query('mutation { runConsistencyScan { id } }', {}, await portal.hub.token(['coordinator']));
    expect(arbitrary.data).toBeNull();
    expect(JSON.stringify(arbitrary.errors)).toContain('PersistedQueryOnly');

    const page = await signedIn(['coordinator']);
    await page.goto(`${portal.origin}/coordinator`);
    const finding = page.getByTestId('finding').filter({ hasText: subject });
    await finding.waitFor();
    expect(await finding.getByRole('heading', { level: 3 }).textContent()).toContain('关键数据不一致');
    // Both values side by side, each with the agency and document it comes from.
    const evidence = await finding.getByRole('list', { name: '对照' }).getByRole('listitem').allTextContents();
    expect(evidence).toHaveLength(2);
    expect(evidence.find((text) => text.includes('4197万人'))).toEqual(expect.stringContaining(ids[0]));
    expect(evidence.find((text) => text.includes('4179万人'))).toEqual(expect.stringContaining(ids[1]));
    expect(evidence.join()).toMatch(/福建省人民政府办公厅[\s\S]*福建省发展和改革委员会|福建省发展和改革委员会[\s\S]*福建省人民政府办公厅/);
    await finding.getByLabel('处理说明').fill('已与两机关核实，以统计部门数据为准');
    await finding.getByRole('button', { name: '标记已解决' }).click();
    // The open list no longer has it; the resolved one keeps the note.
    await page.getByTestId('finding').filter({ hasText: subject }).waitFor({ state: 'detached' });
    await page.getByLabel('按状态').selectOption('RESOLVED');
    const resolved = page.getByTestId('finding').filter({ hasText: subject });
    await resolved.waitFor();
    expect(await resolved.textContent()).toContain('已与两机关核实');
    const { consistencyFindings } = await as(['coordinator'], undefined, 'StaffFindings', { status: 'RESOLVED' });
    const stored = consistencyFindings.edges.map((e: { node: { detail: string; note: string; status: string } }) => e.node).find((n: { detail: string }) => n.detail.includes(subject));
    expect(stored).toMatchObject({ status: 'RESOLVED', note: '已与两机关核实，以统计部门数据为准' });
  });

  it('a coordinator creates a plan, links a document, confirms it, and sees its embargo countdown on the timeline', async () => {
    const { createDocument } = await as(['editor'], 'fjdrc', 'StaffCreateDocument', { input: { title: '优化营商环境政策解读', body: '政策解读全文。', theme: '综合政务', formedOn: '2026-11-26', disclosure: 'PROACTIVE' } });
    await as(['editor'], 'fjdrc', 'StaffSubmitDocument', { id: createDocument.id });
    await as(['reviewer'], 'fjdrc', 'StaffReviewDocument', { id: createDocument.id, approve: true });
    const page = await signedIn(['coordinator']);
    await page.goto(`${portal.origin}/coordinator`);
    await page.getByLabel('标题').fill('优化营商环境联合发布');
    await page.getByLabel('牵头机关').selectOption('fjdrc');
    await page.getByRole('group', { name: /参与机关/ }).getByLabel('福建省人民政府办公厅').check();
    await page.getByLabel('发布时间').fill('2026-12-20T10:00');
    await page.getByRole('button', { name: '新建计划' }).click();
    await page.getByRole('status').filter({ hasText: /已新建计划/ }).waitFor();
    const item = page.getByTestId('plan-timeline').getByRole('listitem').filter({ hasText: '优化营商环境联合发布' });
    // The browser's clock reads the hub's: 23 days to 10:00 on 20 December.
    expect(await item.getByTestId('countdown').textContent()).toBe('距发布还有 23 天 0 小时 0 分');
    expect(await item.getByRole('row').filter({ hasText: '福建省人民政府办公厅' }).count()).toBe(1);
    await item.getByLabel('关联文件').fill(createDocument.id);
    await item.getByRole('button', { name: '关联', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已关联文件' }).waitFor();
    const linked = page.getByTestId('plan-timeline').getByRole('listitem').filter({ hasText: '优化营商环境联合发布' });
    await linked.getByText(createDocument.id).waitFor({ state: 'attached' });
    await linked.getByRole('button', { name: '确认计划' }).click();
    await page.getByRole('status').filter({ hasText: '计划已确认' }).waitFor();
    await page.getByTestId('plan-timeline').getByRole('listitem').filter({ hasText: '优化营商环境联合发布' }).getByText('已确认', { exact: true }).waitFor();
  });

  it('a supervisor exports the late items as CSV that Excel opens (UTF-8 with BOM)', async () => {
    // A request received in September and never answered: long past its 20 working days.
    const { recordDisclosureRequest } = await as(['disclosure-officer'], 'fjczt', 'StaffRecordRequest', { input: {
      requesterKind: 'NATURAL_PERSON', requesterName: '王五', idNumber: '11010519491231002X', contact: '13800000000', channel: 'IN_PERSON', agency: 'fjczt',
      description: '2026年省级预算执行情况', submittedOn: '2026-09-01',
    } });
    const page = await signedIn(['supervisor']);
    await page.goto(`${portal.origin}/supervision`);
    await page.locator('[data-testid="chart-heatmap"] canvas').first().waitFor();
    const row = page.getByTestId('supervision-table').getByRole('row').filter({ hasText: '福建省财政厅' });
    expect(Number((await row.getByRole('cell').nth(3).textContent()))).toBeGreaterThanOrEqual(1);
    const late = page.getByTestId('late-items');
    await late.getByText(recordDisclosureRequest.id).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^late-items-\d{4}-01-01-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('"类别","标识","发布机构","标题或状态","期限","收到日期 / 发布日期"');
    const line = lines.find((l) => l.includes(recordDisclosureRequest.id))!;
    expect(line.split('","')).toEqual([`"申请`, recordDisclosureRequest.id, '福建省财政厅', '办理中', recordDisclosureRequest.replyDueOn, `2026-09-01"`]);
  });

  it("a supervisor sees each agency's notice duties: training sessions and coverage, expedited releases", async () => {
    // The agency's admin records a dedicated session for its disclosure staff (its own service, as its staff page would).
    const fjczt = portal.hub.agencies.get('fjczt')!;
    const today = fjczt.runtime.clock.today();
    await recordTrainingSession(createContext(fjczt.runtime, { sub: 'admin@fjczt', agency: 'fjczt', roles: ['admin'] }), {
      heldOn: today, title: '政务公开业务专题培训', kind: TrainingKind.DISCLOSURE_STAFF, attendees: 12, headcount: 12,
    });
    const expected = (await portal.persisted('StaffSupervision', { from: `${today.slice(0, 4)}-01-01`, to: today }, await portal.hub.token(['supervisor']))).data.agencies
      .find((a: any) => a.code === 'fjczt').supervision;
    expect(expected.trainingSessions).toBeGreaterThanOrEqual(1);
    const page = await signedIn(['supervisor']);
    await page.goto(`${portal.origin}/supervision`);
    const row = page.getByTestId('duties-table').getByRole('row').filter({ hasText: '福建省财政厅' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual([
      String(expected.expeditedReleases), String(expected.expeditedWithinHour), String(expected.expeditedLate), String(expected.trainingSessions),
      expected.trainingCoverage === null ? '—' : `${Math.round(expected.trainingCoverage * 100)}%`, String(expected.disclosureStaffTrainings),
    ]);
    expect(expected.disclosureStaffTrainings).toBeGreaterThanOrEqual(1);
  });

  it("an editor creates a draft and submits it; the agency's reviewer sees it in the queue, another agency's does not", async () => {
    const title = `浏览器测试草稿 ${Date.now()}`;
    const editor = await signedIn(['editor'], 'fjdrc');
    await editor.getByRole('link', { name: '编辑工作台' }).click();
    await editor.getByRole('heading', { level: 2, name: '新建草稿' }).waitFor();
    await editor.getByLabel('标题').fill(title);
    await editor.getByLabel('主题分类').selectOption('综合政务');
    await editor.getByLabel('正文').fill('本草稿由浏览器测试创建。');
    await editor.getByRole('button', { name: '保存草稿' }).click();
    await editor.getByTestId('desk-message').filter({ hasText: '草稿已保存' }).waitFor();
    const draft = editor.getByTestId('documents-DRAFT').getByRole('row').filter({ hasText: title });
    await draft.waitFor();
    // Edit it once: the form loads the draft.
    await draft.getByRole('button', { name: '修改' }).click();
    await editor.getByRole('heading', { level: 2, name: '修改草稿' }).waitFor();
    expect(await editor.getByLabel('标题').inputValue()).toBe(title);
    await editor.getByLabel('正文').fill('本草稿由浏览器测试创建，已修改。');
    await editor.getByRole('button', { name: '保存草稿' }).click();
    await editor.getByRole('heading', { level: 2, name: '新建草稿' }).waitFor();
    await editor.getByTestId('documents-DRAFT').getByRole('row').filter({ hasText: title }).getByRole('button', { name: '送保密审查' }).click();
    await editor.getByTestId('desk-message').filter({ hasText: '已送审查' }).waitFor();

    const reviewer = await signedIn(['reviewer'], 'fjdrc');
    await reviewer.goto(`${portal.origin}/staff/documents`);
    const queued = reviewer.getByTestId('documents-IN_REVIEW').getByRole('row').filter({ hasText: title });
    await queued.waitFor();
    expect(await queued.getByRole('button', { name: '通过', exact: true }).count()).toBe(1);

    const other = await signedIn(['reviewer'], 'fjgov');
    await other.goto(`${portal.origin}/staff/documents`);
    await other.getByRole('heading', { level: 2, name: '待保密审查' }).waitFor();
    await other.locator('main [role="status"]', { hasText: /正在加载/ }).waitFor({ state: 'detached' });
    expect(await other.getByText(title).count()).toBe(0);
  });

  it("a disclosure officer sees the agency's open requests with due dates and replies to one", async () => {
    const { recordDisclosureRequest } = await as(['disclosure-officer'], 'fjgov', 'StaffRecordRequest', { input: {
      requesterKind: 'NATURAL_PERSON', requesterName: '赵六', idNumber: '11010519491231002X', contact: '13900000000', channel: 'IN_PERSON', agency: 'fjgov',
      description: '某项目的审批文件', submittedOn: '2026-11-25',
    } });
    const page = await signedIn(['disclosure-officer'], 'fjgov');
    await page.goto(`${portal.origin}/staff/requests`);
    const item = page.getByTestId('request-queue').getByRole('listitem').filter({ hasText: '某项目的审批文件' });
    await item.waitFor();
    expect(await item.textContent()).toContain('赵六');
    expect(await item.textContent()).toMatch(/剩余 \d+ 天/);
    await item.getByRole('button', { name: '答复' }).click();
    await item.getByLabel('办理结果').selectOption('DISCLOSED');
    expect(await item.getByLabel('答复日期').inputValue()).toBe('2026-11-27');
    await item.getByLabel('答复书').fill('经审查，予以公开，详见附件。');
    await item.getByRole('button', { name: '发出答复' }).click();
    await page.getByRole('status').filter({ hasText: '已答复' }).waitFor();
    expect(await page.getByText('某项目的审批文件').count()).toBe(0);
    const { disclosureRequests } = await as(['disclosure-officer'], 'fjgov', 'StaffRequests', { filter: { agencies: ['fjgov'], status: ['CLOSED'] } });
    expect(disclosureRequests.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(recordDisclosureRequest.id);
  });

  it('has no serious or critical axe-core violation on any staff page, at desktop and phone width', async () => {
    const pages: { path: string; roles: Role[]; agency?: string; ready: string }[] = [
      { path: '/staff', roles: [], ready: '#staff-token' },
      { path: '/staff', roles: ['editor'], agency: 'fjdrc', ready: '[data-testid="session"]' },
      { path: '/coordinator', roles: ['coordinator'], ready: '[data-testid="finding"], #findings-heading ~ p' },
      { path: '/supervision', roles: ['supervisor'], ready: '[data-testid="chart-trend"] canvas' },
      { path: '/staff/documents', roles: ['editor', 'reviewer'], agency: 'fjdrc', ready: '#table-in_review' },
      { path: '/staff/requests', roles: ['disclosure-officer'], agency: 'fjgov', ready: '#due-heading' },
    ];
    const found: string[] = [];
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 740 }]) {
      for (const { path, roles, agency, ready } of pages) {
        const page = roles.length ? await signedIn(roles, agency, viewport) : await hubTimePage(viewport);
        await page.goto(`${portal.origin}${path}`);
        await page.locator(ready).first().waitFor({ state: 'attached' });
        // Every loading line gone (a staff page loads several sections at once).
        await page.waitForFunction(() => ![...document.querySelectorAll('main [role="status"]')].some((e) => /正在加载/.test(e.textContent ?? '')));
        for (const v of await seriousViolations(page)) found.push(`${viewport.width}px ${path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        // Usable at phone width: nothing wider than the screen but the scrolling tables.
        if (viewport.width < 400) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      }
    }
    expect(found).toEqual([]);
  });

  // Last: it stops an agency's deployment.
  it("names an unavailable agency in a banner while the supervision page shows the others", async () => {
    await portal.hub.stopAgency('fjczt');
    const page = await signedIn(['supervisor']);
    await page.goto(`${portal.origin}/supervision`);
    await page.getByTestId('agency-banner').first().filter({ hasText: '福建省财政厅' }).waitFor();
    const rows = page.getByTestId('supervision-table').getByRole('row');
    await rows.filter({ hasText: '福建省发展和改革委员会' }).waitFor();
    expect(await rows.filter({ hasText: '福建省财政厅' }).count()).toBe(0);
  });
});
