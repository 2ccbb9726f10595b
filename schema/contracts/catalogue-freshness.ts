/**
 * One agency's feed in the provincial catalogue, as the catalogue reports it: on its /health (read
 * by the gateway's /health) and as the agency contract's `catalogueFreshness`.
 */
export interface AgencyFreshness {
  agency: string;
  /** The last sequence of the agency's public change log applied in the catalogue. */
  appliedSeq: number;
  /** The last sequence the agency reported. */
  knownSeq: number;
  /** Entries the agency reported that are not applied yet. */
  lagEntries: number;
  /** Milliseconds since the log was last read; null before the first read. */
  msSinceRead: number | null;
  /** Whether answers including this agency carry CATALOGUE_STALE. */
  stale: boolean;
  /** Why the catalogue's last read of this log failed, while it fails (operators only: it may name an address). */
  error?: string;
}
