import type { EntityManager } from '@mikro-orm/knex';
import { DisclosureRequestEntity } from '../entities/request.entity';
import { RequestEventKind } from '../entities/request-enums';
import { FEE_BY_ITEM, FEE_BY_VOLUME } from './statutory-rules';

/**
 * 信息处理费 — the tiers of 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号), from the rules table.
 * Both ways are stepped (超额累进, 第三条): each unit costs the rate of the band it falls in.
 */

/**
 * 第四条 按件计收 — the fee of the requester's `n`-th request to the agency in a calendar month
 * (1-based): nothing up to the 10th, ¥100 up to the 30th, then ¥100 more for every band of 10.
 */
export function feeByItem(n: number): number {
  const t = FEE_BY_ITEM;
  if (n <= t.freeUpTo) return 0;
  if (n <= t.firstBandUpTo) return t.firstBandYuan;
  return t.firstBandYuan + t.bandStepYuan * Math.ceil((n - t.firstBandUpTo) / t.bandSize);
}

/** 第五条 按量计收 — the fee for `pages` A4 pages given in answer to one request. */
export function feeByVolume(pages: number): number {
  let yuan = 0;
  FEE_BY_VOLUME.forEach((tier, i) => {
    const upTo = FEE_BY_VOLUME[i + 1]?.above ?? Infinity;
    if (pages > tier.above) yuan += (Math.min(pages, upTo) - tier.above) * tier.yuan;
  });
  return yuan;
}

/**
 * 同一申请人 — who counts as the same requester for 按件计收: the identity number when there is one
 * (resident id, credit code), else the kind and the name (an organisation without a code).
 */
function sameRequester(r: DisclosureRequestEntity) {
  return r.idNumber ? { idNumber: r.idNumber } : { idNumber: null, requesterKind: r.requesterKind, requesterName: r.requesterName };
}

/**
 * Which request of its requester to this agency `request` is in the calendar month it was received
 * (1-based; by receipt date, then the order entered), the count 第四条 charges by.
 */
export async function monthlyOrdinal(em: EntityManager, request: DisclosureRequestEntity, receivedOn: string): Promise<number> {
  const month = receivedOn.slice(0, 7);
  const earlier = await em.count(DisclosureRequestEntity, {
    ...sameRequester(request), agencyCode: request.agencyCode,
    $or: [
      { receivedOn: { $gte: `${month}-01`, $lt: receivedOn } },
      { receivedOn, id: { $lt: request.id } },
    ],
  });
  return earlier + 1;
}

/**
 * Information-processing fees paid in `year` (by payment date), in yuan, for table 2's
 * 行政事业性收费 figure: the fee is an administrative fee paid into the treasury.
 */
export async function processingFeesPaidYuan(em: EntityManager, year: number, agency: string | null): Promise<number> {
  const knex = em.getKnex();
  const q = knex('disclosure_request as r')
    .sum('r.fee_yuan as yuan')
    .whereExists(knex('request_event as e').select(knex.raw('1')).whereRaw('e.request_id = r.id')
      .where('e.kind', RequestEventKind.FEE_PAID).where('e.on', '>=', `${year}-01-01`).where('e.on', '<=', `${year}-12-31`));
  if (agency) q.where('r.agency_code', agency);
  const [row] = await em.execute(q) as { yuan: unknown }[];
  return Number(row?.yuan ?? 0);
}

