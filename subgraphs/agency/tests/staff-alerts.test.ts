import { openTestAgency, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { freePort } from '../../../test/support/free-port';
import { startSmtp } from '../../../test/support/smtp';
import { SUBMIT_REQUEST } from '../../../test/documents/request-operations';
import { seedSupervisionFixture } from '../../../test/support/supervision-fixture';
import { residentId } from '../../../tools/demo/codes';
import { OutboxMailEntity } from '../entities/mail-outbox.entity';
import { logNotifier, runDeadlineWatch } from '../services/deadline-watch';
import { deliverDueMail, messageIdOf, smtpSender } from '../services/mail-outbox';

const OFFICERS = 'officer.a@fjdrc.example.cn, officer.b@fjdrc.example.cn';

describe.each(testEngines())('staff alerts by e-mail, through the outbox, on %s', (kind) => {
  let agency: TestAgency;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    agency = await openTestAgency(kind, { env: { HUB_ALERT_EMAILS: OFFICERS, HUB_SMTP_URL: `smtp://127.0.0.1:${port}`, HUB_MAIL_FROM: 'disclosure@fjdrc.example.cn' } });
  });
  afterAll(() => agency.close());

  const outbox = () => agency.runtime.orm.em.fork().find(OutboxMailEntity, {}, { orderBy: { id: 'asc' } });

  it('queues the new-request alert with the request, retries while the mail server is down, then delivers it once', async () => {
    const { submitDisclosureRequest: receipt } = await agency.exec(SUBMIT_REQUEST, {
      input: {
        requesterKind: 'NATURAL_PERSON', requesterName: '林志强', idNumber: residentId('350102', '19800101', 21), contact: '13800000000',
        channel: 'ONLINE', agency: 'fjdrc', description: '申请公开2025年度涉企收费清单',
      },
    }, PUBLIC);
    const [queued] = await outbox();
    expect(queued).toMatchObject({ key: expect.stringMatching(/^new-request:fjdrc:r\d+$/), recipients: 'officer.a@fjdrc.example.cn,officer.b@fjdrc.example.cn', attempts: 0, sentAt: null });
    expect(queued.body).toContain('答复期限 / reply due: ');
    // An officer's alert names the request, never who asked.
    expect(`${queued.subject}\n${queued.body}`).not.toMatch(/林志强|13800000000|350102/);
    expect(receipt.trackingCode).toBeTruthy();

    const sender = smtpSender(agency.config.smtpUrl!);
    const firstTry = new Date();
    expect(await deliverDueMail(agency.runtime, sender, firstTry)).toEqual({ sent: 0, failed: 1, refused: 0 });
    const [failed] = await outbox();
    expect(failed.attempts).toBe(1);
    expect(failed.sentAt).toBeNull();
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(firstTry.getTime() + 30_000);

    const smtp = await startSmtp(port);
    try {
      // Not yet due: the back-off holds even though the server is back.
      expect(await deliverDueMail(agency.runtime, sender, new Date(firstTry.getTime() + 10_000))).toEqual({ sent: 0, failed: 0, refused: 0 });
      expect(await deliverDueMail(agency.runtime, sender, new Date(firstTry.getTime() + 31_000))).toEqual({ sent: 1, failed: 0, refused: 0 });
      expect(await deliverDueMail(agency.runtime, sender, new Date(firstTry.getTime() + 3_600_000))).toEqual({ sent: 0, failed: 0, refused: 0 });
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail.from).toBe('disclosure@fjdrc.example.cn');
      expect(mail.to).toEqual(['officer.a@fjdrc.example.cn', 'officer.b@fjdrc.example.cn']);
      expect(mail.data).toContain(`Message-ID: ${messageIdOf('fjdrc', queued.key)}`);
      const [sent] = await outbox();
      expect(sent.sentAt).not.toBeNull();
      expect(sent.lastError).toBeNull();
    } finally {
      await smtp.stop();
    }
  });

  it('mails the deadline watch as one digest a day, however often the watch runs', async () => {
    await seedSupervisionFixture(agency.runtime);
    const items = await runDeadlineWatch(agency.runtime, logNotifier(() => undefined));
    await runDeadlineWatch(agency.runtime, logNotifier(() => undefined));
    const digests = (await outbox()).filter((m) => m.key.startsWith('deadline-digest:'));
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest.key).toBe('deadline-digest:2026-11-27');
    const late = items.filter((i) => i.state === 'LATE').length;
    expect(digest.subject).toContain(`逾期 ${late} 项，即将到期 ${items.length - late} 项`);
    for (const item of items) expect(digest.body).toContain(`${item.dueOn}`);
    expect(digest.body.split('\n').filter((l) => l.includes('fjdrc:'))).toHaveLength(items.length);
    // Late first, as the watch reports them.
    expect(digest.body.indexOf('已逾期')).toBeLessThan(digest.body.indexOf('即将到期 DUE SOON'));
  });

  it('refuses a malformed officer address at start', async () => {
    await expect(openTestAgency(kind, { env: { HUB_ALERT_EMAILS: 'officer.a@fjdrc.example.cn, 不是邮箱' } })).rejects.toThrow(/HUB_ALERT_EMAILS: 不是邮箱 is not an e-mail address/);
  });
});
