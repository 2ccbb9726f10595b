import { startHungServer, type HungServer } from '../../tools/bench/processes';
import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

const BEHIND = 'fjczt';

describeBrowser('portal over the provincial catalogue with one agency behind (chromium)', () => {
  let portal: TestPortal;
  let blackHole: HungServer;
  beforeAll(async () => {
    portal = await startPortal({
      withCatalogue: { staleAfterMs: 2000 },
      // The catalogue reads the agencies' change logs through this gateway with operations of its
      // own: a safelist-only gateway refuses them (it is the mode of a portal-only gateway).
      gateway: { safelistOnly: false, shardCalls: { timeoutMs: 1000, breakerThreshold: 3, breakerCooldownMs: 10_000, probeIntervalMs: 1000 } },
    });
    await portal.hub.catalogueCaughtUp();
    blackHole = await startHungServer();
  }, 180_000);
  afterAll(async () => {
    await blackHole?.close();
    await portal?.stop();
  });

  it("says the agency's information may be out of date while listing every agency's documents from the catalogue", async () => {
    const { registry } = portal.hub.gateway;
    registry.set(registry.all().map((entry) => (entry.code === BEHIND ? { ...entry, url: blackHole.url } : entry)));
    // The catalogue cannot read the agency's log any more: after its freshness bound, answers say so.
    let answer: any;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      answer = await portal.persisted('PortalLatest', { first: 20 });
      if ((answer.errors ?? []).some((e: any) => e.extensions.code === 'CATALOGUE_STALE')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const notice = answer.errors.find((e: any) => e.extensions.code === 'CATALOGUE_STALE');
    expect(notice.extensions.agencies).toEqual([BEHIND]);
    const documents = answer.data.documents.edges.map((e: any) => e.node);
    expect(documents.some((d: any) => d.agency.code === BEHIND)).toBe(true);

    const page = await portal.page();
    await page.goto(`${portal.origin}/`);
    const banner = page.getByTestId('agency-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toBe('以下机关的信息可能不是最新的（目录同步延迟）：福建省财政厅（fjczt）');
    await page.locator('ul.documents > li').first().waitFor();
    expect(await page.locator('ul.documents > li a.title').allTextContents()).toEqual(documents.map((d: any) => d.title));
  });
});
