import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from './i18n';
import { HomePage } from './pages/home';
import type { Route } from './router';

/** A page: rendered with its route's parameters. */
export type Page = FunctionComponent<{ params: Record<string, string> }>;

/**
 * A page whose code loads when first shown (its own chunk), so the first page does not carry the
 * others'. `load` imports the module; `name` is the page's export.
 */
function lazyPage<M>(load: () => Promise<M>, name: keyof M): Page {
  let loaded: Page | undefined;
  return function LazyPage(props) {
    const { t } = useI18n();
    const [page, setPage] = useState<Page | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (page) return;
      load().then((module) => {
        loaded = module[name] as unknown as Page;
        setPage(() => loaded);
      }, () => setFailed(true));
    }, []);
    if (failed) return <p role="alert" class="error">{t('loadFailed')}</p>;
    const Loaded = page;
    return Loaded ? <Loaded {...props} /> : <p role="status" class="muted">{t('loading')}</p>;
  };
}

const SearchPage = lazyPage(() => import('./pages/search'), 'SearchPage');
const DocumentPage = lazyPage(() => import('./pages/document'), 'DocumentPage');
const CataloguePage = lazyPage(() => import('./pages/catalogue'), 'CataloguePage');
const AgenciesPage = lazyPage(() => import('./pages/agency'), 'AgenciesPage');
const AgencyPage = lazyPage(() => import('./pages/agency'), 'AgencyPage');
const GuidePage = lazyPage(() => import('./pages/guide'), 'GuidePage');
const RulesPage = lazyPage(() => import('./pages/guide'), 'RulesPage');
const MandatoryPage = lazyPage(() => import('./pages/guide'), 'MandatoryPage');
const PenaltiesPage = lazyPage(() => import('./pages/penalties'), 'PenaltiesPage');
const PenaltyPage = lazyPage(() => import('./pages/penalties'), 'PenaltyPage');
const AnnualReportPage = lazyPage(() => import('./pages/annual-report'), 'AnnualReportPage');
const RequestPage = lazyPage(() => import('./pages/request'), 'RequestPage');
const RequestProgressPage = lazyPage(() => import('./pages/request'), 'RequestProgressPage');
const FeedbackPage = lazyPage(() => import('./pages/feedback'), 'FeedbackPage');

/** The app's pages, first match wins. Add a page here (and to NAVIGATION to list it in the menu). */
export const ROUTES: Route<Page>[] = [
  { pattern: '/', page: HomePage },
  { pattern: '/search', page: SearchPage },
  { pattern: '/documents/:id', page: DocumentPage },
  { pattern: '/catalogue', page: CataloguePage },
  { pattern: '/agencies', page: AgenciesPage },
  { pattern: '/agencies/:code', page: AgencyPage },
  { pattern: '/guide', page: GuidePage },
  { pattern: '/rules', page: RulesPage },
  { pattern: '/mandatory', page: MandatoryPage },
  { pattern: '/penalties', page: PenaltiesPage },
  { pattern: '/penalties/:id', page: PenaltyPage },
  { pattern: '/annual-reports', page: AnnualReportPage },
  { pattern: '/request', page: RequestPage },
  { pattern: '/request/progress', page: RequestProgressPage },
  { pattern: '/feedback', page: FeedbackPage },
];

/** The main navigation, in order. */
export const NAVIGATION: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'navHome' },
  { href: '/agencies', label: 'navAgencies' },
  { href: '/guide', label: 'navGuide' },
  { href: '/rules', label: 'navRules' },
  { href: '/mandatory', label: 'navMandatory' },
  { href: '/catalogue', label: 'navCatalogue' },
  { href: '/search', label: 'navSearch' },
  { href: '/penalties', label: 'navPenalties' },
  { href: '/annual-reports', label: 'navReports' },
  { href: '/request', label: 'navRequest' },
  { href: '/feedback', label: 'navFeedback' },
];
