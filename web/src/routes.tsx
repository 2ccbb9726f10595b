import type { FunctionComponent } from 'preact';
import type { MessageKey } from './i18n';
import { HomePage } from './pages/home';
import type { Route } from './router';
import { lazyPage } from './components/lazy-page';

/** A page: rendered with its route's parameters. */
export type Page = FunctionComponent<{ params: Record<string, string> }>;

const SearchPage = lazyPage(() => import('./pages/search').then((m) => m.SearchPage));
const DocumentPage = lazyPage(() => import('./pages/document').then((m) => m.DocumentPage));
const DocumentByIndexNumberPage = lazyPage(() => import('./pages/document').then((m) => m.DocumentByIndexNumberPage));
const CataloguePage = lazyPage(() => import('./pages/catalogue').then((m) => m.CataloguePage));
const AgenciesPage = lazyPage(() => import('./pages/agency').then((m) => m.AgenciesPage));
const AgencyPage = lazyPage(() => import('./pages/agency').then((m) => m.AgencyPage));
const GuidePage = lazyPage(() => import('./pages/guide').then((m) => m.GuidePage));
const RulesPage = lazyPage(() => import('./pages/guide').then((m) => m.RulesPage));
const MandatoryPage = lazyPage(() => import('./pages/guide').then((m) => m.MandatoryPage));
const PenaltiesPage = lazyPage(() => import('./pages/penalties').then((m) => m.PenaltiesPage));
const PenaltyPage = lazyPage(() => import('./pages/penalties').then((m) => m.PenaltyPage));
const AnnualReportPage = lazyPage(() => import('./pages/annual-report').then((m) => m.AnnualReportPage));
const RequestPage = lazyPage(() => import('./pages/request').then((m) => m.RequestPage));
const RequestProgressPage = lazyPage(() => import('./pages/request').then((m) => m.RequestProgressPage));
const RequesterCasePage = lazyPage(() => import('./pages/requester-case').then((m) => m.RequesterCasePage));
const FeedbackPage = lazyPage(() => import('./pages/feedback').then((m) => m.FeedbackPage));

/** The app's pages, first match wins. Add a page here (and to NAVIGATION to list it in the menu). */
export const ROUTES: Route<Page>[] = [
  { pattern: '/', page: HomePage },
  { pattern: '/search', page: SearchPage },
  { pattern: '/documents/by-index/:indexNumber', page: DocumentByIndexNumberPage },
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
  { pattern: '/request/case', page: RequesterCasePage },
  { pattern: '/feedback', page: FeedbackPage },
  // Staff pages, loaded when first shown: the deployments answer them by the signed-in token's claims.
  { pattern: '/staff', page: lazyPage(() => import('./pages/staff/sign-in').then((m) => m.StaffSignInPage)) },
  { pattern: '/staff/documents', page: lazyPage(() => import('./pages/staff/documents').then((m) => m.StaffDocumentsPage)) },
  { pattern: '/staff/requests', page: lazyPage(() => import('./pages/staff/requests').then((m) => m.StaffRequestsPage)) },
  { pattern: '/coordinator', page: lazyPage(() => import('./pages/coordinator/dashboard').then((m) => m.CoordinatorPage)) },
  { pattern: '/supervision', page: lazyPage(() => import('./pages/supervision/dashboard').then((m) => m.SupervisionPage)) },
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
  { href: '/staff', label: 'navStaff' },
];
