import { chinaDate } from '../../subgraphs/shared/clock';
import type { Clock } from '../../subgraphs/shared/clock';
import { createContext, type AgencyRuntime } from '../../subgraphs/agency/context';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import type { Channel, DisclosureAttribute, Validity } from '../../subgraphs/agency/entities/enums';
import * as documents from '../../subgraphs/agency/services/document.service';
import * as penalties from '../../subgraphs/agency/services/penalty.service';
import type { Role } from '../../subgraphs/shared/claims';
import { generateAgencyDocuments, generateAgencyPenalties } from './documents';
import type { DemoAgency } from './seed-types';

export interface SeedOptions {
  /** Documents to generate for the agency. */
  documents: number;
  /** Penalty decisions to generate. */
  penalties: number;
  /** The demo's today, "YYYY-MM-DD". */
  today: string;
  seed?: number;
}

/** A clock the seeder moves to each step's historical moment, so every record carries its real date. */
class SteppedClock implements Clock {
  private at = new Date();
  set(at: Date): void { this.at = at; }
  now(): Date { return new Date(this.at); }
  today(): string { return chinaDate(this.at); }
}

function atChinaTime(date: string, time = '09:30:00'): Date {
  return new Date(`${date}T${time}+08:00`);
}

/**
 * Fills an empty agency deployment with its demo documents and penalty decisions, driving each
 * through the real workflow (create, review, publish, withdraw, validity change) at the dates the
 * generator chose. Returns how many documents it wrote; writes nothing when the database has data.
 */
export async function seedAgency(base: AgencyRuntime, agency: DemoAgency, options: SeedOptions): Promise<number> {
  if ((await base.orm.em.fork().count(DocumentEntity, {})) > 0) return 0;
  const clock = new SteppedClock();
  const runtime: AgencyRuntime = { ...base, clock };
  const as = (...roles: Role[]) => createContext(runtime, { sub: `demo-${roles.join('+')}@${agency.code}`, agency: agency.code, roles });
  const generated = generateAgencyDocuments(agency, { count: options.documents, seed: options.seed, today: options.today });
  for (const demo of generated) {
    clock.set(atChinaTime(demo.formedOn));
    const doc = await documents.createDocument(as('editor'), {
      title: demo.title, summary: demo.summary, body: demo.body, theme: demo.theme, genre: demo.genre, formedOn: demo.formedOn,
      disclosure: demo.disclosure as DisclosureAttribute, exemptionGround: demo.exemptionGround ?? null, docNumber: demo.docNumber ?? null,
      coIssuers: demo.coIssuers, keyFacts: demo.keyFacts, channels: demo.channels as Channel[], attachments: demo.attachments,
    });
    if (demo.status === 'DRAFT') continue;
    const publishedAt = demo.publishedAt ? new Date(demo.publishedAt) : undefined;
    clock.set(publishedAt ? new Date(publishedAt.getTime() - 2 * 3600_000) : atChinaTime(demo.formedOn, '15:00:00'));
    if (demo.status === 'IN_REVIEW') {
      await documents.submitForReview(as('editor'), doc.id);
      continue;
    }
    await documents.reviewDocument(as('reviewer'), doc.id, true, '经审查不涉及国家秘密、商业秘密和个人隐私');
    if (!publishedAt) continue;
    clock.set(publishedAt);
    await documents.publishDocument(as('editor'), doc.id);
    if (demo.validity !== 'EFFECTIVE') {
      clock.set(new Date(Math.min(publishedAt.getTime() + 200 * 86_400_000, atChinaTime(options.today).getTime())));
      await documents.changeValidity(as('editor'), doc.id, demo.validity as Validity, '依据新文件规定调整有效性');
    }
    if (demo.status === 'WITHDRAWN') {
      clock.set(new Date(publishedAt.getTime() + 3 * 86_400_000));
      await documents.withdrawDocument(as('reviewer'), doc.id, '发现内容有误，撤回后更正');
    }
  }
  for (const demo of generateAgencyPenalties(agency, { count: options.penalties, seed: options.seed, today: options.today })) {
    clock.set(atChinaTime(demo.decidedOn, '16:00:00'));
    const penalty = await penalties.createPenalty(as('editor'), {
      caseNumber: demo.caseNumber, partyKind: demo.partyKind as never, partyName: demo.partyName, partyIdNumber: demo.partyId,
      facts: demo.facts, legalBasis: demo.legalBasis, penalty: demo.penalty, decidedOn: demo.decidedOn, minor: demo.minor,
    });
    const publishOn = runtime.calendar.addWorkingDays(demo.decidedOn, 5).on;
    if (publishOn > options.today) continue;
    clock.set(atChinaTime(publishOn, '10:00:00'));
    await penalties.publishPenalty(as('editor'), penalty.id);
    if (demo.revokedOn) {
      clock.set(atChinaTime(demo.revokedOn, '11:00:00'));
      await penalties.revokePenalty(as('editor'), penalty.id, demo.revokedOn, '原处罚决定经行政复议被撤销');
    }
  }
  return generated.length;
}
