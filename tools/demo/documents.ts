/**
 * Deterministic demo documents and penalty decisions for one agency. Pure functions: the same
 * agency, count, seed and `today` always give the same data, so demo databases, screenshots and
 * tests can be reproduced on any machine. All dates derive from `today`, never from the clock.
 */
import type { DemoAgency, DemoDocument, DemoKeyFact, DemoPenalty } from './seed-types';
import { GENRES, type Genre } from '../../subgraphs/shared/taxonomy';
import { SeededRandom } from './random';
import { DEMO_AGENCIES } from './province';
import { FUJIAN_CITIES, cityByCode, type City, type District } from './geography';
import { FACT_SERIES, factFor, releasedYears, type FactSeries } from './facts';
import { POINT_HEADINGS, THEMES_WITH_VOCABULARY, vocabularyFor, type ThemeVocabulary } from './vocabulary';
import { PENALTY_CASES, fineAmount, fineText, illegalGains, type PenaltyCase, type PenaltyDomain } from './penalty-cases';
import { creditCode, organisationCode, residentId } from './codes';
import {
  addWorkingDays, chineseDate, fromDay, monthOf, toDay, weekdayOnOrBefore, yearOf,
} from './dates';

/** Options of both generators. */
export interface GenerateOptions {
  /** How many items to generate. */
  count: number;
  /** Base seed; each agency and each kind of item draws from its own stream derived from it. */
  seed?: number;
  /** The demo's "today", "YYYY-MM-DD": nothing is dated after it. */
  today: string;
}

/** The seed used when none is given: the date of the Fujian implementation notice that started the project. */
export const DEFAULT_DEMO_SEED = 20140416;

/** Demo data starts at this date; `today` must be at least two months later. */
export const DEMO_FIRST_DAY = '2024-01-01';

/** Exemption grounds of Art. 14–16 as the hub names them. */
export const EXEMPTION_GROUNDS = [
  'STATE_SECRET', 'OTHER_LAW', 'THREE_SECURITIES_ONE_STABILITY', 'THIRD_PARTY_RIGHTS', 'INTERNAL_AFFAIRS',
  'PROCESS_INFORMATION', 'LAW_ENFORCEMENT_CASE_FILE',
] as const;

/** Publication channels in the order portals list them. */
export const CHANNELS = ['PORTAL', 'GAZETTE', 'PRESS_CONFERENCE', 'NEW_MEDIA', 'READING_POINT'] as const;

type Channel = (typeof CHANNELS)[number];

/**
 * Share of each life-cycle outcome. Drawing outcomes per document would let small counts drift
 * far from the shares, so counts are allocated exactly and then shuffled.
 */
const OUTCOME_SHARES = {
  WITHDRAWN: 0.01,
  NOT_DISCLOSED: 0.03,
  ON_REQUEST: 0.04,
  DRAFT: 0.03,
  IN_REVIEW: 0.025,
  APPROVED: 0.025,
  /** In review or approved, formed long enough ago to be overdue for publication. */
  OVERDUE: 0.0125,
} as const;

type Outcome = keyof typeof OUTCOME_SHARES | 'PUBLISHED';

/** Draft, in-review and approved items are recent: formed at most this many days ago, inside the 20-working-day limit. */
const RECENT_DAYS = 24;
/**
 * Overdue items are formed this many days ago: 20 working days never take more than about 35
 * calendar days even across the National Day week, so these are overdue on the official calendar too.
 */
const OVERDUE_DAYS = { min: 40, max: 60 } as const;

const DOCUMENT_MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Generated text and its context for one document, before it is assembled. */
interface TextContext {
  rng: SeededRandom;
  agency: DemoAgency;
  vocabulary: ThemeVocabulary;
  /** 福建省 or 福州市. */
  region: string;
  /** 全省 or 全市. */
  scope: string;
  /** Places the body names: cities for provincial agencies, districts for a city. */
  places: readonly string[];
  formedDay: number;
  /** The year titles speak of; plans formed late in a year are for the next one. */
  year: number;
}

/**
 * Generates `count` documents of `agency`, ordered by formation date, `seq` 1..count.
 * About 82% are published proactively; the rest are drafts, items in review or approved (a few
 * overdue), on-request, not-disclosed and withdrawn items. Key facts come from the province-wide
 * table in facts.ts, so the same subject and as-of date carry the same value in every agency.
 */
export function generateAgencyDocuments(agency: DemoAgency, options: GenerateOptions): DemoDocument[] {
  const { count, todayDay, startDay, seed } = checkOptions(options);
  const rng = SeededRandom.derive(seed, agency.code, 'documents');
  const outcomes = rng.shuffle(allocateOutcomes(count));
  const planned = outcomes
    .map((outcome, index) => ({ outcome, index, formedDay: formedDayFor(outcome, rng, startDay, todayDay) }))
    // Sorting by formation date (index breaks ties) keeps seq and document numbers in date order.
    .sort((a, b) => a.formedDay - b.formedDay || a.index - b.index);

  const usedTitles = new Set<string>();
  const nextDocNumber = new Map<number, number>();
  return planned.map(({ outcome, formedDay }, i) =>
    buildDocument(agency, rng, { seq: i + 1, outcome, formedDay, todayDay, usedTitles, nextDocNumber }));
}

/**
 * Generates `count` administrative penalty decisions of `agency`, ordered by decision date,
 * `seq` 1..count. Market cases for market-regulation themes, environmental cases for
 * environmental themes, both for agencies with both. About 80% of parties are enterprises with
 * valid credit codes and 20% natural persons with valid resident IDs (the caller masks them).
 */
export function generateAgencyPenalties(agency: DemoAgency, options: GenerateOptions): DemoPenalty[] {
  const { count, todayDay, startDay, seed } = checkOptions(options);
  const rng = SeededRandom.derive(seed, agency.code, 'penalties');
  const domains = penaltyDomains(agency);
  const cities = partyCities(agency);
  const days = Array.from({ length: count }, () => weekdayOnOrBefore(rng.int(startDay, todayDay)))
    .map((day) => (day < startDay ? startDay : day))
    .sort((a, b) => a - b);
  const nextCaseNumber = new Map<number, number>();

  return days.map((decidedDay, i) => {
    const naturalPerson = rng.chance(0.2);
    const minor = rng.chance(0.3);
    const kase = pickCase(rng, domains, naturalPerson, minor);
    const city = rng.pick(cities);
    const party = naturalPerson ? person(rng, city, decidedDay) : enterprise(rng, city, kase);
    const { district } = party;
    const address = `${city.code === '350128' ? '' : city.name}${district.name}${rng.pick(district.streets)}${rng.int(1, 399)}号`;

    const investigationDay = decidedDay - rng.int(20, 90);
    const sinceDay = investigationDay - rng.int(30, 300);
    const year = yearOf(decidedDay);
    const n = (nextCaseNumber.get(year) ?? 0) + rng.int(1, 3);
    nextCaseNumber.set(year, n);

    const penalty: DemoPenalty = {
      seq: i + 1,
      caseNumber: `${agency.docPrefix}处罚〔${year}〕${n}号`,
      partyKind: party.kind,
      partyName: party.name,
      partyId: party.id,
      facts: kase.facts({
        rng,
        address,
        inspectedOn: chineseDate(investigationDay),
        since: chineseDate(sinceDay).replace(/\d+日$/, ''),
      }) + `上述行为违反了${kase.violated}的规定。`,
      legalBasis: kase.basis,
      penalty: penaltyText(rng, kase, minor),
      decidedOn: fromDay(decidedDay),
      minor,
    };
    // A revoked decision needs at least one day between decision and revocation.
    if (decidedDay < todayDay && rng.chance(0.03)) {
      penalty.revokedOn = fromDay(Math.min(todayDay, decidedDay + rng.int(5, 120)));
    }
    return penalty;
  });
}

/** Validates the options and turns dates into day numbers. */
function checkOptions(options: GenerateOptions): { count: number; todayDay: number; startDay: number; seed: number } {
  const { count, today } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer: ${count}`);
  const todayDay = toDay(today);
  const startDay = toDay(DEMO_FIRST_DAY);
  if (todayDay < startDay + 60) throw new RangeError(`today must be at least 60 days after ${DEMO_FIRST_DAY}: ${today}`);
  return { count, todayDay, startDay, seed: options.seed ?? DEFAULT_DEMO_SEED };
}

/** Exactly rounded counts of every outcome; the remainder is published. */
function allocateOutcomes(count: number): Outcome[] {
  const out: Outcome[] = [];
  for (const [outcome, share] of Object.entries(OUTCOME_SHARES) as [keyof typeof OUTCOME_SHARES, number][]) {
    const n = Math.min(Math.round(count * share), count - out.length);
    for (let i = 0; i < n; i++) out.push(outcome);
  }
  while (out.length < count) out.push('PUBLISHED');
  return out;
}

/** A weekday formation date suiting the outcome, never before the demo start nor after today. */
function formedDayFor(outcome: Outcome, rng: SeededRandom, startDay: number, todayDay: number): number {
  let day: number;
  if (outcome === 'DRAFT' || outcome === 'IN_REVIEW' || outcome === 'APPROVED') {
    day = rng.int(todayDay - RECENT_DAYS, todayDay);
  } else if (outcome === 'OVERDUE') {
    day = rng.int(todayDay - OVERDUE_DAYS.max, todayDay - OVERDUE_DAYS.min);
  } else {
    // Published and archived items need a day before today so publication can follow formation.
    day = rng.int(startDay, todayDay - 1);
  }
  const weekday = weekdayOnOrBefore(day);
  return weekday < startDay ? startDay : weekday;
}

interface BuildState {
  seq: number;
  outcome: Outcome;
  formedDay: number;
  todayDay: number;
  usedTitles: Set<string>;
  nextDocNumber: Map<number, number>;
}

function buildDocument(agency: DemoAgency, rng: SeededRandom, state: BuildState): DemoDocument {
  const { outcome, formedDay, todayDay } = state;
  const theme = pickTheme(rng, agency);
  const ctx = textContext(rng, agency, theme, formedDay);
  const title = uniqueTitle(ctx, state.usedTitles);
  const genre = genreOfTitle(title);

  const status: DemoDocument['status'] =
    outcome === 'PUBLISHED' || outcome === 'WITHDRAWN' || outcome === 'DRAFT' || outcome === 'IN_REVIEW'
      ? outcome
      : outcome === 'OVERDUE'
        ? rng.pick(['IN_REVIEW', 'APPROVED'] as const)
        // Approved, on-request and not-disclosed items have all finished review; only proactive ones await publication.
        : 'APPROVED';
  const disclosure: DemoDocument['disclosure'] =
    outcome === 'ON_REQUEST' || outcome === 'NOT_DISCLOSED' ? outcome : 'PROACTIVE';
  const published = status === 'PUBLISHED' || status === 'WITHDRAWN';

  const keyFacts = rng.chance(0.3) ? pickKeyFacts(rng, agency, theme, formedDay) : [];
  const coIssuers = rng.chance(0.08) ? pickCoIssuers(rng, agency) : [];
  const docNumber = status === 'DRAFT' || status === 'IN_REVIEW' ? undefined : docNumberFor(ctx, genre, state.nextDocNumber);

  const doc: DemoDocument = {
    seq: state.seq,
    title,
    summary: summaryText(ctx, title, genre, coIssuers),
    body: bodyText(ctx, genre, disclosure, keyFacts, coIssuers),
    theme,
    genre,
    formedOn: fromDay(formedDay),
    docNumber,
    disclosure,
    status,
    validity: validityFor(rng, published, todayDay - formedDay),
    channels: disclosure === 'PROACTIVE' ? pickChannels(rng, agency, genre) : [],
    coIssuers,
    keyFacts,
    attachments: rng.chance(0.2) ? pickAttachments(ctx) : [],
  };
  if (docNumber === undefined) delete doc.docNumber;
  if (disclosure === 'NOT_DISCLOSED') doc.exemptionGround = rng.pick(EXEMPTION_GROUNDS);
  if (published) doc.publishedAt = publishedAtFor(rng, formedDay, todayDay);
  return doc;
}

/**
 * Mostly the agency's own themes. Otherwise 综合政务 (disclosure work itself, which every agency
 * does); only agencies that already cover 综合政务, the governments, range over other themes.
 */
function pickTheme(rng: SeededRandom, agency: DemoAgency): string {
  if (agency.themes.length > 0 && rng.chance(0.88)) return rng.pick(agency.themes);
  if (!agency.themes.includes('综合政务')) return '综合政务';
  return rng.pick(THEMES_WITH_VOCABULARY.filter((t) => !agency.themes.includes(t)));
}

function textContext(rng: SeededRandom, agency: DemoAgency, theme: string, formedDay: number): TextContext {
  const city = agency.kind === 'CITY_GOVERNMENT' ? cityByCode(agency.regionCode) : undefined;
  const region = agency.kind === 'CITY_GOVERNMENT' ? agency.name.replace(/人民政府$/, '') : '福建省';
  const places = city
    ? city.districts.map((d) => d.name)
    : FUJIAN_CITIES.map((c) => c.name);
  const formedYear = yearOf(formedDay);
  return {
    rng,
    agency,
    vocabulary: vocabularyFor(theme),
    region,
    scope: agency.kind === 'CITY_GOVERNMENT' ? '全市' : '全省',
    places,
    formedDay,
    year: monthOf(formedDay) >= 11 && rng.chance(0.4) ? formedYear + 1 : formedYear,
  };
}

/** Title templates; each returns undefined when it does not fit the context (e.g. no funds in the theme). */
const TITLE_TEMPLATES: readonly (readonly [(c: TextContext) => string | undefined, number])[] = [
  [({ rng, vocabulary: v, region, year }) => `关于印发《${region}${year}年${rng.pick(v.plans)}工作要点》的通知`, 8],
  [({ rng, vocabulary: v, agency, year }) =>
    v.funds.length > 0 ? `${agency.name}关于下达${year}年${rng.pick(v.funds)}资金的通知` : undefined, 7],
  [({ rng, vocabulary: v, year }) => `关于做好${year}年${rng.pick(v.tasks)}工作的通知`, 9],
  [({ rng, vocabulary: v, year }) => `关于开展${year}年度${rng.pick(v.tasks)}工作的通知`, 6],
  [({ rng, vocabulary: v, year }) => `关于开展${year}年度${rng.pick(v.tasks)}工作的公告`, 5],
  [({ rng, vocabulary: v, region }) =>
    `关于印发《${region}${rng.pick(v.rules)}${rng.pick(['管理办法', '实施办法', '管理暂行办法'])}》的通知`, 6],
  [({ rng, vocabulary: v, region }) => `${region}${rng.pick(v.rules)}${rng.pick(['管理办法', '实施办法', '管理暂行办法'])}`, 4],
  [({ rng, vocabulary: v, agency, formedDay }) =>
    `${agency.name}关于${pastPeriod(rng, formedDay)}${rng.pick(v.tasks)}工作情况的通报`, 4],
  [({ rng, vocabulary: v, agency }) => `${agency.name}关于加快推进${rng.pick(v.plans)}的实施意见`, 3],
  [({ rng, vocabulary: v }) => `关于进一步加强${rng.pick(v.focuses)}的意见`, 3],
  [({ rng, vocabulary: v, places }) => `关于同意${rng.pick(places)}开展${rng.pick(v.plans)}试点的批复`, 3],
  [({ agency, formedDay }) =>
    monthOf(formedDay) <= 3 ? `${agency.name}${yearOf(formedDay) - 1}年政府信息公开工作年度报告` : undefined, 2],
  [({ rng, vocabulary: v, region }) => `关于征求《${region}${rng.pick(v.rules)}管理办法（征求意见稿）》意见的函`, 2],
  [({ rng, vocabulary: v, agency }) => `${agency.name}关于商请支持${rng.pick(v.plans)}有关事项的函`, 1],
  [({ rng, vocabulary: v, region, year }) =>
    `《${region}${rng.pick(v.plans)}三年行动方案（${year}—${year + 2}年）》政策解读`, 3],
  [({ rng, vocabulary: v, region }) => `《${region}${rng.pick(v.rules)}管理办法》政策解读`, 2],
  [({ rng, vocabulary: v, region, year }) => `${region}${year}年${rng.pick(v.tasks)}工作方案`, 3],
  [({ rng, vocabulary: v, region, year }) => `${region}${rng.pick(v.plans)}三年行动方案（${year}—${year + 2}年）`, 2],
  [({ rng, vocabulary: v, region, year }) =>
    year >= 2026 ? `${region}“十五五”${rng.pick(v.plans)}专项规划` : `${region}“十四五”${rng.pick(v.plans)}专项规划中期评估报告`, 2],
  [({ rng, vocabulary: v, formedDay }) => `关于表彰${yearOf(formedDay) - 1}年度${rng.pick(v.tasks)}工作先进集体和先进个人的决定`, 2],
  [({ rng, vocabulary: v, agency, year }) => `${agency.name}关于废止${year - 1}年度部分${rng.pick(v.rules)}规范性文件的决定`, 1],
  [({ rng, vocabulary: v, region }) => `${region}${rng.pick(v.rules)}若干规定`, 2],
  [({ rng, vocabulary: v, year }) => `关于${year}年度${rng.pick(v.plans)}示范项目拟入选名单的公示`, 2],
  [({ rng, vocabulary: v, region, year }) => `关于公布${year}年${region}${rng.pick(v.plans)}示范项目名单的通知`, 3],
  [({ rng, vocabulary: v }) => `关于进一步加强${rng.pick(v.focuses)}工作的通知`, 4],
  [({ rng, vocabulary: v, agency, formedDay }) => `${agency.name}关于${pastPeriod(rng, formedDay)}${rng.pick(v.tasks)}工作情况的报告`, 2],
  [({ rng, vocabulary: v, region }) => `关于调整${region}${rng.pick(v.plans)}工作领导小组成员的通知`, 2],
  [({ rng, vocabulary: v, year }) =>
    `关于印发《${year}年${rng.pick(v.focuses)}${rng.pick(['专项行动方案', '实施方案', '工作方案'])}》的通知`, 4],
];

/** A period already over when the document is formed, as reports and circulars look back: 2025年上半年. */
function pastPeriod(rng: SeededRandom, formedDay: number): string {
  const year = yearOf(formedDay);
  const month = monthOf(formedDay);
  const periods = [`${year - 1}年`, `${year - 1}年度`];
  if (month >= 4) periods.push(`${year}年第一季度`);
  if (month >= 7) periods.push(`${year}年上半年`);
  if (month >= 10) periods.push(`${year}年前三季度`);
  return rng.pick(periods);
}

/** Tries templates until the title is new in this batch; repeated titles would confuse search and duplicate checks. */
function uniqueTitle(ctx: TextContext, used: Set<string>): string {
  let title = '';
  for (let attempt = 0; attempt < 60; attempt++) {
    const candidate = ctx.rng.weighted(TITLE_TEMPLATES)(ctx);
    if (candidate === undefined) continue;
    title = candidate;
    if (!used.has(title)) break;
  }
  // Every context has templates that always apply, so a title exists; a rare repeat after 60 tries is accepted.
  if (title === '') title = `关于做好${ctx.year}年政府信息公开工作的通知`;
  used.add(title);
  return title;
}

/** Genre from the title's last word, as 体裁 is assigned on portals; a trailing parenthesis is not part of it. */
export function genreOfTitle(title: string): Genre {
  const core = title.replace(/（[^（）]*）$/, '');
  const match = GENRES.find((g) => g !== '其他' && core.endsWith(g));
  return match ?? '其他';
}

/** The closing formula: normative texts take effect; reports, notices of results and replies end their own way. */
function closingFormula(genre: Genre): string {
  switch (genre) {
    case '报告': return '特此报告。';
    case '通报': return '特此通报。';
    case '函': return '特此函告，请予支持。';
    case '批复': return '此复。';
    case '解读': case '其他': case '规划': return '';
    default: return `本${genre}自印发之日起实施，各地各部门在实施过程中遇到的问题，请及时反馈。`;
  }
}

/** Genres that lay down rules or tasks; the others report, reply or explain, and are summarised that way. */
const DIRECTIVE_GENRES: ReadonlySet<Genre> = new Set<Genre>(['通知', '公告', '意见', '决定', '办法', '规定', '方案', '规划']);

function summaryText(ctx: TextContext, title: string, genre: Genre, coIssuers: string[]): string {
  const { rng, vocabulary: v, agency, places } = ctx;
  const [focus1, focus2] = rng.shuffle(v.focuses);
  const deadline = chineseDate(ctx.formedDay + rng.int(30, 150));
  const core = (title.startsWith(agency.name) ? title.slice(agency.name.length) : title)
    .replace(/^关于/, '').replace(/的(通知|公告|意见|决定|批复|函|通报|报告)$/, '');
  const first = DIRECTIVE_GENRES.has(genre)
    ? rng.pick([
      `${agency.name}就${core}有关事项作出部署，明确${focus1}、${focus2}等${rng.int(3, 8)}方面重点任务。`,
      `为做好${rng.pick(v.tasks)}工作，文件要求${rng.pick(places)}等地于${deadline}前报送实施情况。`,
      `文件围绕${rng.pick(v.plans)}提出${rng.int(6, 25)}项具体措施，自印发之日起实施。`,
      `本文件对${focus1}作出规定，明确了适用范围、工作程序、信息公开和监督检查等内容。`,
      `文件进一步规范${focus1}，推动${focus2}落地见效，并对政府信息公开提出明确要求。`,
    ])
    : genre === '通报' || genre === '报告'
      ? `文件总结了${core}，指出${focus1}等方面存在的不足，并对下一步工作提出要求。`
      : rng.pick([
        `文件就${core}作出说明，涉及${focus1}、${focus2}等内容。`,
        `${agency.name}发布${core}，相关内容依照《中华人民共和国政府信息公开条例》公开。`,
      ]);
  if (coIssuers.length > 0) {
    return `${first}文件由${agency.name}会同${coIssuers.map(agencyName).join('、')}联合印发。`;
  }
  return rng.chance(0.4) ? `${first}各地各部门应当按照要求抓好贯彻实施，并及时公开工作进展。` : first;
}

const ADDRESSEES = {
  PROVINCIAL: '各设区市人民政府、平潭综合实验区管委会，省直各有关单位：',
  CITY: '各县（市、区）人民政府，市直各有关单位：',
} as const;

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Sentence templates for numbered points; each draws its own figures so bodies differ in detail. */
const POINT_SENTENCES: readonly ((c: TextContext) => string)[] = [
  ({ vocabulary: v, rng }) =>
    `各地各有关单位要把${rng.pick(v.focuses)}摆在突出位置，成立由主要负责同志牵头的工作专班，确保各项任务按期落地。`,
  ({ vocabulary: v, rng, places, scope, formedDay }) => {
    const [a, b] = rng.shuffle(places);
    return `${chineseDate(formedDay + rng.int(20, 120))}前，${a}、${b}等地要完成${rng.pick(v.tasks)}工作，`
      + `${scope}计划覆盖${rng.int(12, 84)}个县（市、区）。`;
  },
  ({ vocabulary: v, rng, scope }) => {
    const [a, b] = rng.shuffle(v.focuses);
    return `${scope}安排资金${rng.int(5, 900) / 10}亿元，重点支持${a}和${b}，资金分配和使用情况按规定向社会公开。`;
  },
  ({ vocabulary: v, rng, year }) =>
    `到${year + rng.int(0, 2)}年底，${rng.pick(v.focuses)}相关指标达到${rng.int(850, 999) / 10}%以上，${rng.pick(v.plans)}取得明显成效。`,
  ({ vocabulary: v, rng }) =>
    `严格按照${rng.pick(v.laws)}有关规定，执行${rng.pick(v.rules)}管理办法，规范工作程序，不得擅自扩大或者缩小适用范围。`,
  ({ rng, places, scope, year }) =>
    `在${rng.pick(places)}先行开展试点的基础上，总结推广可复制的经验做法，${year + 1}年在${scope}范围内全面实施。`,
  () => '建立健全按月调度、按季通报的工作机制，对工作推进不力的地方和单位予以通报，并督促限期整改。',
  () => '涉及公众切身利益的政策文件，要通过政府门户网站政府信息公开专栏及时公开，同步做好政策解读和回应关切。',
  ({ rng, places, agency, formedDay }) =>
    `${rng.pick(places)}要结合实际细化实施方案，明确时间表、路线图，于${chineseDate(formedDay + rng.int(15, 60))}前报${agency.name}备案。`,
  ({ vocabulary: v, rng }) =>
    `对群众反映强烈的${rng.pick(v.focuses)}问题，要建立工作台账、实行销号管理，整改结果依法向社会公开。`,
  ({ vocabulary: v, rng, places }) => {
    const [a, b] = rng.shuffle(places);
    return `加强与${a}、${b}的协同联动，推动数据共享和业务协同，提升${rng.pick(v.plans)}整体水平。`;
  },
  ({ vocabulary: v, rng, scope, year }) =>
    `${year - 1}年以来，${scope}累计投入${rng.int(10, 600) / 10}亿元，完成${rng.pick(v.tasks)}${rng.int(3, 40)}批次，`
    + `群众满意度达到${rng.int(900, 995) / 10}%。`,
  () => '严格落实保密审查制度，政府信息公开前应当依照《中华人民共和国保守国家秘密法》等规定进行审查，确保公开内容准确一致。',
  ({ rng, formedDay }) =>
    `各牵头单位要于每季度结束后${rng.int(5, 10)}个工作日内报送工作进展，年度工作总结于${chineseDate(formedDay + rng.int(150, 300))}前报送。`,
];

function bodyText(
  ctx: TextContext, genre: Genre, disclosure: DemoDocument['disclosure'], keyFacts: DemoKeyFact[], coIssuers: string[],
): string {
  const { rng, vocabulary: v, agency, region } = ctx;
  const addressee = agency.kind === 'CITY_GOVERNMENT' ? ADDRESSEES.CITY : ADDRESSEES.PROVINCIAL;
  const [plan, task] = [rng.pick(v.plans), rng.pick(v.tasks)];
  const verb = genre === '公告' ? '公告如下' : genre === '意见' ? '提出如下意见' : genre === '通知' ? '通知如下' : '明确如下';
  const preamble = rng.pick([
    `为深入贯彻落实党中央、国务院和省委、省政府关于${plan}的决策部署，进一步做好${task}工作，`
      + `根据${rng.pick(v.laws)}等有关规定，结合${region}实际，现就有关事项${verb}：`,
    `为推动${plan}取得新成效，经${region}人民政府同意，根据${rng.pick(v.laws)}，现就${task}有关事项${verb}：`,
    `${yearOf(ctx.formedDay)}年以来，${ctx.scope}${task}工作稳步推进，但仍存在${rng.pick(v.focuses)}不够到位等问题。`
      + `根据${rng.pick(v.laws)}，现就有关事项${verb}：`,
  ]);
  const paragraphs = [genre === '公告' || genre === '解读' ? preamble : `${addressee}\n${preamble}`];

  // Three to eight paragraphs in all: preamble, 2–4 points, an optional facts paragraph, closing, signature.
  const headings = rng.shuffle(POINT_HEADINGS).slice(0, rng.int(2, 4));
  headings.forEach((heading, i) => {
    const sentences = rng.shuffle(POINT_SENTENCES).slice(0, rng.int(1, 2)).map((s) => s(ctx));
    paragraphs.push(`${CHINESE_NUMERALS[i]}、${heading}。${sentences.join('')}`);
  });
  if (keyFacts.length > 0) {
    const stated = keyFacts.map((f) => `${f.subject}为${f.value}${f.unit ?? ''}`).join('，');
    paragraphs.push(`据统计，${stated}。各地要对照目标任务，查找差距，确保全年目标如期实现。`);
  }
  const marker = disclosure === 'PROACTIVE' ? '（此件主动公开）' : disclosure === 'ON_REQUEST' ? '（此件依申请公开）' : '（此件不予公开）';
  paragraphs.push(`${closingFormula(genre)}有关政府信息公开工作按照《中华人民共和国政府信息公开条例》和`
    + `《福建省政府信息公开办法》执行，联系单位：${agency.name}，联系电话：${agency.phone}。${marker}`);
  paragraphs.push([agency.name, ...coIssuers.map(agencyName), chineseDate(ctx.formedDay)].join('\n'));
  return paragraphs.join('\n\n');
}

/** Rules and normative documents get a number; interpretations, publicity notices and some reports do not. */
function docNumberFor(ctx: TextContext, genre: Genre, next: Map<number, number>): string | undefined {
  const { rng, agency, formedDay } = ctx;
  const numbered = genre === '解读' || genre === '其他' ? false : genre === '报告' ? rng.chance(0.5) : rng.chance(0.85);
  if (!numbered) return undefined;
  const year = yearOf(formedDay);
  // Numbers skip values used by documents outside the demo, but never repeat within an agency and year.
  const n = (next.get(year) ?? 0) + rng.weighted([[1, 6], [2, 3], [3, 1]] as const);
  next.set(year, n);
  const [open, close] = rng.weighted([[['〔', '〕'], 95], [['[', ']'], 2.5], [['（', '）'], 2.5]] as const);
  return `${agency.docPrefix}${open}${year}${close}${n}号`;
}

/** Older documents are sometimes no longer in force; recent ones and unpublished ones are. */
function validityFor(rng: SeededRandom, published: boolean, ageDays: number): DemoDocument['validity'] {
  if (!published || ageDays < 365) return 'EFFECTIVE';
  return rng.weighted([['EFFECTIVE', 84], ['REPEALED', 6], ['EXPIRED', 6], ['AMENDED', 4]] as const);
}

/**
 * Usually 1–15 working days after formation; a few late ones (over 20 working days) give the
 * supervision figures something to flag. Never after today, never before formation.
 */
function publishedAtFor(rng: SeededRandom, formedDay: number, todayDay: number): string {
  const [min, max] = rng.weighted([[[1, 5], 60], [[6, 15], 36], [[21, 30], 4]] as const);
  let lag = rng.int(min, max);
  let day = addWorkingDays(formedDay, lag);
  while (day > todayDay && lag > 0) day = addWorkingDays(formedDay, --lag);
  const minutes = rng.int(8 * 60 + 30, 17 * 60 + 30);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${fromDay(day)}T${hh}:${mm}:${String(rng.int(0, 59)).padStart(2, '0')}+08:00`;
}

/** Candidate fact series for a document: matching its theme and the agency's region. */
function factCandidates(agency: DemoAgency, theme: string): FactSeries[] {
  const inRegion = (s: FactSeries): boolean =>
    s.regionCode === undefined || s.regionCode === agency.regionCode || agency.code === 'fjtjj';
  const matching = FACT_SERIES.filter((s) => inRegion(s) && s.themes.includes(theme));
  // Every agency may quote the headline figures, so themes without their own still get key facts.
  return matching.length > 0 ? matching : FACT_SERIES.filter((s) => inRegion(s) && s.themes.includes('综合政务'));
}

function pickKeyFacts(rng: SeededRandom, agency: DemoAgency, theme: string, formedDay: number): DemoKeyFact[] {
  const formedOn = fromDay(formedDay);
  const available = factCandidates(agency, theme)
    .map((series) => ({ series, years: releasedYears(series, formedOn) }))
    .filter(({ years }) => years.length > 0);
  const chosen = rng.shuffle(available).slice(0, rng.weighted([[1, 6], [2, 3], [3, 1]] as const));
  return chosen.map(({ series, years }) =>
    factFor(series, years.length > 1 && rng.chance(0.25) ? years[1] : years[0]));
}

/** Joint documents are issued with one or two provincial departments, never with the agency itself. */
function pickCoIssuers(rng: SeededRandom, agency: DemoAgency): string[] {
  const others = DEMO_AGENCIES.filter((a) => a.kind === 'PROVINCIAL_DEPARTMENT' && a.code !== agency.code);
  return rng.shuffle(others).slice(0, rng.int(1, 2)).map((a) => a.code);
}

function agencyName(code: string): string {
  return DEMO_AGENCIES.find((a) => a.code === code)?.name ?? code;
}

/** PORTAL always; rules go to the gazette, interpretations to press conferences, many to new media. */
function pickChannels(rng: SeededRandom, agency: DemoAgency, genre: Genre): Channel[] {
  const rule = genre === '办法' || genre === '规定' || genre === '决定';
  const chosen = new Set<Channel>(['PORTAL']);
  if (rng.chance(rule ? 0.7 : agency.kind === 'PROVINCIAL_DEPARTMENT' ? 0.05 : 0.25)) chosen.add('GAZETTE');
  if (rng.chance(genre === '解读' ? 0.4 : 0.03)) chosen.add('PRESS_CONFERENCE');
  if (rng.chance(0.45)) chosen.add('NEW_MEDIA');
  if (rng.chance(0.15)) chosen.add('READING_POINT');
  return CHANNELS.filter((c) => chosen.has(c));
}

function pickAttachments(ctx: TextContext): DemoDocument['attachments'] {
  const { rng, vocabulary: v, year } = ctx;
  const options: readonly (readonly [string, keyof typeof DOCUMENT_MEDIA_TYPES])[] = [
    [`${year}年${rng.pick(v.tasks)}工作任务分解表`, 'xlsx'],
    [`${rng.pick(v.plans)}项目申报表`, 'docx'],
    [`${rng.pick(v.tasks)}情况统计表`, 'xlsx'],
    [`${rng.pick(v.rules)}管理办法（全文）`, 'pdf'],
    [`${year}年${rng.pick(v.plans)}资金分配表`, 'xlsx'],
    ['政策问答', 'pdf'],
    ['联系人及联系方式', 'docx'],
    [`${rng.pick(ctx.places)}${rng.pick(v.plans)}典型案例汇编`, 'pdf'],
  ];
  const size: Record<keyof typeof DOCUMENT_MEDIA_TYPES, [number, number]> = {
    pdf: [80_000, 5_000_000], docx: [18_000, 400_000], xlsx: [9_000, 300_000],
  };
  return rng.shuffle(options).slice(0, rng.int(1, 3)).map(([name, ext], i) => ({
    fileName: `附件${i + 1}：${name}.${ext}`,
    mediaType: DOCUMENT_MEDIA_TYPES[ext],
    sizeBytes: rng.int(size[ext][0], size[ext][1]),
  }));
}

// ── penalties ──────────────────────────────────────────────────────────────────────────────

/** Fines up to this count as "较低数额" for the minor-penalty display period. */
const MINOR_MAX_FINE = 10_000;

function penaltyDomains(agency: DemoAgency): PenaltyDomain[] {
  const domains: PenaltyDomain[] = [];
  if (agency.themes.includes('市场监管、安全生产监管')) domains.push('MARKET');
  if (agency.themes.includes('城乡建设、环境保护') && agency.code !== 'fjgov') domains.push('ENVIRONMENT');
  return domains.length > 0 ? domains : ['MARKET'];
}

/** A city decides on parties in its own districts; provincial agencies across the province. */
function partyCities(agency: DemoAgency): readonly City[] {
  const own = cityByCode(agency.regionCode);
  return own ? [own] : FUJIAN_CITIES;
}

/** A case of one of the agency's domains that suits the party and, when minor, allows a low penalty. */
function pickCase(rng: SeededRandom, domains: PenaltyDomain[], naturalPerson: boolean, minor: boolean): PenaltyCase {
  const domain = rng.pick(domains);
  const fits = (c: PenaltyCase): boolean =>
    c.domain === domain && (!naturalPerson || c.naturalPersons) && (!minor || c.warning || c.fine.min <= MINOR_MAX_FINE);
  const strict = PENALTY_CASES.filter(fits);
  // Every domain has a case for natural persons with a low fine, so `strict` is never empty for the built-in catalogue.
  return rng.pick(strict.length > 0 ? strict : PENALTY_CASES.filter((c) => c.domain === domain));
}

function penaltyText(rng: SeededRandom, kase: PenaltyCase, minor: boolean): string {
  if (minor) {
    if (kase.warning && rng.chance(0.6)) return kase.domain === 'ENVIRONMENT' ? '通报批评' : '警告';
    return fineText(fineAmount(rng, kase.fine.min, Math.min(kase.fine.max, MINOR_MAX_FINE)));
  }
  const parts: string[] = [];
  if (kase.confiscate) parts.push(`没收违法所得人民币${illegalGains(rng)}元`);
  // Ordinary cases sit above the minor range where the provision allows it.
  const lower = Math.min(kase.fine.max, Math.max(kase.fine.min, MINOR_MAX_FINE / 2));
  parts.push(fineText(fineAmount(rng, lower, kase.fine.max)));
  return parts.join('，并处');
}

const SURNAMES = ['陈', '林', '黄', '张', '吴', '王', '郑', '李', '刘', '杨', '蔡', '许', '曾', '洪', '苏', '游', '叶', '郭'];
const GIVEN = ['志', '明', '丽', '建', '华', '秀', '文', '辉', '伟', '芳', '婷', '强', '清', '海', '榕', '鹭', '锦', '瑞', '珍', '鸿'];

/** A party of a penalty decision and the district it is registered in. */
interface Party {
  kind: DemoPenalty['partyKind'];
  name: string;
  id: string;
  district: District;
}

/** A natural person registered in one of the city's districts, adult on the decision day. */
function person(rng: SeededRandom, city: City, decidedDay: number): Party {
  const district = rng.pick(city.districts);
  const given = Array.from({ length: rng.weighted([[1, 3], [2, 7]] as const) }, () => rng.pick(GIVEN)).join('');
  const birthYear = rng.int(1960, yearOf(decidedDay) - 20);
  const birth = `${birthYear}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  return { kind: 'NATURAL_PERSON', name: rng.pick(SURNAMES) + given, id: residentId(district.code, birth, rng.int(1, 999)), district };
}

const BRANDS = ['鑫盛', '恒达', '闽味', '海润', '榕发', '鹭达', '泉顺', '永丰', '嘉禾', '宏裕', '万利', '兴闽', '德泰', '新锐', '佳美',
  '华鑫', '瑞祥', '通源', '福润', '鼎盛', '正源', '金帆', '闽兴', '顺昌', '安泰', '源丰'];
const CREDIT_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];

/**
 * An enterprise with a valid credit code. District and code derive from the name alone, so a
 * company penalised twice, even by two agencies, keeps one registration and one code.
 */
function enterprise(rng: SeededRandom, city: City, kase: PenaltyCase): Party {
  const name = `${city.short}${rng.pick(BRANDS)}${rng.pick(kase.industries)}${rng.chance(0.1) ? '股份' : ''}有限公司`;
  const own = SeededRandom.derive(0, 'enterprise', name);
  const district = own.pick(city.districts);
  // Enterprises registered since 2015 carry a registration number (MA…); older ones their organisation code.
  const organisation = own.chance(0.6)
    ? organisationCode('MA' + Array.from({ length: 6 }, () => own.pick(CREDIT_CHARS)).join(''))
    : organisationCode(String(own.int(10_000_000, 99_999_999)));
  return { kind: 'ENTERPRISE', name, id: creditCode('91', district.code, organisation), district };
}
