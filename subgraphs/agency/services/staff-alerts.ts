import type { EntityManager } from '@mikro-orm/knex';
import type { AgencyRuntime } from '../context';
import type { DisclosureRequestEntity } from '../entities/request.entity';
import type { DeadlineItem } from './deadline-watch';
import { queueMail } from './mail-outbox';

/**
 * 工作提醒 — the alerts a deployment mails to its responsible officers (HUB_ALERT_EMAILS), through
 * the outbox: one per new request, and a daily digest of what is due or late. They name items by
 * number and date only: a requester's identity stays in the system, where every read is logged.
 */

const KIND_LABELS: Record<DeadlineItem['kind'], string> = {
  document: '主动公开文件 / document to publish',
  request: '依申请公开答复 / request to answer',
  penalty: '行政处罚决定公示 / penalty decision to publish',
  feedback: '意见建议答复 / feedback to answer',
};

/** Queues the alert of a new request in the transaction that records it (`em`). */
export async function queueNewRequestAlert(runtime: AgencyRuntime, em: EntityManager, request: DisclosureRequestEntity): Promise<void> {
  const due = request.replyDueOn ? `答复期限 / reply due: ${request.replyDueOn}` : '收到日期待确认 / receipt still to be confirmed';
  await queueMail(em, new Date(), {
    key: `new-request:${request.id}`,
    to: runtime.config.alertEmails,
    subject: `新的政府信息公开申请 ${request.id} / New disclosure request`,
    body: [
      `${runtime.config.agencyName} 收到一件政府信息公开申请。/ A disclosure request has arrived.`,
      `申请编号 / request: ${request.id}`,
      `提交日期 / submitted: ${request.submittedOn}`,
      `渠道 / channel: ${request.channel}`,
      due,
      '申请人信息请在系统内查看（查看将被记录）。/ Read the requester\'s details in the system (every read is logged).',
    ].join('\n'),
  });
}

/**
 * Queues the day's digest of the deadline watch (`items`, late first), once a day whatever the
 * number of runs; nothing when nothing is due.
 * @returns whether a digest was queued.
 */
export async function queueDeadlineDigest(runtime: AgencyRuntime, items: DeadlineItem[]): Promise<boolean> {
  if (items.length === 0 || runtime.config.alertEmails.length === 0) return false;
  const today = runtime.clock.today();
  const late = items.filter((i) => i.state === 'LATE').length;
  const line = (i: DeadlineItem) => `${i.state === 'LATE' ? '已逾期 LATE    ' : '即将到期 DUE SOON'}  ${i.dueOn}  ${KIND_LABELS[i.kind]}  ${i.id}`;
  const em = runtime.orm.em.fork() as EntityManager;
  return em.transactional(async (tx) => queueMail(tx as EntityManager, new Date(), {
    key: `deadline-digest:${today}`,
    to: runtime.config.alertEmails,
    subject: `到期提醒 ${today}：逾期 ${late} 项，即将到期 ${items.length - late} 项 / Deadline digest: ${late} late, ${items.length - late} due soon`,
    body: [`${runtime.config.agencyName} ${today}`, '', ...items.map(line)].join('\n'),
  }));
}
