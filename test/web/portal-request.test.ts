import { residentIdCheckChar } from '../../subgraphs/shared/identifiers';
import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

/** A resident identity number with a real birth date, and the same with a wrong check digit. */
const FIRST17 = '35010219900307002';
const GOOD_ID = FIRST17 + residentIdCheckChar(FIRST17);
const BAD_ID = FIRST17 + (residentIdCheckChar(FIRST17) === '1' ? '2' : '1');

describeBrowser('portal disclosure request and feedback (chromium)', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 180_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it('refuses a bad id number live in Chinese and English, then takes a good one: receipt with tracking code, then progress with the due date explained', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/request`);
    await page.getByLabel('受理机关 *').selectOption('fjdrc');
    await page.getByLabel('姓名 *').fill('林小华');
    const id = page.getByLabel('公民身份号码 *');
    await id.fill(BAD_ID);
    const error = page.locator('#idNumber-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('公民身份号码无效（末位校验码不符合 GB 11643） / Invalid resident identity number (the last digit fails the GB 11643 check)');
    expect(await id.getAttribute('aria-invalid')).toBe('true');
    expect(await id.getAttribute('aria-describedby')).toContain('idNumber-error');
    // Submitting with the error sends nothing: the focus goes back to the field.
    await page.getByLabel('联系方式（电话、邮箱或通讯地址）*').fill('13800000000');
    await page.getByLabel('所需信息的描述 *').fill('2025年度省级预算执行情况的审计报告全文');
    await page.getByRole('button', { name: '提交申请' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('idNumber');
    expect(await page.getByRole('heading', { name: '申请已提交' }).count()).toBe(0);

    await id.fill(GOOD_ID);
    await error.waitFor({ state: 'detached' });
    expect(await id.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code.length).toBeGreaterThan(5);

    const progress = (await portal.persisted('PortalRequestTracking', { trackingCode: code })).data.requestProgress;
    expect(progress).not.toBeNull();
    await page.getByRole('link', { name: '查询办理进度' }).click();
    await page.getByRole('heading', { name: `查询码 ${code} 的办理进度` }).waitFor();
    const status = { AWAITING_RECEIPT: '待确认收到', PROCESSING: '办理中', AWAITING_SUPPLEMENT: '待补正', IN_CONSULTATION: '征求意见中', CLOSED: '已办结' }[progress.status as string];
    expect(await page.getByTestId('request-status').textContent()).toBe(status);
    expect(await page.getByRole('heading', { name: '答复期限如何计算' }).count()).toBe(1);
    expect(await page.getByText('自收到申请之日起 20 个工作日内答复').count()).toBe(1);
    if (progress.replyDueOn) {
      const [y, m, d] = progress.replyDueOn.split('-');
      expect(await page.getByTestId('reply-due').textContent()).toContain(`${y}年${Number(m)}月${Number(d)}日`);
    }
    expect(await page.locator('[data-testid="due-steps"] li').count()).toBe(progress.replyDueSteps.length);
  });

  it('shows an organisation\'s credit-code error in both languages', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/request`);
    await page.getByLabel('申请人类型 *').selectOption('COMMERCIAL_ENTERPRISE');
    await page.getByLabel('统一社会信用代码').fill('91350100MA2XXXXX00');
    await page.locator('#idNumber-error').waitFor();
    expect(await page.locator('#idNumber-error').textContent()).toMatch(/^统一社会信用代码无效（.+） \/ Invalid unified social credit code \(.+\)$/);
  });

  it('asks 获取方式: e-mail delivery needs an address, checked live in both languages; the receipt and the progress page state the way chosen', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/request`);
    await page.getByLabel('受理机关 *').selectOption('fjczt');
    await page.getByLabel('姓名 *').fill('陈海燕');
    await page.getByLabel('公民身份号码 *').fill(GOOD_ID);
    await page.getByLabel('联系方式（电话、邮箱或通讯地址）*').fill('13900000000');
    await page.getByLabel('所需信息的描述 *').fill('2026年省级部门预算公开目录');
    expect(await page.getByLabel('接收信息的电子邮箱 *').count()).toBe(0);
    await page.getByLabel('获取信息的方式').selectOption('EMAIL');
    const email = page.getByLabel('接收信息的电子邮箱 *');
    // Required then: submitting without it sends nothing and says why.
    await page.getByRole('button', { name: '提交申请' }).click();
    const error = page.locator('#deliveryEmail-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('选择以电子邮件获取信息时须填写接收邮箱 / The EMAIL delivery method needs deliveryEmail, the address to send the information to');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('deliveryEmail');
    await email.fill('chen.haiyan@example');
    await page.getByText('接收邮箱格式不正确，应如 zhangsan@example.com / deliveryEmail is not an e-mail address, e.g. zhangsan@example.com').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await email.fill('chen.haiyan@example.com');
    await error.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    expect(await page.getByTestId('delivery-method').textContent()).toBe('电子邮件');
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect((await portal.persisted('PortalRequestTracking', { trackingCode: code })).data.requestProgress.deliveryMethod).toBe('EMAIL');
    await page.getByRole('link', { name: '查询办理进度' }).click();
    await page.getByRole('heading', { name: `查询码 ${code} 的办理进度` }).waitFor();
    expect(await page.getByTestId('delivery-method').textContent()).toBe('电子邮件');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.getByTestId('delivery-method').textContent()).toBe('By e-mail');
  });

  it('sends feedback to an agency and lists published answers', async () => {
    const page = await portal.page();
    await page.goto(`${portal.origin}/feedback`);
    await page.getByLabel('留言对象 *').selectOption('fjczt');
    await page.getByLabel('意见建议内容 *').fill('建议在预算公开栏目中增加历年数据对比。');
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.getByTestId('feedback-sent').waitFor();
    const sent = (await page.getByTestId('feedback-sent').textContent())!;
    const id = /编号 (\S+)）/.exec(sent)![1];
    expect(id.startsWith('fjczt:')).toBe(true);
    const shown = (await portal.persisted('PortalPublishedFeedback', { first: 20 })).data.feedback;
    await page.getByRole('heading', { name: '已答复的意见建议' }).waitFor();
    if (shown.edges.length === 0) await page.getByText('暂无公开的意见建议。').waitFor();
    else expect(await page.locator('.feedback-list > li').count()).toBe(shown.edges.length);
  });
});
