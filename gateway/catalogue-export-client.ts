import { signGatewayClaims, GATEWAY_CLAIMS_HEADER, type Claims } from '../schema/contracts/claims';
import {
  CATALOGUE_CHANGES_PATH, CATALOGUE_EXPORT_PATH, type CatalogueChangesPage, type CatalogueExportPage,
} from '../schema/contracts/catalogue-export';

/**
 * The gateway's client of the catalogue's export pages (schema/contracts/catalogue-export.ts):
 * each call signed with the caller's verified claims like a /graphql call, within the shard
 * deadline. Any answer but a 200 with JSON rejects: the export then takes the GraphQL path, or a
 * harvest by sequence, which only the catalogue can answer, says it is unavailable.
 */
export class CatalogueExportClient {
  constructor(private readonly catalogueUrl: string, private readonly gatewaySecret: string, private readonly timeoutMs: number) {}

  /** One page of a documents export: `order`, `after`, `first`, `filter` (DocumentFilter). */
  documents(claims: Claims, query: { order: string; after: string | null; first: number; filter: Record<string, unknown> | null }): Promise<CatalogueExportPage> {
    return this.get(CATALOGUE_EXPORT_PATH, claims, {
      order: query.order, first: String(query.first), ...(query.after ? { after: query.after } : {}), ...(query.filter ? { filter: JSON.stringify(query.filter) } : {}),
    });
  }

  /** The documents changed after `sinceSeq` in the catalogue's sequence order. */
  changes(claims: Claims, query: { sinceSeq: number; first: number; agencies: string[] }): Promise<CatalogueChangesPage> {
    return this.get(CATALOGUE_CHANGES_PATH, claims, {
      sinceSeq: String(query.sinceSeq), first: String(query.first), ...(query.agencies.length ? { agencies: query.agencies.join(',') } : {}),
    });
  }

  private async get<T>(path: string, claims: Claims, params: Record<string, string>): Promise<T> {
    const url = new URL(path, this.catalogueUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const response = await fetch(url, {
      headers: { [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims(claims, this.gatewaySecret), accept: 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`catalogue ${path} answered ${response.status}`);
    }
    return (await response.json()) as T;
  }
}
