import type { EntityManager } from '@mikro-orm/knex';
import { normalizeDocNumber } from '../../shared/identifiers';
import type { CoordinationRuntime } from '../context';
import { FindingKind, FindingSeverity, FindingStatus, ReleasePlanStatus } from '../entities/enums';
import { FindingEntity, ScanRunEntity, type EvidenceRecord } from '../entities/finding.entity';
import { PlanDocumentEntity, ReleasePlanEntity } from '../entities/release-plan.entity';
import { AGENCY_CODES, SCAN_PAGE, type ScanPageView } from './agency-operations';
import { resolveUnseen, upsertFinding, type FindingDraft } from './finding.service';
import { documentStates } from './release-plan.service';

/**
 * The consistency engine. A full scan reads every agency's published documents through the
 * gateway, page by page (keyset cursors), into two staging tables of the coordination database,
 * and finds disagreements with SQL grouping there — so the scan's memory stays that of one page
 * however large the province, and the work is linear in its size.
 */

/** Plans whose agreed wording and release time bind: confirmed, being released, released. */
const BINDING_PLANS = [ReleasePlanStatus.CONFIRMED, ReleasePlanStatus.COMMITTING, ReleasePlanStatus.RELEASED];
/** Validities of a source that make a reprint shown as effective stale. */
const STALE_SOURCE_VALIDITY = ['REPEALED', 'AMENDED'];
const CHUNK = 100;

interface DocRow { id: string; agency: string; doc_number: string | null; title: string; issuers: string; content_hash: string }
interface FactRow { document_id: string; agency: string; value: string; unit: string }

function factText(value: string, unit: string | null | undefined): string {
  return `${value}${unit ?? ''}`;
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Reads one agency's published documents into the staging tables; returns how many. */
async function stageAgency(runtime: CoordinationRuntime, scanId: number, agency: string): Promise<number> {
  const knex = (runtime.orm.em as EntityManager).getKnex();
  let after: string | null = null;
  let count = 0;
  do {
    const page: ScanPageView = await runtime.gateway.request<ScanPageView>(SCAN_PAGE, { agency, first: runtime.config.scanPageSize, after });
    const nodes = page.documents.edges.map((e) => e.node);
    const docs = nodes.map((d) => ({
      scan_id: scanId, id: d.id, agency: d.agency.code, doc_number: d.docNumber,
      doc_number_norm: d.docNumber ? normalizeDocNumber(d.docNumber) : null, title: d.title,
      issuers: sorted([d.agency.code, ...d.coIssuers.map((c) => c.code)]).join(','),
      content_hash: d.contentHash, validity: d.validity, published_at: d.publishedAt, reprint_of: d.reprintOf,
    }));
    const facts = nodes.flatMap((d) => d.keyFacts.map((f) => ({
      scan_id: scanId, document_id: d.id, agency: d.agency.code, subject: f.subject, value: f.value, unit: f.unit ?? '', as_of: f.asOf ?? '',
    })));
    await knex.transaction(async (trx) => {
      for (let i = 0; i < docs.length; i += CHUNK) await trx('scan_document').insert(docs.slice(i, i + CHUNK));
      for (let i = 0; i < facts.length; i += CHUNK) await trx('scan_fact').insert(facts.slice(i, i + CHUNK));
    });
    count += docs.length;
    after = page.documents.pageInfo.hasNextPage ? page.documents.pageInfo.endCursor : null;
  } while (after);
  return count;
}

/** DUPLICATE_DOC_NUMBER and CONTENT_DRIFT: documents sharing a normalised number, group by group. */
async function checkDocNumbers(knex: ReturnType<EntityManager['getKnex']>, scanId: number, report: (f: FindingDraft) => Promise<void>): Promise<void> {
  const groups = await knex('scan_document').select('doc_number_norm as norm').where({ scan_id: scanId }).whereNotNull('doc_number_norm')
    .groupBy('doc_number_norm').havingRaw('count(*) > 1') as { norm: string }[];
  for (let i = 0; i < groups.length; i += CHUNK) {
    const norms = groups.slice(i, i + CHUNK).map((g) => g.norm);
    const rows = await knex('scan_document').select('id', 'agency', 'doc_number', 'title', 'issuers', 'content_hash', 'doc_number_norm')
      .where({ scan_id: scanId }).whereIn('doc_number_norm', norms).orderBy([{ column: 'doc_number_norm' }, { column: 'id' }]) as (DocRow & { doc_number_norm: string })[];
    for (const norm of norms) {
      const group = rows.filter((r) => r.doc_number_norm === norm);
      const issuers = new Map(group.map((r) => [r.id, r.issuers.split(',')]));
      // Co-issued copies (联合发文) legitimately share a number: same title, each naming the others as issuers.
      const jointCopies = new Set(group.map((r) => r.title)).size === 1
        && group.every((a) => group.every((b) => a === b || (issuers.get(b.id)!.includes(a.agency) && issuers.get(a.id)!.includes(b.agency))));
      const evidence: EvidenceRecord[] = group.map((r) => ({ label: r.doc_number ?? norm, value: r.title, documentId: r.id, agency: r.agency }));
      const base = { agencies: sorted(group.map((r) => r.agency)), documents: group.map((r) => r.id), scope: 'FULL' as const };
      if (!jointCopies) {
        await report({
          ...base, kind: FindingKind.DUPLICATE_DOC_NUMBER, severity: FindingSeverity.MEDIUM, fingerprint: `DUPLICATE_DOC_NUMBER:${norm}`,
          detail: `文号 ${norm} 被 ${group.length} 份标题或发文机关不同的文件使用 / Document number ${norm} is used by ${group.length} documents with different titles or issuers`,
          evidence,
        });
      } else if (new Set(group.map((r) => r.content_hash)).size > 1) {
        await report({
          ...base, kind: FindingKind.CONTENT_DRIFT, severity: FindingSeverity.MEDIUM, fingerprint: `CONTENT_DRIFT:${norm}`,
          detail: `联合发文 ${norm}《${group[0].title}》在各发文机关的版本内容不一致 / The copies of joint document ${norm} differ between co-issuers`,
          evidence: group.map((r) => ({ label: 'contentHash', value: r.content_hash, documentId: r.id, agency: r.agency })),
        });
      }
    }
  }
}

/** FACT_MISMATCH between agencies: one subject and as-of date stated with different values. */
async function checkFactsAcrossAgencies(knex: ReturnType<EntityManager['getKnex']>, scanId: number, report: (f: FindingDraft) => Promise<void>): Promise<void> {
  const groups = await knex('scan_fact').select('subject', 'as_of').where({ scan_id: scanId })
    .groupBy('subject', 'as_of').havingRaw(`count(distinct value || '|' || unit) > 1`) as { subject: string; as_of: string }[];
  for (const { subject, as_of } of groups) {
    const rows = await knex('scan_fact').select('document_id', 'agency', 'value', 'unit')
      .where({ scan_id: scanId, subject, as_of }).orderBy('document_id') as FactRow[];
    const values = sorted(rows.map((r) => factText(r.value, r.unit)));
    await report({
      kind: FindingKind.FACT_MISMATCH, severity: FindingSeverity.MEDIUM, scope: 'FULL', fingerprint: `FACT_MISMATCH:${subject}|${as_of}`,
      detail: `「${subject}」${as_of ? `（截至 ${as_of}）` : ''}在已发布文件中有 ${values.length} 个不同数值：${values.join('、')} / ${subject}${as_of ? ` as of ${as_of}` : ''} is published with ${values.length} different values`,
      agencies: sorted(rows.map((r) => r.agency)), documents: rows.map((r) => r.document_id),
      evidence: rows.map((r) => ({ label: subject, value: factText(r.value, r.unit), documentId: r.document_id, agency: r.agency })),
    });
  }
}

/** FACT_MISMATCH against a plan's agreed wording (口径): any published document stating the subject otherwise. */
async function checkFactsAgainstPlans(runtime: CoordinationRuntime, scanId: number, report: (f: FindingDraft) => Promise<void>): Promise<void> {
  const knex = (runtime.orm.em as EntityManager).getKnex();
  const plans = await runtime.orm.em.fork().find(ReleasePlanEntity, { status: { $in: BINDING_PLANS } });
  for (const plan of plans) {
    for (const fact of plan.agreedFacts) {
      const rows = await knex('scan_fact').select('document_id', 'agency', 'value', 'unit')
        .where({ scan_id: scanId, subject: fact.subject, as_of: fact.asOf ?? '' })
        .andWhere((w) => w.whereNot('value', fact.value).orWhereNot('unit', fact.unit ?? '')).orderBy('document_id') as FactRow[];
      if (!rows.length) continue;
      const agreed = factText(fact.value, fact.unit);
      await report({
        kind: FindingKind.FACT_MISMATCH, severity: FindingSeverity.HIGH, scope: 'FULL', planId: plan.id,
        fingerprint: `FACT_MISMATCH:plan:${plan.id}:${fact.subject}|${fact.asOf ?? ''}`,
        detail: `「${fact.subject}」与计划《${plan.title}》的统一口径 ${agreed} 不一致 / ${fact.subject} disagrees with the agreed wording ${agreed} of plan ${plan.id}`,
        agencies: sorted(rows.map((r) => r.agency)), documents: rows.map((r) => r.document_id),
        evidence: [
          { label: '统一口径 / agreed wording', value: agreed, documentId: null, agency: plan.leadAgency },
          ...rows.map((r) => ({ label: fact.subject, value: factText(r.value, r.unit), documentId: r.document_id, agency: r.agency })),
        ],
      });
    }
  }
}

/** STALE_REPRINT: an effective reprint of a source repealed, amended or withdrawn. */
async function checkReprints(runtime: CoordinationRuntime, scanId: number, report: (f: FindingDraft) => Promise<void>): Promise<void> {
  const knex = (runtime.orm.em as EntityManager).getKnex();
  const rows = await knex('scan_document as d')
    .leftJoin('scan_document as s', (j) => j.on('s.scan_id', '=', 'd.scan_id').andOn('s.id', '=', 'd.reprint_of'))
    .select('d.id', 'd.agency', 'd.title', 'd.reprint_of', 's.validity as source_validity')
    .where('d.scan_id', scanId).whereNotNull('d.reprint_of').andWhere('d.validity', 'EFFECTIVE') as
    { id: string; agency: string; title: string; reprint_of: string; source_validity: string | null }[];
  // A source missing from the published list may be withdrawn: ask its agency.
  const unlisted = rows.filter((r) => !r.source_validity).map((r) => r.reprint_of);
  const states = unlisted.length ? await documentStates(runtime, unlisted) : new Map();
  for (const row of rows) {
    const state = states.get(row.reprint_of);
    const why = row.source_validity
      ? (STALE_SOURCE_VALIDITY.includes(row.source_validity) ? row.source_validity : null)
      : state?.status === 'WITHDRAWN' ? 'WITHDRAWN' : state?.validity && STALE_SOURCE_VALIDITY.includes(state.validity) ? state.validity : null;
    if (!why) continue;
    const sourceAgency = row.reprint_of.split(':')[0];
    await report({
      kind: FindingKind.STALE_REPRINT, severity: FindingSeverity.MEDIUM, scope: 'FULL', fingerprint: `STALE_REPRINT:${row.id}`,
      detail: `转载文件《${row.title}》仍显示有效，但来源 ${row.reprint_of} 已${why === 'WITHDRAWN' ? '撤回' : why === 'REPEALED' ? '废止' : '修订'} / The reprint ${row.id} is shown as effective while its source ${row.reprint_of} is ${why}`,
      agencies: sorted([row.agency, sourceAgency]), documents: [row.id, row.reprint_of],
      evidence: [
        { label: '转载 / reprint', value: 'EFFECTIVE', documentId: row.id, agency: row.agency },
        { label: '来源 / source', value: why, documentId: row.reprint_of, agency: sourceAgency },
      ],
    });
  }
}

/**
 * The release checks of one plan (scope "PLAN:<id>"): MISSING_RELEASE for a linked document not
 * published once the release time passed, EARLY_RELEASE for one published before it. A plan that
 * does not bind (draft, cancelled) has none, so its earlier findings resolve.
 */
export async function checkPlan(runtime: CoordinationRuntime, planId: string): Promise<void> {
  const em = runtime.orm.em.fork() as EntityManager;
  const plan = await em.findOne(ReleasePlanEntity, { id: planId });
  if (!plan) return;
  const scope = `PLAN:${planId}`;
  const run = em.create(ScanRunEntity, { scope, startedAt: runtime.clock.now() });
  await em.persistAndFlush(run);
  const report = (draft: FindingDraft) => upsertFinding(runtime, run.id, draft);
  let seen = 0;
  if (BINDING_PLANS.includes(plan.status)) {
    const links = await em.find(PlanDocumentEntity, { planId }, { orderBy: { documentId: 'asc' } });
    let states;
    try {
      states = await documentStates(runtime, links.map((l) => l.documentId));
    } catch {
      // An agency out of reach: its findings stay as they were until the next check.
      run.unreachable = sorted(links.map((l) => l.agency));
      run.finishedAt = runtime.clock.now();
      await em.flush();
      return;
    }
    const now = runtime.clock.now();
    for (const link of links) {
      const state = states.get(link.documentId);
      const publishedAt = state?.publishedAt ? new Date(state.publishedAt) : null;
      const base = { scope, planId, agencies: [link.agency], documents: [link.documentId], severity: FindingSeverity.HIGH };
      if (publishedAt && publishedAt.getTime() < plan.releaseAt.getTime()) {
        seen++;
        await report({
          ...base, kind: FindingKind.EARLY_RELEASE, fingerprint: `EARLY_RELEASE:${planId}:${link.documentId}`,
          detail: `《${link.title}》于 ${state!.publishedAt} 发布，早于计划《${plan.title}》的发布时间 / ${link.documentId} was published before the release time of plan ${planId}`,
          evidence: [
            { label: '发布时间 / release time', value: plan.releaseAt.toISOString(), documentId: null, agency: plan.leadAgency },
            { label: '实际发布 / published at', value: state!.publishedAt!, documentId: link.documentId, agency: link.agency },
          ],
        });
      } else if (!publishedAt && plan.releaseAt.getTime() <= now.getTime()) {
        seen++;
        await report({
          ...base, kind: FindingKind.MISSING_RELEASE, fingerprint: `MISSING_RELEASE:${planId}:${link.documentId}`,
          detail: `计划《${plan.title}》的发布时间已过，${link.agency} 的《${link.title}》尚未发布${plan.failure ? `（${plan.failure}）` : ''} / ${link.agency} has not published ${link.documentId} although the release time of plan ${planId} has passed`,
          evidence: [
            { label: '发布时间 / release time', value: plan.releaseAt.toISOString(), documentId: null, agency: plan.leadAgency },
            { label: '状态 / status', value: state?.status ?? 'NOT_FOUND', documentId: link.documentId, agency: link.agency },
          ],
        });
      }
    }
  }
  run.findingsSeen = seen;
  run.findingsResolved = await resolveUnseen(runtime, scope, run.id, []);
  run.finishedAt = runtime.clock.now();
  await em.flush();
}

let running: Promise<ScanRunEntity> | undefined;

/**
 * A full scan of the province: every agency the directory lists, every published document, all
 * six kinds of finding; findings no longer seen are resolved (unless they concern an agency the
 * scan could not read). A scan asked for while one runs joins it.
 */
export function runFullScan(runtime: CoordinationRuntime): Promise<ScanRunEntity> {
  running ??= fullScan(runtime).finally(() => { running = undefined; });
  return running;
}

async function fullScan(runtime: CoordinationRuntime): Promise<ScanRunEntity> {
  const em = runtime.orm.em.fork() as EntityManager;
  const knex = em.getKnex();
  const run = em.create(ScanRunEntity, { scope: 'FULL', startedAt: runtime.clock.now() });
  await em.persistAndFlush(run);
  try {
    const { agencies } = await runtime.gateway.request<{ agencies: { code: string }[] }>(AGENCY_CODES);
    for (const { code } of agencies) {
      try {
        run.documents += await stageAgency(runtime, run.id, code);
      } catch {
        run.unreachable = [...run.unreachable, code];
      }
    }
    let seen = 0;
    const report = async (draft: FindingDraft) => {
      seen++;
      await upsertFinding(runtime, run.id, draft);
    };
    await checkDocNumbers(knex, run.id, report);
    await checkFactsAcrossAgencies(knex, run.id, report);
    await checkFactsAgainstPlans(runtime, run.id, report);
    await checkReprints(runtime, run.id, report);
    run.findingsSeen = seen;
    run.findingsResolved = await resolveUnseen(runtime, 'FULL', run.id, run.unreachable);
    // Binding plans, and others still carrying findings that should now resolve.
    const plans = await em.find(ReleasePlanEntity, { status: { $in: BINDING_PLANS } }, { fields: ['id'] });
    const withFindings = await em.find(FindingEntity, { planId: { $ne: null }, status: { $ne: FindingStatus.RESOLVED }, scope: { $like: 'PLAN:%' } }, { fields: ['planId'] });
    for (const planId of new Set([...plans.map((p) => p.id), ...withFindings.map((f) => f.planId!)])) await checkPlan(runtime, planId);
    run.finishedAt = runtime.clock.now();
    await em.flush();
    return run;
  } finally {
    await knex('scan_fact').where({ scan_id: run.id }).delete();
    await knex('scan_document').where({ scan_id: run.id }).delete();
  }
}
