import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { freePort } from '../../../test/support/free-port';
import { embeddedFonts, pdfText } from '../../../test/support/pdf-text';
import { startSmtp } from '../../../test/support/smtp';
import {
  ASK_FOR_REASONS, EXTEND, MARK_EXCESSIVE, NOTIFY_FEE_COUNTED, PROGRESS, RECEIVE_SUPPLEMENT, RECORD_REQUEST, REPLY, REQUEST_SUPPLEMENT, START_CONSULTATION, SUBMIT_REQUEST,
} from '../../../test/documents/request-operations';
import { chinaDate } from '../../shared/clock';
import { residentId } from '../../../tools/demo/codes';
import { DisclosureRequestEntity } from '../entities/request.entity';
import { deliverDueMail, smtpSender } from '../services/mail-outbox';
import { chineseDate } from '../services/letter-templates';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const EDITOR = staff('fjdrc', 'editor');
const REQUESTER_EMAIL = 'lin.xiaoming@example.cn';

const CASE = /* GraphQL */ `
  query Case($trackingCode: String!, $pin: String!) {
    requesterCase(trackingCode: $trackingCode, pin: $pin) {
      trackingCode status submittedOn receivedOn replyDueOn closedOn outcome deliveryMethod responseText
      letters { id requestId kind recipient title issuedOn deliveryMethod deliveredOn text sha256 pdfBase64 }
    }
  }
`;
const TO_PRINT = /* GraphQL */ `query ToPrint { lettersToPrint { id requestId kind recipient title issuedOn deliveryMethod deliveredOn emailRefused text } }`;
const HANDED_OVER = /* GraphQL */ `mutation HandedOver($id: ID!, $on: Date!) { recordLetterHandedOver(id: $id, on: $on) { id deliveredOn } }`;
const ISSUE_PIN = /* GraphQL */ `mutation Pin($id: ID!) { issueRequesterPin(id: $id) }`;
const STAFF_LETTERS = /* GraphQL */ `
  query Letters($id: ID!) { request(id: $id) { letters { id kind deliveredOn } requesterCaseReads { at granted } } }
`;

/** Moves the deployment's legal clock to 10:00 China time on `date`. */
function setToday(agency: TestAgency, date: string): void {
  const at = new Date(`${date}T10:00:00+08:00`);
  agency.runtime.clock = { now: () => new Date(at), today: () => chinaDate(at) };
}

describe.each(testEngines())('statutory letters of a request, delivered and read by the requester, on %s', (kind) => {
  let agency: TestAgency;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    agency = await openTestAgency(kind, { env: { HUB_SMTP_URL: `smtp://127.0.0.1:${port}`, HUB_MAIL_FROM: 'xxgk@fjdrc.example.cn', HUB_AGENCY_NAME: '福建省发展和改革委员会' } });
  });
  afterAll(() => agency.close());

  const step = async (mutation: string, variables: Record<string, unknown>) => Object.values(await agency.exec(mutation, variables, OFFICER))[0] as Record<string, any>;
  const add = (from: string, days: number) => agency.runtime.calendar.addWorkingDays(from, days).on;

  it('walks an online request through a supplement notice, an extension and the reply: each letter cites its article and the clock\'s dates, is e-mailed once although the mail server was down at first, and opens with the code and PIN only', async () => {
    setToday(agency, '2026-11-30');
    const { submitDisclosureRequest: receipt } = await agency.exec(SUBMIT_REQUEST, {
      input: {
        requesterKind: 'NATURAL_PERSON', requesterName: '林小明', idNumber: residentId('350102', '19880214', 37), contact: '13800000000',
        channel: 'ONLINE', agency: 'fjdrc', description: '请公开2025年省级重点项目名单', deliveryMethod: 'EMAIL', deliveryEmail: REQUESTER_EMAIL,
      },
    }, PUBLIC);
    expect(receipt.accessPin).toMatch(/^\d{8}$/);
    const { trackingCode, accessPin } = receipt;
    const { id } = await agency.runtime.orm.em.fork().findOneOrFail(DisclosureRequestEntity, { trackingCode });
    // The PIN is kept only as a hash.
    expect(JSON.stringify(await agency.runtime.orm.em.fork().findOneOrFail(DisclosureRequestEntity, { id }))).not.toContain(accessPin);

    setToday(agency, '2026-12-01');
    await step(REQUEST_SUPPLEMENT, { id, on: '2026-12-01', detail: '请写明所需名单的年度和项目类别（省重点建设项目或省重点前期项目）' });
    setToday(agency, '2026-12-03');
    await step(RECEIVE_SUPPLEMENT, { id, on: '2026-12-03', detail: '2025年度省重点建设项目名单' });
    setToday(agency, '2026-12-22');
    await step(EXTEND, { id, on: '2026-12-22', days: 15, approver: '王主任', notice: '所需信息涉及多个处室的档案，需调取核对' });
    const { requestProgress: extended } = await agency.exec(PROGRESS, { code: trackingCode }, PUBLIC);
    setToday(agency, '2027-01-05');
    await step(REPLY, { id, on: '2027-01-05', outcome: 'DISCLOSED', responseText: '经查，您申请的2025年度省重点建设项目名单已制作完成，现随本答复书提供。\n名单共186个项目。' });

    // Without the PIN, with a wrong one, or with another request's code: the same refusal, no letters.
    for (const [code, pin] of [[trackingCode, '00000000'], [trackingCode, ''], ['fjdrc:0000-0000-0000-0000', accessPin]]) {
      const refused = await agency.execRaw(CASE, { trackingCode: code, pin }, PUBLIC);
      expect(refused.data?.requesterCase ?? null).toBeNull();
      expect(refused.errors?.[0]).toMatchObject({ message: '查询码或查询密码不正确 / The tracking code or the PIN is wrong', extensions: { code: 'BAD_USER_INPUT', field: 'pin' } });
    }
    // Staff of another role never read the letters (they name the requester).
    expect((await agency.exec(STAFF_LETTERS, { id }, EDITOR)).request).toMatchObject({ letters: null, requesterCaseReads: null });

    const { requesterCase: opened } = await agency.exec(CASE, { trackingCode, pin: accessPin }, PUBLIC);
    expect(opened).toMatchObject({ trackingCode, status: 'CLOSED', submittedOn: '2026-11-30', receivedOn: '2026-11-30', closedOn: '2027-01-05', outcome: 'DISCLOSED', deliveryMethod: 'EMAIL' });
    expect(opened.responseText).toContain('名单共186个项目');
    expect(opened.letters.map((l: any) => [l.kind, l.issuedOn, l.recipient, l.deliveryMethod, l.deliveredOn])).toEqual([
      ['SUPPLEMENT_NOTICE', '2026-12-01', 'REQUESTER', 'EMAIL', null],
      ['EXTENSION_NOTICE', '2026-12-22', 'REQUESTER', 'EMAIL', null],
      ['REPLY', '2027-01-05', 'REQUESTER', 'EMAIL', null],
    ]);

    // Each PDF: the Chinese text extracted from its text layer, with the clock's dates and the article cited.
    const [supplement, extension, reply] = await Promise.all(opened.letters.map(async (l: any) => {
      const pdf = Buffer.from(l.pdfBase64, 'base64');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(embeddedFonts(pdf).some((f) => f.includes('NotoSansSC'))).toBe(true);
      return (await pdfText(pdf)).join('').replace(/\s+/g, '');
    }));
    expect(supplement).toContain('政府信息公开申请补正告知书');
    expect(supplement).toContain('林小明：');
    expect(supplement).toContain('第三十条');
    expect(supplement).toContain(`${chineseDate(add('2026-12-01', 15))}前`);
    expect(supplement).toContain('请写明所需名单的年度和项目类别');
    expect(extension).toContain('政府信息公开申请延期答复告知书');
    expect(extension).toContain('第三十三条第二款');
    expect(extension).toContain('延长15个工作日');
    // The extended due date is the clock's: 20 working days from the supplement, then 15 more.
    expect(extended.replyDueOn).toBe(add(add('2026-12-03', 20), 15));
    expect(extension).toContain(`${chineseDate(extended.replyDueOn)}前作出答复`);
    expect(reply).toContain('政府信息公开申请答复书');
    expect(reply).toContain('第三十六条第（二）项');
    expect(reply).toContain('名单共186个项目');
    expect(reply).toContain('六十日内依法申请行政复议');
    expect(reply).toContain('六个月内依法向人民法院提起行政诉讼');
    expect(reply).toContain('福建省发展和改革委员会2027年1月5日');
    for (const l of opened.letters) {
      expect((await pdfText(Buffer.from(l.pdfBase64, 'base64'))).join('').replace(/\s+/g, '')).toBe(l.text.replace(/\s+/g, ''));
    }

    // Delivery: the mail server is down at first; each letter is retried, then sent once.
    const sender = smtpSender(agency.config.smtpUrl!);
    const firstTry = new Date();
    expect(await deliverDueMail(agency.runtime, sender, firstTry)).toEqual({ sent: 0, failed: 3, refused: 0 });
    const smtp = await startSmtp(port);
    try {
      expect(await deliverDueMail(agency.runtime, sender, new Date(firstTry.getTime() + 31_000))).toEqual({ sent: 3, failed: 0, refused: 0 });
      expect(await deliverDueMail(agency.runtime, sender, new Date(firstTry.getTime() + 7_200_000))).toEqual({ sent: 0, failed: 0, refused: 0 });
    } finally {
      await smtp.stop();
    }
    expect(smtp.received.map((m) => m.to)).toEqual([[REQUESTER_EMAIL], [REQUESTER_EMAIL], [REQUESTER_EMAIL]]);
    for (const [i, mail] of smtp.received.entries()) {
      expect(mail.from).toBe('xxgk@fjdrc.example.cn');
      expect(mail.data).toMatch(/Content-Type: application\/pdf/);
      // The attachment is the PDF as kept.
      const attachment = mail.data.split(/Content-Type: application\/pdf[^]*?\r\n\r\n/)[1].split('\r\n--')[0].replace(/\r\n/g, '');
      expect(Buffer.from(attachment, 'base64').equals(Buffer.from(opened.letters[i].pdfBase64, 'base64'))).toBe(true);
    }
    // 送达: the day the mail server accepted each one, on the deployment's clock.
    const { requesterCase: after } = await agency.exec(CASE, { trackingCode, pin: accessPin }, PUBLIC);
    expect(after.letters.map((l: any) => l.deliveredOn)).toEqual(['2027-01-05', '2027-01-05', '2027-01-05']);
    expect(after.letters.map((l: any) => l.sha256)).toEqual(opened.letters.map((l: any) => l.sha256));

    // Every attempt on this request is logged for its disclosure officers (the unknown code has no request): two refusals, two reads.
    const { request: seen } = await agency.exec(STAFF_LETTERS, { id }, OFFICER);
    expect(seen.letters.map((l: any) => l.kind)).toEqual(['SUPPLEMENT_NOTICE', 'EXTENSION_NOTICE', 'REPLY']);
    expect(seen.requesterCaseReads.map((r: any) => r.granted)).toEqual([true, true, false, false]);
    expect(agency.audit.filter((a) => a.audit === 'personal-data.read' && a.subject === id && (a.fields as string[]).includes('letters'))).toHaveLength(1);
  });

  it('queues paper letters and a third party\'s letter for printing until staff record the day handed over; a staff-entered request opens only with a PIN an officer issues; five wrong PINs lock the page', async () => {
    setToday(agency, '2026-12-07');
    const paper = (await agency.exec(RECORD_REQUEST, {
      input: {
        requesterKind: 'NATURAL_PERSON', requesterName: '陈美华', idNumber: residentId('350203', '19750611', 12), contact: '福州市鼓楼区五四路100号',
        channel: 'IN_PERSON', agency: 'fjdrc', description: '申请公开某建设项目环境影响评价文件全本', deliveryMethod: 'PAPER_BY_POST', submittedOn: '2026-12-07',
      },
    }, OFFICER)).recordDisclosureRequest;
    await step(START_CONSULTATION, { id: paper.id, party: 'THIRD_PARTY', on: '2026-12-07', detail: '申请公开的环境影响评价文件含建设单位的工艺参数' });
    await step(START_CONSULTATION, { id: paper.id, party: 'CO_PRODUCER', on: '2026-12-07', detail: '文件由本委与生态环境厅联合批复' });
    await step(MARK_EXCESSIVE, { id: paper.id, on: '2026-12-07', days: 0, reason: '同一申请人本月第十二件申请' });
    await step(ASK_FOR_REASONS, { id: paper.id, on: '2026-12-07', detail: '您本月已提出十二件申请' });
    await step(NOTIFY_FEE_COUNTED, { id: paper.id, on: '2026-12-07', method: 'BY_VOLUME', pages: 200, notice: '请按通知缴纳信息处理费' });

    const queue = (await agency.exec(TO_PRINT, {}, OFFICER)).lettersToPrint.filter((l: any) => l.requestId === paper.id);
    // The co-producing agency is consulted agency to agency: no letter. The e-mailed letters of the first request are not here.
    expect(queue.map((l: any) => [l.kind, l.recipient, l.deliveryMethod])).toEqual(expect.arrayContaining([
      ['CONSULTATION_LETTER', 'THIRD_PARTY', null],
      ['REASONS_NOTICE', 'REQUESTER', 'PAPER_BY_POST'],
      ['FEE_NOTICE', 'REQUESTER', 'PAPER_BY_POST'],
    ]));
    const { request: charged } = await agency.exec(`query F($id: ID!) { request(id: $id) { feeYuan feePaymentDueOn } }`, { id: paper.id }, OFFICER);
    const fee = queue.find((l: any) => l.kind === 'FEE_NOTICE');
    expect(fee.text).toContain(`人民币${charged.feeYuan}元（按量计收 200 页）`);
    expect(fee.text).toContain(`${chineseDate(charged.feePaymentDueOn)}前缴纳`);
    expect(fee.text).toContain('第四十二条');
    expect(queue.filter((l: any) => l.kind === 'CONSULTATION_LETTER')).toHaveLength(1);
    const consultation = queue.find((l: any) => l.kind === 'CONSULTATION_LETTER');
    expect(consultation.text).toContain('第三十二条');
    expect(consultation.text).toContain(`${chineseDate(add('2026-12-07', 15))}前`);
    // A third party's letter never names the requester.
    expect(consultation.text).not.toContain('陈美华');
    const reasons = queue.find((l: any) => l.kind === 'REASONS_NOTICE');
    const { request: withReasons } = await agency.exec(`query R($id: ID!) { request(id: $id) { reasonsDueOn } }`, { id: paper.id }, OFFICER);
    expect(reasons.text).toContain(`${chineseDate(withReasons.reasonsDueOn)}前说明理由`);
    expect(reasons.text).toContain('第三十五条');
    expect((await agency.exec(TO_PRINT, {}, OFFICER)).lettersToPrint.every((l: any) => l.deliveryMethod !== 'EMAIL')).toBe(true);
    // Only the agency's disclosure officers see the queue.
    expect((await agency.execRaw(TO_PRINT, {}, EDITOR)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    setToday(agency, '2026-12-08');
    const before = await agency.execRaw(HANDED_OVER, { id: reasons.id, on: '2026-12-06' }, OFFICER);
    expect(before.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'on' } });
    expect((await agency.exec(HANDED_OVER, { id: reasons.id, on: '2026-12-08' }, OFFICER)).recordLetterHandedOver).toEqual({ id: reasons.id, deliveredOn: '2026-12-08' });
    expect((await agency.execRaw(HANDED_OVER, { id: reasons.id, on: '2026-12-08' }, OFFICER)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await agency.exec(TO_PRINT, {}, OFFICER)).lettersToPrint.map((l: any) => l.id)).not.toContain(reasons.id);

    // A request entered by staff has no PIN until an officer issues one; the new PIN opens it.
    expect((await agency.execRaw(CASE, { trackingCode: paper.trackingCode, pin: '12345678' }, PUBLIC)).errors?.[0].extensions?.field).toBe('pin');
    const pin = (await agency.exec(ISSUE_PIN, { id: paper.id }, OFFICER)).issueRequesterPin;
    expect(pin).toMatch(/^\d{8}$/);
    expect((await agency.execRaw(ISSUE_PIN, { id: paper.id }, EDITOR)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { requesterCase: own } = await agency.exec(CASE, { trackingCode: paper.trackingCode, pin }, PUBLIC);
    // The requester reads the letters addressed to them, never the third party's.
    expect(own.letters.map((l: any) => l.kind)).not.toContain('CONSULTATION_LETTER');
    expect(own.letters.map((l: any) => l.kind)).toContain('REASONS_NOTICE');

    // Five wrong PINs in a row lock the page, and then even the right PIN waits.
    const wrong = pin === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i++) expect((await agency.execRaw(CASE, { trackingCode: paper.trackingCode, pin: wrong }, PUBLIC)).errors?.[0].message).toContain('查询码或查询密码不正确');
    const locked = await agency.execRaw(CASE, { trackingCode: paper.trackingCode, pin }, PUBLIC);
    expect(locked.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'pin' } });
    expect(locked.errors?.[0].message).toMatch(/查询密码连续输错5次，请1[45]分钟后再试 \/ 5 wrong PINs in a row: try again in 1[45] min/);
  });

  it('moves an e-mailed letter the mail server refuses for good (no such mailbox) to the print queue, where staff deliver it on paper', async () => {
    setToday(agency, '2026-12-09');
    const wrongAddress = 'no.such.person@example.cn';
    const { submitDisclosureRequest: receipt } = await agency.exec(SUBMIT_REQUEST, {
      input: {
        requesterKind: 'NATURAL_PERSON', requesterName: '吴建国', idNumber: residentId('350102', '19700101', 15), contact: '福州市台江区工业路1号',
        channel: 'ONLINE', agency: 'fjdrc', description: '申请公开2026年省级财政专项资金分配结果', deliveryMethod: 'EMAIL', deliveryEmail: wrongAddress,
      },
    }, PUBLIC);
    const { id } = await agency.runtime.orm.em.fork().findOneOrFail(DisclosureRequestEntity, { trackingCode: receipt.trackingCode });
    await step(REQUEST_SUPPLEMENT, { id, on: '2026-12-09', detail: '请写明专项资金的名称' });
    const smtp = await startSmtp(port, [wrongAddress]);
    try {
      const sender = smtpSender(agency.config.smtpUrl!);
      expect(await deliverDueMail(agency.runtime, sender, new Date())).toEqual({ sent: 0, failed: 0, refused: 1 });
      // Refused for good: never tried again.
      expect(await deliverDueMail(agency.runtime, sender, new Date(Date.now() + 86_400_000))).toEqual({ sent: 0, failed: 0, refused: 0 });
    } finally {
      await smtp.stop();
    }
    expect(smtp.received).toHaveLength(0);
    const [queued] = (await agency.exec(TO_PRINT, {}, OFFICER)).lettersToPrint.filter((l: any) => l.requestId === id);
    expect(queued).toMatchObject({ kind: 'SUPPLEMENT_NOTICE', deliveryMethod: 'EMAIL', deliveredOn: null, emailRefused: expect.stringContaining('No such mailbox') });
    expect((await agency.exec(HANDED_OVER, { id: queued.id, on: '2026-12-09' }, OFFICER)).recordLetterHandedOver).toEqual({ id: queued.id, deliveredOn: '2026-12-09' });
  });
});
