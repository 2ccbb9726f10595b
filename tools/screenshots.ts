import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Role } from '../schema/contracts/claims';
import { devToken } from './dev-token';

/**
 * `npm run screenshots [origin] [page…]`: every portal page (or the pages named) at desktop and phone width into
 * docs/screenshots/ (`<page>-desktop.png`, `<page>-phone.png`), from a running hub (`npm start`;
 * default http://127.0.0.1:4000) with Debian's chromium (HUB_CHROMIUM, default /usr/bin/chromium).
 * The staff pages are signed in with development tokens (run it with the hub's HUB_DATA_DIR).
 */
const origin = (process.argv[2] ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const outDir = join(__dirname, '..', ...(__dirname.includes('dist') ? ['..'] : []), 'docs', 'screenshots');

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/** The pages, each with what shows once its data is drawn; ids are read from the API first. */
async function pages(): Promise<{ name: string; path: string; ready: string; staff?: { roles: Role[]; agency?: string } }[]> {
  const call = async (query: string) => {
    const response = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return ((await response.json()) as { data: any }).data;
  };
  const document = (await call('{ documents(first: 1) { edges { node { id } } } }')).documents.edges[0].node.id as string;
  const penalty = (await call('{ penaltyDecisions(first: 1) { edges { node { id } } } }')).penaltyDecisions.edges[0].node.id as string;
  const year = new Date().getFullYear();
  return [
    { name: 'home', path: '/', ready: 'ul.documents' },
    { name: 'search', path: `/search?q=${encodeURIComponent('通知')}`, ready: 'ul.documents' },
    { name: 'document', path: `/documents/${encodeURIComponent(document)}`, ready: 'dl.fields' },
    { name: 'catalogue', path: '/catalogue?by=theme&value=' + encodeURIComponent('综合政务'), ready: 'aside .count' },
    { name: 'agencies', path: '/agencies', ready: 'ul.agency-list' },
    { name: 'agency', path: '/agencies/fjdrc', ready: 'ul.documents' },
    { name: 'guide', path: '/guide?agency=fjdrc', ready: 'dl.fields' },
    { name: 'rules', path: '/rules', ready: 'main p' },
    { name: 'mandatory', path: '/mandatory', ready: 'main ol' },
    { name: 'penalties', path: '/penalties', ready: 'table' },
    { name: 'penalty', path: `/penalties/${encodeURIComponent(penalty)}`, ready: 'dl.fields' },
    { name: 'annual-report', path: `/annual-reports?year=${year}`, ready: '[data-testid="chart-outcomes"] canvas' },
    { name: 'request', path: '/request', ready: 'form select option:nth-child(2)' },
    { name: 'request-progress', path: '/request/progress', ready: '#tracking' },
    { name: 'feedback', path: '/feedback', ready: 'form' },
    { name: 'staff-sign-in', path: '/staff', ready: '#staff-token' },
    { name: 'coordinator', path: '/coordinator', ready: '#findings-heading', staff: { roles: ['coordinator'] } },
    { name: 'supervision', path: '/supervision', ready: '[data-testid="chart-heatmap"] canvas', staff: { roles: ['supervisor'] } },
    { name: 'staff-documents', path: '/staff/documents', ready: '#table-in_review', staff: { roles: ['editor', 'reviewer'], agency: 'fjdrc' } },
    { name: 'staff-requests', path: '/staff/requests', ready: '#due-heading', staff: { roles: ['disclosure-officer'], agency: 'fjdrc' } },
  ];
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const only = process.argv.slice(3);
  const list = (await pages()).filter((p) => only.length === 0 || only.includes(p.name));
  const browser = await chromium.launch({ executablePath: process.env.HUB_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    for (const [label, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
      const page = await context.newPage();
      for (const { name, path, ready, staff } of list) {
        // A staff page reads its token from sessionStorage, as the sign-in page leaves it.
        const token = staff ? await devToken(staff.roles, { agency: staff.agency, ttl: '1h' }) : null;
        await page.goto(`${origin}/`);
        await page.evaluate((value) => (value ? sessionStorage.setItem('hub.staffToken', value) : sessionStorage.removeItem('hub.staffToken')), token);
        await page.goto(`${origin}${path}`);
        await page.locator(ready).first().waitFor({ state: 'attached' });
        // Every loading line gone (a staff page loads several sections at once).
        await page.waitForFunction(() => ![...document.querySelectorAll('main [role="status"]')].some((e) => /正在加载/.test(e.textContent ?? '')));
        const file = join(outDir, `${name}-${label}.png`);
        await page.screenshot({ path: file, fullPage: label === 'phone' ? false : true });
        console.log(`wrote ${file}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
