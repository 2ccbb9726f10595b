import type { EntityManager } from '@mikro-orm/knex';
import type { CoordinationRuntime } from '../context';
import { ParticipantVote, ReleasePlanStatus } from '../entities/enums';
import { PlanDocumentEntity, PlanParticipantEntity, ReleasePlanEntity } from '../entities/release-plan.entity';
import { ABORT, COMMIT, PREPARE, type VoteView } from './agency-operations';
import { GatewayCallError } from '../../shared/gateway-client';
import { releaseLock } from './release-lock';
import { planGrantFor, syncHolds } from './release-plan.service';

/**
 * The coordinated release (统一发布), a two-phase commit over the agencies, through the gateway:
 *
 * 1. prepare — each participant checks its documents (approved, unchanged since linked, key facts
 *    equal to the agreed wording) and records its vote durably before answering. Any no (or a
 *    participant that cannot be reached) and nothing is published: the yes-voters are told to
 *    abort, the embargo stays, and the plan records why.
 * 2. commit — once every participant voted yes, the plan is durably COMMITTING; from then on the
 *    release only goes forward: each participant is told to commit (publish, idempotent by plan
 *    id) until it acknowledges, across restarts of either side, and the plan becomes RELEASED.
 */

function messageOf(error: unknown): string {
  return error instanceof GatewayCallError ? error.message : (error as Error).message ?? String(error);
}

async function loadPlan(runtime: CoordinationRuntime, em: EntityManager, planId: string) {
  const plan = await em.findOneOrFail(ReleasePlanEntity, { id: planId });
  const participants = await em.find(PlanParticipantEntity, { planId }, { orderBy: { agency: 'asc' } });
  const links = await em.find(PlanDocumentEntity, { planId });
  const docsOf = (agency: string) => links.filter((l) => l.agency === agency);
  const grantFor = (agency: string) => planGrantFor(runtime, plan, agency, links);
  return { plan, participants: participants.filter((p) => docsOf(p.agency).length > 0), docsOf, grantFor };
}

/**
 * Phase 1 for one due plan. Returns true when every participant voted yes and the plan is now
 * durably COMMITTING; false when the attempt was given up (the plan says why, or will be retried
 * when an agency was merely unreachable).
 */
export async function preparePlan(runtime: CoordinationRuntime, planId: string): Promise<boolean> {
  const em = runtime.orm.em.fork() as EntityManager;
  const { plan, participants, docsOf, grantFor } = await loadPlan(runtime, em, planId);
  if (plan.status !== ReleasePlanStatus.CONFIRMED) return plan.status === ReleasePlanStatus.COMMITTING;
  const agreedFacts = plan.agreedFacts.map(({ subject, value, unit, asOf }) => ({ subject, value, unit, asOf }));
  const unreachable: string[] = [];
  await Promise.all(participants.map(async (participant) => {
    try {
      const { prepareCoordinatedRelease: vote } = await runtime.gateway.request<{ prepareCoordinatedRelease: VoteView }>(PREPARE, {
        agency: participant.agency, planId,
        documents: docsOf(participant.agency).map((d) => ({ id: d.documentId, contentHash: d.contentHash })),
        agreedFacts, grant: await grantFor(participant.agency),
      });
      const yes = vote.state === 'PREPARED' || vote.state === 'COMMITTED';
      em.assign(participant, { vote: yes ? ParticipantVote.PREPARED : ParticipantVote.REFUSED, problems: vote.problems, lastError: null });
    } catch (error) {
      em.assign(participant, { vote: null, problems: [], lastError: messageOf(error) });
      unreachable.push(participant.agency);
    }
  }));
  const refused = participants.filter((p) => p.vote === ParticipantVote.REFUSED);
  if (refused.length === 0 && unreachable.length === 0) {
    plan.status = ReleasePlanStatus.COMMITTING;
    plan.updatedAt = runtime.clock.now();
    // The decision point: once this is on disk the release only goes forward.
    await em.flush();
    return true;
  }
  if (refused.length) {
    plan.failure = refused.map((p) => `${p.agency}: ${p.problems.join('; ')}`).join(' | ');
  }
  plan.updatedAt = runtime.clock.now();
  await em.flush();
  // Presumed abort: the yes-voters thaw their documents; one that misses it is re-prepared or aborted next time.
  await Promise.all(participants.filter((p) => p.vote === ParticipantVote.PREPARED).map(async (p) => {
    try {
      await runtime.gateway.request(ABORT, { agency: p.agency, planId });
      p.vote = null;
    } catch (error) {
      p.lastError = messageOf(error);
    }
  }));
  await em.flush();
  if (refused.length) {
    // A refusal ends the attempt until the plan is moved or linked again: its embargo is lifted in
    // every agency. An agency merely unreachable ends nothing: the holds stay, and so does the embargo.
    await em.nativeUpdate(PlanParticipantEntity, { planId }, { holdsPending: true });
    await syncHolds(runtime, planId);
  }
  runtime.onPlanChanged?.(planId);
  return false;
}

/**
 * Phase 2 for a COMMITTING plan: tells every participant that has not acknowledged yet to commit.
 * Returns true when the plan is RELEASED. Safe to repeat at any time: participants answer a
 * repeated commit with what they published the first time.
 */
export async function commitPlan(runtime: CoordinationRuntime, planId: string): Promise<boolean> {
  const em = runtime.orm.em.fork() as EntityManager;
  const { plan, participants, grantFor } = await loadPlan(runtime, em, planId);
  if (plan.status !== ReleasePlanStatus.COMMITTING) return plan.status === ReleasePlanStatus.RELEASED;
  await Promise.all(participants.filter((p) => !p.committedAt).map(async (participant) => {
    try {
      await runtime.gateway.request(COMMIT, { agency: participant.agency, planId, grant: await grantFor(participant.agency) });
      em.assign(participant, { committedAt: runtime.clock.now(), lastError: null });
    } catch (error) {
      participant.lastError = messageOf(error);
    }
  }));
  const done = participants.every((p) => p.committedAt);
  if (done) {
    const now = runtime.clock.now();
    em.assign(plan, { status: ReleasePlanStatus.RELEASED, releasedAt: now, updatedAt: now, failure: null });
  }
  await em.flush();
  if (done) runtime.onPlanChanged?.(planId);
  return done;
}

/** What one scheduler cycle did, for logs and tests. */
export interface ReleaseCycleResult {
  released: string[];
  failed: string[];
  committing: string[];
}

/**
 * One run of the release scheduler: finishes plans already committing (first, so a restart
 * resumes them), starts the plans whose release time has come, and retries embargo holds that did
 * not reach an agency. Runs under the release lock.
 */
export function runReleaseCycle(runtime: CoordinationRuntime): Promise<ReleaseCycleResult> {
  return releaseLock.run(async () => {
    const em = runtime.orm.em.fork() as EntityManager;
    const result: ReleaseCycleResult = { released: [], failed: [], committing: [] };
    const committing = await em.find(ReleasePlanEntity, { status: ReleasePlanStatus.COMMITTING }, { orderBy: { releaseAt: 'asc' } });
    const due = await em.find(ReleasePlanEntity, {
      status: ReleasePlanStatus.CONFIRMED, releaseAt: { $lte: runtime.clock.now() }, failure: null,
    }, { orderBy: { releaseAt: 'asc' } });
    for (const plan of [...committing, ...due]) {
      const prepared = await preparePlan(runtime, plan.id);
      if (!prepared) {
        result.failed.push(plan.id);
        continue;
      }
      (await commitPlan(runtime, plan.id) ? result.released : result.committing).push(plan.id);
    }
    const pending = await em.find(PlanParticipantEntity, { holdsPending: true }, { fields: ['planId'] });
    for (const planId of new Set(pending.map((p) => p.planId))) await syncHolds(runtime, planId);
    return result;
  });
}
