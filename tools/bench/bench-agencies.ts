import { creditCode, organisationCode } from '../demo/codes';
import { DEMO_AGENCIES } from '../demo/province';
import type { DemoAgency } from '../demo/seed-types';

/** `n` distinct agencies for a benchmark province, modelled on the demo's (codes b01fjgov, b02fjdrc…). */
export function benchAgencies(n: number): DemoAgency[] {
  return Array.from({ length: n }, (_, i) => {
    const base = DEMO_AGENCIES[i % DEMO_AGENCIES.length];
    return {
      ...base,
      code: `b${String(i + 1).padStart(2, '0')}${base.code}`,
      indexPrefix: `BN${String(i + 1).padStart(5, '0')}`,
      creditCode: creditCode('11', base.regionCode, organisationCode(String(70000000 + i))),
    };
  });
}
