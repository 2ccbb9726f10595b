import { startHungServer, type HungServer } from '../../tools/bench/processes';
import { describeBrowser, startPortal, type TestPortal } from '../support/portal-harness';

const HUNG = 'fjczt';

describeBrowser('portal with a hung agency (chromium)', () => {
  let portal: TestPortal;
  // Accepts connections and never answers: a deployment hung mid-request.
  let blackHole: HungServer;
  beforeAll(async () => {
    portal = await startPortal({ gateway: { shardCalls: { timeoutMs: 1500, breakerThreshold: 3, breakerCooldownMs: 10_000, probeIntervalMs: 1000 } } });
    blackHole = await startHungServer();
  }, 180_000);
  afterAll(async () => {
    await blackHole?.close();
    await portal?.stop();
  });

  it("names the hung agency in a banner while the page lists the other agencies' documents", async () => {
    const { registry } = portal.hub.gateway;
    registry.set(registry.all().map((entry) => (entry.code === HUNG ? { ...entry, url: blackHole.url } : entry)));

    const answer = await portal.persisted('PortalLatest', { first: 20 });
    expect(answer.errors.map((e: any) => [e.extensions.code, e.extensions.agency])).toContainEqual(['AGENCY_UNAVAILABLE', HUNG]);
    const others = answer.data.documents.edges.map((e: any) => e.node);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((d: any) => d.agency.code !== HUNG)).toBe(true);

    const page = await portal.page();
    await page.goto(`${portal.origin}/`);
    const banner = page.getByTestId('agency-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('福建省财政厅（fjczt）');
    await page.locator('ul.documents > li').first().waitFor();
    expect(await page.locator('ul.documents > li a.title').allTextContents()).toEqual(others.map((d: any) => d.title));
    const agencies = new Set(await page.locator('ul.documents .meta > span:first-child').allTextContents());
    expect(agencies.size).toBeGreaterThan(1);
    expect([...agencies].some((a) => a.includes('福建省财政厅'))).toBe(false);

    // The banner names it on the other pages too, and the search still answers from the others.
    await page.goto(`${portal.origin}/search?q=${encodeURIComponent('通知')}`);
    await page.getByTestId('agency-banner').waitFor();
    expect(await page.getByTestId('agency-banner').textContent()).toContain('fjczt');
    expect(await page.locator('ul.documents > li').count()).toBeGreaterThan(0);
  });
});
