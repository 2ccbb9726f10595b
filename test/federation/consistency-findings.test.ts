import { runFullScan } from '../../subgraphs/coordination/services/consistency-scan.service';
import { PLANTED_AGENCIES, seedCoordinationDemo } from '../../tools/demo/coordination-seed';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { FINDING_LINKS, FINDINGS, SCAN, SET_REPRINT } from '../documents/coordination-operations';
import { startHub, type TestHub } from '../support/hub-harness';

/**
 * Consistency findings over the demo province through the real gateway: the generated demo
 * documents raise none, and every planted case of tools/demo/coordination-seed.ts is found.
 */
const KINDS = ['FACT_MISMATCH', 'MISSING_RELEASE', 'EARLY_RELEASE', 'CONTENT_DRIFT', 'DUPLICATE_DOC_NUMBER', 'STALE_REPRINT'];

interface FindingView {
  id: string; kind: string; severity: string; status: string; detail: string;
  agencies: { code: string }[]; documents: { id: string }[]; evidence: { label: string; value: string }[];
}

describe('consistency findings over the demo province', () => {
  let hub: TestHub;
  let coordinator: string;

  beforeAll(async () => {
    hub = await startHub({
      agencies: [...PLANTED_AGENCIES], withDirectory: true, withCoordination: true,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 150, penalties: 0, today: '2026-11-27' }).then(() => undefined),
    });
    coordinator = await hub.token(['coordinator']);
  }, 120_000);
  afterAll(() => hub.stop());

  async function findings(variables: Record<string, unknown> = {}): Promise<FindingView[]> {
    const out: FindingView[] = [];
    let after: string | null = null;
    do {
      const answer = await hub.query(FINDINGS, { ...variables, first: 50, after }, coordinator);
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      out.push(...answer.data.consistencyFindings.edges.map((e: { node: FindingView }) => e.node));
      after = answer.data.consistencyFindings.pageInfo.hasNextPage ? answer.data.consistencyFindings.pageInfo.endCursor : null;
    } while (after);
    return out;
  }

  it('finds nothing in the consistent demo documents (no false positives)', async () => {
    const { data, errors } = await hub.query(SCAN, {}, coordinator);
    expect(errors).toBeUndefined();
    expect(data.runConsistencyScan.documents).toBeGreaterThan(150);
    expect(data.runConsistencyScan.unreachable).toEqual([]);
    expect(await findings()).toEqual([]);
  });

  it('finds every planted case, each kind, with agencies, documents and evidence resolved through the gateway', async () => {
    await seedCoordinationDemo(hub.coordination!.runtime, hub.gateway.url);
    const all = await findings({ status: 'OPEN' });
    for (const kind of KINDS) expect(all.filter((f) => f.kind === kind).length).toBeGreaterThan(0);
    const byKind = (kind: string) => all.filter((f) => f.kind === kind);
    expect(byKind('CONTENT_DRIFT')).toHaveLength(1);
    expect(byKind('CONTENT_DRIFT')[0].agencies.map((a) => a.code)).toEqual(['fjdrc', 'fjgov']);
    expect(byKind('DUPLICATE_DOC_NUMBER')).toHaveLength(1);
    expect(byKind('DUPLICATE_DOC_NUMBER')[0].agencies.map((a) => a.code)).toEqual(['fjgov', 'fjtjj']);
    expect(byKind('STALE_REPRINT')).toHaveLength(1);
    expect(byKind('EARLY_RELEASE')).toHaveLength(1);
    expect(byKind('MISSING_RELEASE')).toHaveLength(2);
    // The population stated two ways, seen both between agencies and against the upcoming plan's wording.
    expect(byKind('FACT_MISMATCH').map((f) => f.severity).sort()).toEqual(['HIGH', 'MEDIUM']);
    expect(byKind('FACT_MISMATCH').every((f) => f.evidence.some((e) => e.value === '4179万人'))).toBe(true);
    // The consistent counterparts raise nothing: the agreed joint document, the reprint of an effective source.
    expect(all.some((f) => f.detail.includes('902号'))).toBe(false);
    expect(all.every((f) => f.documents.length > 0 && f.agencies.length > 0)).toBe(true);
    const { data } = await hub.query(FINDINGS, { kind: 'KIND_THAT_DOES_NOT_EXIST' }, coordinator);
    expect(data).toBeNull();
  });

  it('keeps the id, agency and state of an unpublished linked document readable for the news office only', async () => {
    type Link = { documentId: string; agency: { code: string }; document: { id: string; title: string } | null; state: { id: string; found: boolean; status: string; title: string } | null };
    type Node = { documentLinks: Link[]; evidence: { documentId: string | null }[]; plan: { documents: Omit<Link, 'document'>[] } | null };
    const read = async (token?: string) => {
      const answer = await hub.query(FINDING_LINKS, { kind: 'MISSING_RELEASE' }, token);
      return { nodes: (answer.data?.consistencyFindings.edges ?? []).map((e: { node: Node }) => e.node) as Node[], errors: answer.errors };
    };
    const { nodes, errors } = await read(coordinator);
    expect(errors).toBeUndefined();
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      const [link] = node.documentLinks;
      // Not published: the document itself is hidden from a coordinator, its id, agency and state are not.
      expect(link.document).toBeNull();
      expect(link.documentId.startsWith(`${link.agency.code}:`)).toBe(true);
      expect(link.state).toMatchObject({ id: link.documentId, found: true });
      expect(link.state!.status).not.toBe('PUBLISHED');
      expect(link.state!.title.length).toBeGreaterThan(0);
      expect(node.evidence.map((e) => e.documentId)).toContain(link.documentId);
      const linked = node.plan!.documents.find((d) => d.documentId === link.documentId)!;
      expect(linked.state).toMatchObject({ id: link.documentId, found: true, status: link.state!.status });
    }
    // The agency concerned sees its finding and the ids, but the news office's state view is not for its staff.
    const agency = nodes[0].documentLinks[0].agency.code;
    const staff = await read(await hub.token(['editor'], agency));
    const mine = staff.nodes.flatMap((n) => n.documentLinks);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((l) => l.state === null && l.documentId.length > 0)).toBe(true);
  });

  it('does not duplicate findings on a rescan, and resolves those that no longer hold', async () => {
    const before = await findings();
    await runFullScan(hub.coordination!.runtime);
    const after = await findings();
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());

    const stale = after.find((f) => f.kind === 'STALE_REPRINT')!;
    const reprint = stale.documents[0].id;
    const fixed = await hub.query(SET_REPRINT, { id: reprint, sourceId: null }, await hub.token(['editor'], 'fjtjj'));
    expect(fixed.errors).toBeUndefined();
    await runFullScan(hub.coordination!.runtime);
    const resolved = await findings({ kind: 'STALE_REPRINT' });
    expect(resolved.map((f) => [f.id, f.status])).toEqual([[stale.id, 'RESOLVED']]);
  });

  it('shows findings to the agencies concerned only, and to the public not at all', async () => {
    const anonymous = await hub.query(FINDINGS, {});
    expect(anonymous.data.consistencyFindings.totalCount).toBe(0);
    const answer = await hub.query(FINDINGS, { first: 100 }, await hub.token(['editor'], 'fjtjj'));
    const mine = answer.data.consistencyFindings.edges.map((e: { node: FindingView }) => e.node) as FindingView[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.agencies.some((a) => a.code === 'fjtjj'))).toBe(true);
  });
});
