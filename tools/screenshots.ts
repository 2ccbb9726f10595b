import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * `npm run screenshots [origin]`: every portal page at desktop and phone width into
 * docs/screenshots/ (`<page>-desktop.png`, `<page>-phone.png`), from a running hub (`npm start`;
 * default http://127.0.0.1:4000) with Debian's chromium (HUB_CHROMIUM, default /usr/bin/chromium).
 */
const origin = (process.argv[2] ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const outDir = join(__dirname, '..', ...(__dirname.includes('dist') ? ['..'] : []), 'docs', 'screenshots');

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/** The pages, each with what shows once its data is drawn; ids are read from the API first. */
async function pages(): Promise<{ name: string; path: string; ready: string }[]> {
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
  ];
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const list = await pages();
  const browser = await chromium.launch({ executablePath: process.env.HUB_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    for (const [label, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
      const page = await context.newPage();
      for (const { name, path, ready } of list) {
        await page.goto(`${origin}${path}`);
        await page.locator(ready).first().waitFor({ state: 'attached' });
        await page.locator('main [role="status"]', { hasText: /正在加载/ }).waitFor({ state: 'detached' });
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
