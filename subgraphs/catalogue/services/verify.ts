import { createHash } from 'node:crypto';
import type { AgencyRuntime } from '../../agency/context';
import { DocumentEntity } from '../../agency/entities/document.entity';
import { DocumentStatus } from '../../agency/entities/enums';
import type { GatewayClient } from '../../shared/gateway-client';

/** One public item as both sides state it: what the checksum covers. */
interface ItemState { id: string; state: string }

type DocumentPage = { documents: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; status: string; version: number; validity: string } }[] } };

/** An agency's public items as the catalogue holds them and as the agency serves them. */
export interface AgencyComparison {
  agency: string;
  agencyCount: number;
  catalogueCount: number;
  agencyChecksum: string;
  catalogueChecksum: string;
  /** Ids the catalogue lacks, holds in excess, or holds in another state (first 20 of each). */
  missing: string[];
  extra: string[];
  different: string[];
}

const EVERYTHING_SINCE = '1970-01-01T00:00:00.000Z';
const DOCUMENTS = `query VerifyDocuments($agency: ID!, $after: String) {
  documents(filter: { agencies: [$agency], updatedSince: "${EVERYTHING_SINCE}" }, orderBy: UPDATED_AT_ASC, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id status version validity } }
  }
}`;

function checksum(items: ItemState[]): string {
  const hash = createHash('sha256');
  for (const item of [...items].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(`${item.id}\t${item.state}\n`);
  return hash.digest('hex').slice(0, 16);
}

const documentState = (d: { status: string; version: number; validity: string }) => `${d.status}/${d.version}/${d.validity}`;

/** The agency's public documents, read authoritatively (the service identity keeps the live fan-out). */
async function agencyDocuments(gateway: GatewayClient, agency: string): Promise<ItemState[]> {
  const items: ItemState[] = [];
  let after: string | null = null;
  for (;;) {
    const { documents }: DocumentPage = await gateway.request<DocumentPage>(DOCUMENTS, { agency, after });
    for (const { node } of documents.edges) items.push({ id: node.id, state: documentState(node) });
    if (!documents.pageInfo.hasNextPage) return items;
    after = documents.pageInfo.endCursor;
  }
}

/**
 * Compares the catalogue with every agency it replicates: count and checksum of the public
 * documents per agency (id, status, version, validity), with the differing ids listed.
 */
export async function verifyCatalogue(runtime: AgencyRuntime, gateway: GatewayClient, agencies: readonly string[]): Promise<AgencyComparison[]> {
  const em = runtime.orm.em.fork();
  const out: AgencyComparison[] = [];
  for (const agency of agencies) {
    const live = await agencyDocuments(gateway, agency);
    const held = (await em.find(DocumentEntity, { agencyCode: agency, status: { $in: [DocumentStatus.PUBLISHED, DocumentStatus.WITHDRAWN] } }))
      .map((d) => ({ id: d.id, state: documentState(d) }));
    const liveById = new Map(live.map((i) => [i.id, i.state]));
    const heldById = new Map(held.map((i) => [i.id, i.state]));
    out.push({
      agency,
      agencyCount: live.length,
      catalogueCount: held.length,
      agencyChecksum: checksum(live),
      catalogueChecksum: checksum(held),
      missing: live.filter((i) => !heldById.has(i.id)).map((i) => i.id).slice(0, 20),
      extra: held.filter((i) => !liveById.has(i.id)).map((i) => i.id).slice(0, 20),
      different: live.filter((i) => heldById.has(i.id) && heldById.get(i.id) !== i.state).map((i) => i.id).slice(0, 20),
    });
  }
  return out;
}
