import type { EntityManager } from '@mikro-orm/knex';
import { ANONYMOUS } from '../../../schema/contracts/claims';
import { loadArrangement, type HolidayArrangement } from '../../shared/calendar';
import { GatewayClient } from '../../shared/gateway-client';
import { createContext, type AgencyRuntime } from '../context';
import { DocumentEntity } from '../entities/document.entity';
import { DocumentStatus, PenaltyStatus } from '../entities/enums';
import { PenaltyDecisionEntity } from '../entities/penalty.entity';
import { DisclosureRequestEntity, RequestEventEntity } from '../entities/request.entity';
import { RequestStatus } from '../entities/request-enums';
import { computeDue } from './document.service';
import { penaltyPublishDue } from './penalty.service';
import { clockOf } from './request.service';

/** Where a deployment reads the province's calendar: the arrangements the directory has loaded. */
export type CalendarSource = () => Promise<readonly HolidayArrangement[]>;

const ARRANGEMENTS = /* GraphQL */ `query HolidayArrangements { holidayArrangements { year holidays workdays source } }`;

/**
 * The directory's arrangements, read through the gateway with the deployment's service identity:
 * subgraphs answer only the gateway, so the directory cannot push to a deployment, and a deployment
 * never learns where the directory runs.
 */
export function gatewayCalendarSource(client: GatewayClient): CalendarSource {
  return async () => (await client.request<{ holidayArrangements: HolidayArrangement[] }>(ARRANGEMENTS)).holidayArrangements;
}

/** The gateway client of a deployment's calendar reads, from its configuration. */
export function calendarGatewayClient(runtime: AgencyRuntime, gatewayUrl = runtime.config.gatewayUrl): GatewayClient {
  const { serviceIdentity, agencyCode } = runtime.config;
  if (!serviceIdentity) throw new Error(`agency ${agencyCode}: the calendar sync is off (HUB_CALENDAR_SYNC_SECONDS=0), so it has no service identity`);
  return new GatewayClient({ url: gatewayUrl, identity: serviceIdentity, subject: `agency-${agencyCode}-calendar` });
}

function sameArrangement(a: HolidayArrangement | undefined, b: HolidayArrangement): boolean {
  return a !== undefined && a.source === b.source
    && a.holidays.length === b.holidays.length && a.holidays.every((d, i) => d === b.holidays[i])
    && a.workdays.length === b.workdays.length && a.workdays.every((d, i) => d === b.workdays[i]);
}

/**
 * Counts every stored deadline of an open item again on the current calendar, in one transaction:
 * the publication due date of each unpublished document (Art. 26, from its formation) and penalty
 * decision, and the reply due date each open request keeps for filters and the deadline watch
 * (derived from its events, as every write derives it).
 */
export async function recountOpenDeadlines(runtime: AgencyRuntime): Promise<void> {
  const ctx = createContext(runtime, ANONYMOUS);
  await ctx.em.transactional(async (em: EntityManager) => {
    for (const doc of await em.find(DocumentEntity, { status: { $in: [DocumentStatus.DRAFT, DocumentStatus.IN_REVIEW, DocumentStatus.APPROVED] } })) {
      computeDue(ctx, doc, doc.formedOn);
    }
    for (const penalty of await em.find(PenaltyDecisionEntity, { status: PenaltyStatus.PENDING })) {
      const due = penaltyPublishDue(ctx, penalty.decidedOn);
      penalty.publishDueOn = due.on;
      penalty.publishDueProvisional = due.provisional;
    }
    const open = await em.find(DisclosureRequestEntity, { status: { $ne: RequestStatus.CLOSED } });
    const events = open.length ? await em.find(RequestEventEntity, { requestId: { $in: open.map((r) => r.id) } }, { orderBy: { id: 'asc' } }) : [];
    for (const request of open) {
      const clock = clockOf(ctx, events.filter((e) => e.requestId === request.id));
      request.replyDueOn = clock.replyDueOn;
      request.replyDueProvisional = clock.provisional;
    }
  });
}

/**
 * Takes every arrangement of `source` that this deployment's calendar lacks or holds otherwise
 * (a corrected notice), then recounts the stored deadlines. Returns the years that changed.
 * @throws when the source fails or an arrangement is invalid; the calendar is then unchanged.
 */
export async function syncCalendar(runtime: AgencyRuntime, source: CalendarSource): Promise<number[]> {
  const arrangements = (await source()).map((a) => loadArrangement(a, `directory arrangement ${a.year}`));
  const changed = arrangements.filter((a) => !sameArrangement(runtime.calendar.loadedArrangement(a.year), a));
  for (const arrangement of changed) runtime.calendar.addArrangement(arrangement);
  if (changed.length) await recountOpenDeadlines(runtime);
  return changed.map((a) => a.year);
}

/**
 * Reads the province's calendar at once and then every `intervalSeconds`, so a year loaded in the
 * directory reaches the deployment without a restart. A failed read (the gateway or directory
 * down, typically while the province starts) is retried after at most 5 s; a recount that failed
 * is repeated at the next read. Returns the function that stops it (after a read under way).
 */
export function startCalendarSync(
  runtime: AgencyRuntime, source: CalendarSource, intervalSeconds: number, log: (line: string) => void = console.error,
): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let recountOwed = false;
  const run = async () => {
    let delayMs = intervalSeconds * 1000;
    try {
      const years = await syncCalendar(runtime, source);
      if (years.length) log(`agency ${runtime.config.agencyCode}: calendar arrangements for ${years.join(', ')} received from the directory`);
      else if (recountOwed) await recountOpenDeadlines(runtime);
      recountOwed = false;
    } catch (error) {
      // The arrangement may be in the calendar already while the recount failed: repeat the recount next time.
      recountOwed = true;
      delayMs = Math.min(delayMs, 5_000);
      log(`agency ${runtime.config.agencyCode}: calendar sync failed, retrying in ${delayMs / 1000} s: ${(error as Error).message}`);
    }
    if (!stopped) timer = setTimeout(() => { running = run(); }, delayMs);
  };
  running = run();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
