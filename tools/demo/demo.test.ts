import { GENRES, findTheme } from '../../subgraphs/shared/taxonomy';
import { isValidCreditCode, isValidResidentId, normalizeDocNumber } from '../../subgraphs/shared/identifiers';
import { SeededRandom } from './random';
import { DEMO_AGENCIES, demoAgency } from './province';
import {
  CHANNELS, EXEMPTION_GROUNDS, generateAgencyDocuments, generateAgencyPenalties, genreOfTitle,
} from './documents';
import { toDay } from './dates';
import type { DemoDocument } from './seed-types';

const TODAY = '2026-11-27';
const COUNT = 400;

/** Documents of every demo agency, generated once: the province-wide checks need them all. */
const byAgency = new Map(DEMO_AGENCIES.map((a) => [a.code, generateAgencyDocuments(a, { count: COUNT, today: TODAY })]));
const allDocs = [...byAgency.values()].flat();

function share(docs: DemoDocument[], predicate: (d: DemoDocument) => boolean): number {
  return docs.filter(predicate).length / docs.length;
}

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const rng = new SeededRandom(seed);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('gives the same first values on every machine (mulberry32 reference values)', () => {
    const rng = new SeededRandom(1);
    // Values of the reference mulberry32; pinned so a change of algorithm, which would change every demo database, is noticed.
    expect([rng.next(), rng.next()].map((x) => x.toFixed(8))).toEqual(['0.62707394', '0.00273572']);
  });

  it('keeps int, pick, weighted and shuffle in range', () => {
    const rng = new SeededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
      expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
      expect(rng.weighted([['x', 1], ['y', 0]] as const)).toBe('x');
    }
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});

describe('DEMO_AGENCIES', () => {
  it('has unique codes, prefixes and index prefixes, valid credit codes and taxonomy themes', () => {
    expect(DEMO_AGENCIES.length).toBeGreaterThanOrEqual(10);
    for (const key of ['code', 'docPrefix', 'indexPrefix', 'creditCode'] as const) {
      expect(new Set(DEMO_AGENCIES.map((a) => a[key])).size).toBe(DEMO_AGENCIES.length);
    }
    for (const a of DEMO_AGENCIES) {
      expect(isValidCreditCode(a.creditCode)).toBe(true);
      expect(a.creditCode.slice(0, 8)).toBe(`11${a.regionCode}`);
      for (const t of a.themes) expect(findTheme(t)?.name).toBe(t);
      if (a.kind === 'PROVINCIAL_DEPARTMENT') expect(a.parent).toBe('fjgov');
      else expect(a.parent).toBeUndefined();
    }
    expect(demoAgency('fjdrc')?.docPrefix).toBe('闽发改');
  });
});

describe('generateAgencyDocuments', () => {
  const fjdrc = demoAgency('fjdrc')!;

  it('is deterministic for a seed and differs for another seed or agency', () => {
    const a = generateAgencyDocuments(fjdrc, { count: 60, seed: 5, today: TODAY });
    expect(generateAgencyDocuments(fjdrc, { count: 60, seed: 5, today: TODAY })).toEqual(a);
    expect(generateAgencyDocuments(fjdrc, { count: 60, seed: 6, today: TODAY })).not.toEqual(a);
    expect(generateAgencyDocuments(demoAgency('fjczt')!, { count: 60, seed: 5, today: TODAY }).map((d) => d.title))
      .not.toEqual(a.map((d) => d.title));
  });

  it('generates 400 documents well under a second', () => {
    const started = performance.now();
    generateAgencyDocuments(fjdrc, { count: COUNT, seed: 99, today: TODAY });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects a bad count or date', () => {
    expect(() => generateAgencyDocuments(fjdrc, { count: -1, today: TODAY })).toThrow(RangeError);
    expect(() => generateAgencyDocuments(fjdrc, { count: 1, today: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateAgencyDocuments(fjdrc, { count: 1, today: '2024-01-15' })).toThrow(RangeError);
  });

  it.each(DEMO_AGENCIES.map((a) => [a.code]))('%s: count, order, statuses and proportions', (code) => {
    const docs = byAgency.get(code)!;
    expect(docs).toHaveLength(COUNT);
    expect(docs.map((d) => d.seq)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    const formed = docs.map((d) => d.formedOn);
    expect([...formed].sort()).toEqual(formed);

    const published = (d: DemoDocument): boolean => d.status === 'PUBLISHED';
    expect(share(docs, published)).toBeGreaterThan(0.78);
    expect(share(docs, published)).toBeLessThan(0.86);
    expect(share(docs, (d) => d.disclosure === 'ON_REQUEST')).toBeCloseTo(0.04, 2);
    expect(share(docs, (d) => d.disclosure === 'NOT_DISCLOSED')).toBeCloseTo(0.03, 2);
    expect(share(docs, (d) => d.status === 'WITHDRAWN')).toBeCloseTo(0.01, 2);
    for (const s of ['DRAFT', 'IN_REVIEW', 'APPROVED'] as const) {
      expect(share(docs, (d) => d.status === s && d.disclosure === 'PROACTIVE')).toBeGreaterThan(0.02);
    }
    expect(share(docs, (d) => d.docNumber !== undefined)).toBeGreaterThan(0.65);
    expect(share(docs, (d) => d.docNumber !== undefined)).toBeLessThan(0.85);
    expect(share(docs, (d) => d.keyFacts.length > 0)).toBeGreaterThan(0.22);
    expect(share(docs, (d) => d.keyFacts.length > 0)).toBeLessThan(0.38);
    expect(share(docs, (d) => d.coIssuers.length > 0)).toBeGreaterThan(0.04);
    expect(share(docs, (d) => d.coIssuers.length > 0)).toBeLessThan(0.13);
    expect(share(docs, (d) => d.attachments.length > 0)).toBeGreaterThan(0.14);
    expect(share(docs, (d) => d.attachments.length > 0)).toBeLessThan(0.27);
    expect(share(docs, (d) => fjThemes(code).includes(d.theme))).toBeGreaterThan(0.8);
  });

  it('has unfinished work only recently, and a handful overdue 40–60 days', () => {
    for (const docs of byAgency.values()) {
      const pending = docs.filter((d) => d.disclosure === 'PROACTIVE' && ['DRAFT', 'IN_REVIEW', 'APPROVED'].includes(d.status));
      const ages = pending.map((d) => toDay(TODAY) - toDay(d.formedOn));
      for (const age of ages) expect(age <= 26 || (age >= 40 && age <= 62)).toBe(true);
      const overdue = pending.filter((_, i) => ages[i] >= 40);
      expect(overdue.length).toBeGreaterThanOrEqual(3);
      expect(overdue.every((d) => d.status !== 'DRAFT')).toBe(true);
    }
  });

  it('dates are valid, publication follows formation in office hours and never after today', () => {
    const today = toDay(TODAY);
    for (const d of allDocs) {
      const formed = toDay(d.formedOn);
      expect(formed).toBeGreaterThanOrEqual(toDay('2024-01-01'));
      expect(formed).toBeLessThanOrEqual(today);
      const published = d.status === 'PUBLISHED' || d.status === 'WITHDRAWN';
      expect(d.publishedAt !== undefined).toBe(published);
      if (d.publishedAt) {
        expect(d.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T(0[89]|1[0-7]):\d{2}:\d{2}\+08:00$/);
        expect(Number.isNaN(Date.parse(d.publishedAt))).toBe(false);
        const day = toDay(d.publishedAt.slice(0, 10));
        expect(day).toBeGreaterThanOrEqual(formed);
        expect(day).toBeLessThanOrEqual(today);
      }
      for (const f of d.keyFacts) if (f.asOf) expect(f.asOf < d.formedOn).toBe(true);
    }
  });

  it('publishes only proactive items, always on the portal; exempt items carry a ground', () => {
    for (const d of allDocs) {
      if (d.status === 'PUBLISHED' || d.status === 'WITHDRAWN') {
        expect(d.disclosure).toBe('PROACTIVE');
        expect(d.channels).toContain('PORTAL');
      }
      for (const c of d.channels) expect(CHANNELS).toContain(c);
      expect(d.exemptionGround !== undefined).toBe(d.disclosure === 'NOT_DISCLOSED');
      if (d.exemptionGround) expect(EXEMPTION_GROUNDS).toContain(d.exemptionGround);
      if (d.validity !== 'EFFECTIVE') expect(d.status === 'PUBLISHED' || d.status === 'WITHDRAWN').toBe(true);
    }
  });

  it('assigns a genre of the taxonomy that matches the title', () => {
    for (const d of allDocs) {
      expect(GENRES).toContain(d.genre);
      expect(d.genre).toBe(genreOfTitle(d.title));
      if (d.title.endsWith('的通知')) expect(d.genre).toBe('通知');
    }
    expect(genreOfTitle('福建省交通强省建设三年行动方案（2025—2027年）')).toBe('方案');
    expect(genreOfTitle('关于2026年度示范项目拟入选名单的公示')).toBe('其他');
  });

  it('writes titles, summaries and bodies full-text search can find', () => {
    for (const docs of byAgency.values()) {
      expect(new Set(docs.map((d) => d.title)).size / docs.length).toBeGreaterThanOrEqual(0.95);
    }
    for (const word of ['通知', '公开', '政府信息', '实施', '办法']) {
      expect(share(allDocs, (d) => d.title.includes(word) || d.body.includes(word))).toBeGreaterThan(0.3);
    }
    for (const d of allDocs) {
      const sentences = d.summary.split('。').filter(Boolean).length;
      expect(sentences).toBeGreaterThanOrEqual(1);
      expect(sentences).toBeLessThanOrEqual(2);
      const paragraphs = d.body.split('\n\n');
      expect(paragraphs.length).toBeGreaterThanOrEqual(3);
      expect(paragraphs.length).toBeLessThanOrEqual(8);
      expect(d.body).toMatch(/一、[^\n]+\n\n二、/);
    }
  });

  it('numbers documents uniquely per agency, in date order within a year, with a few bracket variants', () => {
    for (const [code, docs] of byAgency) {
      const agency = demoAgency(code)!;
      const numbered = docs.filter((d) => d.docNumber !== undefined);
      const normalised = numbered.map((d) => normalizeDocNumber(d.docNumber!));
      expect(new Set(normalised).size).toBe(numbered.length);
      const lastByYear = new Map<string, number>();
      for (const [i, n] of normalised.entries()) {
        const match = /^(.+)〔(\d{4})〕(\d+)号$/.exec(n);
        expect(match?.[1]).toBe(agency.docPrefix);
        expect(match?.[2]).toBe(numbered[i].formedOn.slice(0, 4));
        const num = Number(match?.[3]);
        expect(num).toBeGreaterThan(lastByYear.get(match![2]) ?? 0);
        lastByYear.set(match![2], num);
      }
    }
    const numbers = allDocs.flatMap((d) => (d.docNumber ? [d.docNumber] : []));
    const variants = numbers.filter((n) => !n.includes('〔')).length / numbers.length;
    expect(variants).toBeGreaterThan(0.02);
    expect(variants).toBeLessThan(0.09);
  });

  it('co-issues only with other demo agencies', () => {
    const codes = new Set(DEMO_AGENCIES.map((a) => a.code));
    for (const [code, docs] of byAgency) {
      for (const d of docs) {
        expect(d.coIssuers).not.toContain(code);
        expect(new Set(d.coIssuers).size).toBe(d.coIssuers.length);
        expect(d.coIssuers.length).toBeLessThanOrEqual(2);
        for (const c of d.coIssuers) expect(codes.has(c)).toBe(true);
      }
    }
  });

  it('states each key fact with one value and unit province-wide', () => {
    const seen = new Map<string, string>();
    for (const d of allDocs) {
      for (const f of d.keyFacts) {
        const key = `${f.subject}@${f.asOf}`;
        const value = `${f.value} ${f.unit}`;
        expect(seen.get(key) ?? value).toBe(value);
        seen.set(key, value);
        expect(d.body).toContain(`${f.subject}为${f.value}${f.unit ?? ''}`);
      }
    }
    expect(seen.get('2025年全省地区生产总值@2025-12-31')).toBe('5.78 万亿元');
    // The same subject must be stated by several agencies for this test to mean anything.
    expect(seen.size).toBeGreaterThan(15);
  });

  it('gives attachments realistic names, types and sizes', () => {
    for (const d of allDocs) {
      d.attachments.forEach((a, i) => {
        expect(a.fileName).toMatch(new RegExp(`^附件${i + 1}：.+\\.(pdf|docx|xlsx)$`));
        expect(a.mediaType).toMatch(/^application\//);
        expect(a.sizeBytes).toBeGreaterThan(1000);
      });
    }
  });
});

describe('generateAgencyPenalties', () => {
  const agencies = ['fjamr', 'fjsthjt', 'fuzhou', 'xiamen', 'quanzhou', 'fjedu'].map((c) => demoAgency(c)!);
  const penalties = agencies.map((a) => ({ agency: a, list: generateAgencyPenalties(a, { count: COUNT, today: TODAY }) }));
  const all = penalties.flatMap((p) => p.list);

  it('is deterministic for a seed and differs for another seed', () => {
    const fjamr = agencies[0];
    const a = generateAgencyPenalties(fjamr, { count: 40, seed: 3, today: TODAY });
    expect(generateAgencyPenalties(fjamr, { count: 40, seed: 3, today: TODAY })).toEqual(a);
    expect(generateAgencyPenalties(fjamr, { count: 40, seed: 4, today: TODAY })).not.toEqual(a);
  });

  it('gives valid identities: ~80% enterprises with credit codes, ~20% persons with resident ids', () => {
    for (const { list } of penalties) {
      const persons = list.filter((p) => p.partyKind === 'NATURAL_PERSON');
      expect(persons.length / list.length).toBeGreaterThan(0.13);
      expect(persons.length / list.length).toBeLessThan(0.27);
    }
    const enterpriseCodes = new Map<string, string>();
    for (const p of all) {
      if (p.partyKind === 'ENTERPRISE') {
        expect(isValidCreditCode(p.partyId)).toBe(true);
        expect(p.partyId).toMatch(/^9135\d{4}/);
        expect(p.partyName).toMatch(/有限公司$/);
        expect(enterpriseCodes.get(p.partyName) ?? p.partyId).toBe(p.partyId);
        enterpriseCodes.set(p.partyName, p.partyId);
      } else {
        expect(isValidResidentId(p.partyId)).toBe(true);
        expect(p.partyId).toMatch(/^35/);
        expect(Number(p.decidedOn.slice(0, 4)) - Number(p.partyId.slice(6, 10))).toBeGreaterThanOrEqual(18);
        expect([...p.partyName].length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('numbers cases uniquely, orders by decision date and keeps dates in range', () => {
    for (const { agency, list } of penalties) {
      expect(list.map((p) => p.seq)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
      expect(new Set(list.map((p) => p.caseNumber)).size).toBe(list.length);
      const decided = list.map((p) => p.decidedOn);
      expect([...decided].sort()).toEqual(decided);
      for (const p of list) {
        expect(p.caseNumber).toMatch(new RegExp(`^${agency.docPrefix}处罚〔${p.decidedOn.slice(0, 4)}〕\\d+号$`));
        expect(toDay(p.decidedOn)).toBeGreaterThanOrEqual(toDay('2024-01-01'));
        expect(toDay(p.decidedOn)).toBeLessThanOrEqual(toDay(TODAY));
        if (p.revokedOn) {
          expect(toDay(p.revokedOn)).toBeGreaterThan(toDay(p.decidedOn));
          expect(toDay(p.revokedOn)).toBeLessThanOrEqual(toDay(TODAY));
        }
      }
    }
  });

  it('has about 30% minor and 3% revoked decisions, with facts, basis and penalty filled in', () => {
    const minor = all.filter((p) => p.minor).length / all.length;
    expect(minor).toBeGreaterThan(0.22);
    expect(minor).toBeLessThan(0.38);
    const revoked = all.filter((p) => p.revokedOn).length / all.length;
    expect(revoked).toBeGreaterThan(0.01);
    expect(revoked).toBeLessThan(0.06);
    for (const p of all) {
      expect(p.facts).toContain('当事人');
      expect(p.legalBasis).toMatch(/^《.+》第.+条/);
      expect(p.penalty).toMatch(/警告|通报批评|罚款人民币\d+元/);
    }
  });

  it('uses environmental cases for the environment department and market cases for market regulation', () => {
    const env = penalties.find((p) => p.agency.code === 'fjsthjt')!.list;
    expect(env.every((p) => !p.legalBasis.includes('食品安全法'))).toBe(true);
    const market = penalties.find((p) => p.agency.code === 'fjamr')!.list;
    expect(market.every((p) => !p.legalBasis.includes('大气污染防治法'))).toBe(true);
  });
});

function fjThemes(code: string): string[] {
  const agency = demoAgency(code)!;
  return agency.themes.includes('综合政务') ? agency.themes : [...agency.themes, '综合政务'];
}
