import { freshnessReport, staleFeeds, type FreshnessReport, type ReplicationSnapshot, type ReplicationState } from './replicator';

/** The replication's state in a reader process, as the replicating process last sent it (Replicator.snapshot). */
export class ReplicationMirror implements ReplicationState {
  private snapshot: ReplicationSnapshot = { ready: false, feeds: [] };

  update(snapshot: ReplicationSnapshot): void {
    this.snapshot = snapshot;
  }

  ready(): boolean {
    return this.snapshot.ready;
  }

  report(staleAfterMs: number): FreshnessReport[] {
    return freshnessReport(this.snapshot.feeds, Date.now(), staleAfterMs);
  }

  stale(staleAfterMs: number, agencies?: readonly string[]): string[] {
    return staleFeeds(this.snapshot.feeds, Date.now(), staleAfterMs, agencies);
  }
}
