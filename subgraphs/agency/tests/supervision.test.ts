import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { AGENCY_SUPERVISION, PROVINCE_SUPERVISION } from '../../../test/documents/feedback-operations';
import { seedSupervisionFixture } from '../../../test/support/supervision-fixture';
import type { Claims } from '../../../schema/contracts/claims';
import { DocumentEntity } from '../entities/document.entity';
import { DisclosureRequestEntity } from '../entities/request.entity';
import { medianOf } from '../services/supervision.service';

const PERIOD = { from: '2026-11-01', to: '2026-11-27' };
const COORDINATOR: Claims = { sub: 'coordinator@news', roles: ['coordinator'] };
const counts = (buckets: { count: number }[]) => buckets.map((b) => b.count);

describe.each(testEngines())('supervision figures on %s', (kind) => {
  let agency: TestAgency;
  const figures = async (claims: Claims = SUPERVISOR, vars: Record<string, unknown> = PERIOD) =>
    (await agency.exec(AGENCY_SUPERVISION, { code: 'fjdrc', ...vars }, claims))._entities[0].supervision;

  beforeAll(async () => {
    agency = await openTestAgency(kind);
    await seedSupervisionFixture(agency.runtime);
  });
  afterAll(() => agency.close());

  it('counts documents overdue, due within 3 working days, and published late in the period', async () => {
    const f = await figures();
    expect(f).toMatchObject({
      from: '2026-11-01', to: '2026-11-27', asOf: '2026-11-27', dueSoonWorkingDays: 3,
      documentsOverdue: 1, documentsDueSoon: 1, documentsPublished: 2, documentsPublishedLate: 1,
    });
    // 6 working days (2 → 10 Nov) and 27 (20 Oct → 26 Nov, the China day of 00:30 +08:00).
    expect(counts(f.publishDaysHistogram)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(f.publishDaysHistogram.map((b: { label: string }) => b.label)).toEqual(['0–5 工作日', '6–10 工作日', '11–15 工作日', '16–20 工作日', '21–30 工作日', '31+ 工作日']);
    expect(f.publishDaysMedian).toBe(16.5);
  });

  it('counts requests overdue, due soon and replied late, outcomes, and the reply histogram', async () => {
    const f = await figures();
    expect(f).toMatchObject({ requestsOverdue: 1, requestsDueSoon: 1, requestsReplied: 3, requestsRepliedLate: 1, replyDaysMedian: 12 });
    expect(counts(f.replyDaysHistogram)).toEqual([1, 0, 1, 0, 1, 0]);
    const outcomes = Object.fromEntries(f.requestOutcomes.filter((o: { count: number }) => o.count > 0).map((o: { outcome: string; count: number }) => [o.outcome, o.count]));
    expect(outcomes).toEqual({ DISCLOSED: 2, PARTLY_DISCLOSED: 1 });
    expect(f.requestOutcomes).toHaveLength(21);
  });

  it('counts feedback and penalties, and the answer-time histogram', async () => {
    const f = await figures();
    expect(f).toMatchObject({ feedbackReceived: 5, feedbackAnswered: 2, feedbackUnanswered: 2, feedbackAnswerHoursMedian: 48, penaltiesOverdue: 1, penaltiesDueSoon: 1 });
    expect(counts(f.answerHoursHistogram)).toEqual([1, 1, 0, 0]);
  });

  it('exports the figures as CSV', async () => {
    const lines = (await figures()).csv.trim().split('\n');
    expect(lines[0]).toBe('指标,字段,数值');
    expect(lines).toContain('逾期未发布的主动公开文件,documentsOverdue,1');
    expect(lines).toContain('发布用时中位数（工作日）,publishDaysMedian,16.5');
    expect(lines).toContain('答复用时 6–10 工作日,replyDaysHistogram[6],0');
  });

  it('shows the figures to supervisors, the news office and the agency\'s own staff, and to nobody else', async () => {
    for (const claims of [SUPERVISOR, COORDINATOR, staff('fjdrc', 'editor')]) expect((await figures(claims)).documentsOverdue).toBe(1);
    for (const claims of [PUBLIC, staff('fjczt', 'editor'), staff('fjczt', 'admin')]) {
      const result = await agency.execRaw(AGENCY_SUPERVISION, { code: 'fjdrc' }, claims);
      expect((result.data as any)._entities[0].supervision).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const province = await agency.execRaw(PROVINCE_SUPERVISION, {}, staff('fjdrc', 'admin'));
    expect(province.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a period that ends before it starts', async () => {
    const result = await agency.execRaw(AGENCY_SUPERVISION, { code: 'fjdrc', from: '2026-11-10', to: '2026-11-01' }, SUPERVISOR);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('costs the same eight SQL statements (expedited releases and training included) whatever the amount of data', async () => {
    const cost = async () => {
      agency.sql.length = 0;
      await figures();
      return agency.sql.filter((s) => /\bselect\b/i.test(s)).length;
    };
    const before = await cost();
    const em = agency.runtime.orm.em.fork();
    const [doc] = await em.find(DocumentEntity, { publishedAt: { $ne: null } }, { limit: 1 });
    const [request] = await em.find(DisclosureRequestEntity, { closedOn: { $ne: null } }, { limit: 1 });
    await em.insertMany(DocumentEntity, Array.from({ length: 200 }, (_, i) => ({ ...doc, id: `fjdrc:bulk${i}`, indexNumber: `bulk-${i}`, formedOn: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}` })) as never);
    await em.insertMany(DisclosureRequestEntity, Array.from({ length: 200 }, (_, i) => ({ ...request, id: `fjdrc:bulk${i}`, trackingCode: `bulk-${i}` })) as never);
    expect(await cost()).toBe(before);
    expect(before).toBe(8);
    expect((await figures()).documentsPublished).toBe(202);
  });
});

describe('the median of counted values', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([[3, 1]])).toBe(3);
    expect(medianOf([[10, 1], [2, 2]])).toBe(2);
    expect(medianOf([[1, 1], [5, 1], [9, 2]])).toBe(7);
  });
});
