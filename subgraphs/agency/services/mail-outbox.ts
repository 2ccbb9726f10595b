import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { createTransport } from 'nodemailer';
import type { AgencyRuntime } from '../context';
import { OutboxMailEntity } from '../entities/mail-outbox.entity';
import { RequestLetterEntity } from '../entities/letter.entity';
import { RequestReleaseFileEntity } from '../entities/request-release-file.entity';
import { storedLetterPdf } from './letter-pdf';

/** A mail to queue: `key` says what it is about, so the same event queues it once. */
export interface QueuedMail {
  key: string;
  to: string[];
  subject: string;
  body: string;
  /** A request's letter to attach as PDF; its delivery date is set when the server accepts the mail. */
  letterId?: string;
  /** A request whose released files (released-files.ts) to attach as they are. */
  releasedFilesOf?: string;
}

/** What the worker hands to the mail server. */
export interface OutgoingMail {
  /** Derived from the outbox key: a resend after a crash carries the same id. */
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** Where the outbox sends (SMTP in a deployment, {@link smtpSender}); resolves once the server accepted the mail. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

/** How long a worker holds a mail it is sending before another may claim it (a crashed send). */
const LEASE_MS = 5 * 60_000;
/** Mails one worker run sends at most. */
const BATCH = 20;
/** The wait after the first failed attempt, doubled after each further one up to {@link MAX_RETRY_MS}. */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;

/**
 * Queues `mail` in the caller's transaction (`em` is the transaction's), so it is owed exactly
 * when the event that causes it commits. A key already queued is left as it is.
 * @returns whether it was queued now.
 */
export async function queueMail(em: EntityManager, now: Date, mail: QueuedMail): Promise<boolean> {
  if (mail.to.length === 0 || (await em.count(OutboxMailEntity, { key: mail.key })) > 0) return false;
  em.persist(em.create(OutboxMailEntity, {
    key: mail.key, recipients: mail.to.join(','), subject: mail.subject, body: mail.body, letterId: mail.letterId ?? null, releasedFilesOf: mail.releasedFilesOf ?? null,
    queuedAt: now, attempts: 0, nextAttemptAt: now, leaseUntil: null, sentAt: null, lastError: null,
  }));
  return true;
}

/** The Message-ID of an outbox mail: one per key and agency, whatever the attempt. */
export function messageIdOf(agencyCode: string, key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}.${agencyCode}@disclosure-hub>`;
}

/** A {@link MailSender} over SMTP (nodemailer), e.g. `smtp://user:pass@host:587`. */
export function smtpSender(url: string): MailSender {
  const transport = createTransport(url);
  return { send: async (mail) => { await transport.sendMail(mail); } };
}

/**
 * One run of the outbox worker: each due mail (with its letter's PDF and a reply's released files
 * attached, when it carries them) is claimed (a lease, so that two workers or two runs never send
 * it at once), sent, and marked sent in its own write; a temporary refusal (4xx) or a dead server
 * leaves it queued for a later attempt, waiting 30 s, then twice as long each time, at most an hour.
 * A refusal for good (5xx, e.g. no such mailbox) ends its attempts, and a letter so refused joins
 * the print queue (letters.ts).
 * The guarantee: a mail is sent until the server accepts it, and never again after it was marked
 * sent; only a crash between the server's acceptance and that mark makes one more send, after the
 * lease, with the same Message-ID (which mail systems use to drop the copy).
 * Attempts and leases run on the wall clock (`now`), not the deployment's legal clock, which a
 * demo may fix.
 * @returns how many mails were sent, how many attempts failed for now, and how many mails were refused for good.
 */
export async function deliverDueMail(runtime: AgencyRuntime, sender: MailSender, now = new Date()): Promise<{ sent: number; failed: number; refused: number }> {
  const em = runtime.orm.em.fork() as EntityManager;
  const due = await em.find(OutboxMailEntity, {
    sentAt: null, gaveUpAt: null, nextAttemptAt: { $lte: now }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }],
  }, { orderBy: { id: 'asc' }, limit: BATCH });
  let sent = 0;
  let failed = 0;
  let refused = 0;
  for (const mail of due) {
    const claimed = await em.nativeUpdate(OutboxMailEntity, {
      id: mail.id, sentAt: null, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }],
    }, { leaseUntil: new Date(now.getTime() + LEASE_MS) });
    if (claimed !== 1) continue;
    try {
      const letter = mail.letterId ? await em.findOneOrFail(RequestLetterEntity, { id: mail.letterId }) : null;
      const attachments = [
        ...(letter ? [{ filename: `${letter.title}-${letter.issuedOn}.pdf`, content: (await storedLetterPdf(em, letter)).pdf, contentType: 'application/pdf' }] : []),
        ...(mail.releasedFilesOf ? (await em.find(RequestReleaseFileEntity, { requestId: mail.releasedFilesOf }, { orderBy: { number: 'asc' }, populate: ['content'] }))
          .map((file) => ({ filename: file.fileName, content: Buffer.from(file.content), contentType: file.mediaType })) : []),
      ];
      await sender.send({
        messageId: messageIdOf(runtime.config.agencyCode, mail.key), from: runtime.config.mailFrom,
        to: mail.recipients.split(','), subject: mail.subject, text: mail.body,
        attachments: attachments.length ? attachments : undefined,
      });
    } catch (error) {
      const lastError = String((error as Error).message ?? error).slice(0, 2000);
      if (refusedForGood(error)) {
        refused++;
        await em.transactional(async (tx) => {
          await tx.nativeUpdate(OutboxMailEntity, { id: mail.id }, { attempts: mail.attempts + 1, gaveUpAt: now, leaseUntil: null, lastError });
          if (mail.letterId) await tx.nativeUpdate(RequestLetterEntity, { id: mail.letterId, deliveredOn: null }, { emailRefused: lastError });
        });
        if (!mail.letterId) console.warn(`mail outbox of ${runtime.config.agencyCode}: ${mail.key} refused for good: ${lastError}`);
        continue;
      }
      failed++;
      const wait = Math.min(FIRST_RETRY_MS * 2 ** mail.attempts, MAX_RETRY_MS);
      await em.nativeUpdate(OutboxMailEntity, { id: mail.id }, {
        attempts: mail.attempts + 1, nextAttemptAt: new Date(now.getTime() + wait), leaseUntil: null, lastError,
      });
      continue;
    }
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(OutboxMailEntity, { id: mail.id }, { sentAt: new Date(Math.max(Date.now(), now.getTime())), leaseUntil: null, lastError: null });
      // 送达: the day the requester's mail server took the letter, on the deployment's legal clock.
      if (mail.letterId) await tx.nativeUpdate(RequestLetterEntity, { id: mail.letterId, deliveredOn: null }, { deliveredOn: runtime.clock.today() });
    });
    sent++;
  }
  return { sent, failed, refused };
}

/** A mail server's permanent refusal (SMTP 5xx: no such mailbox, policy): trying again would only be refused again. */
function refusedForGood(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Runs the outbox worker now and every `seconds` seconds, one run at a time, logging a failed run
 * rather than stopping the deployment. @returns a function that stops it.
 */
export function startMailOutbox(runtime: AgencyRuntime, sender: MailSender, seconds: number): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await deliverDueMail(runtime, sender);
    } catch (error) {
      console.error(`mail outbox of ${runtime.config.agencyCode} failed:`, error);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
