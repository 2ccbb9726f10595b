/**
 * Builders for the identifiers demo parties carry. Every builder appends the check character the
 * standard defines, because validators in the hub reject anything else and demo data must pass them.
 */
import { creditCodeCheckChar, organisationCodeCheckChar, residentIdCheckChar } from '../../subgraphs/shared/identifiers';

/**
 * A 9-character organisation code (组织机构代码, GB 11714-1997) from its 8-character body: legacy
 * all-digit codes of organs registered before 2015, or the "MA…" codes assigned since; either
 * forms positions 9–17 of a credit code.
 */
export function organisationCode(body8: string): string {
  return body8 + organisationCodeCheckChar(body8);
}

/**
 * A unified social credit code: 2-character registration kind ("11" organ, "91" enterprise),
 * 6-digit region, 9-character organisation part and the GB 32100-2015 check character.
 */
export function creditCode(kind: '11' | '91', regionCode: string, organisation9: string): string {
  const first17 = kind + regionCode + organisation9;
  if (first17.length !== 17) throw new RangeError(`credit code body must be 17 characters: ${first17}`);
  return first17 + creditCodeCheckChar(first17);
}

/** A resident identity number: region, birth date "YYYYMMDD", 3-digit sequence, GB 11643 check. */
export function residentId(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = regionCode + birthDate + String(sequence).padStart(3, '0');
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`resident id body must be 17 digits: ${first17}`);
  return first17 + residentIdCheckChar(first17);
}
