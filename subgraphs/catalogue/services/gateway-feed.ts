import { GatewayClient } from '../../shared/gateway-client';
import type { FeedChange } from './apply';
import type { FeedReader } from './replicator';

const FEED = `query CatalogueFeed($agency: ID!, $after: Int!, $first: Int, $waitMs: Int) {
  publicChanges(agency: $agency, after: $after, first: $first, waitMs: $waitMs) {
    lastSeq
    changes { seq subject subjectId releasePlanId releaseSize record }
  }
}`;

/** Reads agencies' logs through the provincial gateway with the catalogue's service identity. */
export function gatewayFeedReader(gateway: GatewayClient): FeedReader {
  return async (agency, after, first, waitMs) => {
    const data = await gateway.request<{ publicChanges: { lastSeq: number; changes: FeedChange[] } }>(FEED, { agency, after, first, waitMs });
    return data.publicChanges;
  };
}
