import { SMTPServer } from 'smtp-server';

/** A mail the local SMTP server accepted: the envelope and the raw message. */
export interface ReceivedMail { from: string; to: string[]; data: string }

/**
 * A local SMTP server (no TLS, no auth) on `port` of 127.0.0.1 that keeps every mail it accepts,
 * answering `550 No such mailbox` for the addresses in `unknownMailboxes`.
 */
export function startSmtp(port: number, unknownMailboxes: string[] = []): Promise<{ received: ReceivedMail[]; stop(): Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, size: 20 * 1024 * 1024,
    onRcptTo(address, _session, done) {
      if (!unknownMailboxes.includes(address.address)) return done();
      done(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  return new Promise((ready) => server.listen(port, '127.0.0.1', () => ready({ received, stop: () => new Promise<void>((closed) => server.close(() => closed())) })));
}
