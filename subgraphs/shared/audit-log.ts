/**
 * Structured audit lines: one JSON object per line on stdout, where the deployment's log shipper
 * collects them. Reads of personal data go here as well as into the database, so that a deleted
 * or tampered database row still leaves a trace outside it.
 */

/** One audited action. */
export interface AuditEvent {
  /** What happened, e.g. "personal-data.read". */
  action: string;
  /** Who did it (token subject). */
  actor: string;
  /** Agency deployment it happened in. */
  agency: string;
  /** The item concerned, e.g. a request id. */
  subject: string;
  /** Which fields were read or changed. */
  fields?: string[];
  at: Date;
}

/** Where audit lines go; tests capture them, production writes stdout. */
export type AuditSink = (line: string) => void;

/** Writes to stdout. */
export const stdoutAuditSink: AuditSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** Writes one audit event as one JSON line. */
export function auditLog(event: AuditEvent, sink: AuditSink = stdoutAuditSink): void {
  sink(JSON.stringify({ audit: event.action, actor: event.actor, agency: event.agency, subject: event.subject, fields: event.fields, at: event.at.toISOString() }));
}
