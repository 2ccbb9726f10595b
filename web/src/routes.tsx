import type { FunctionComponent } from 'preact';
import type { MessageKey } from './i18n';
import { AgenciesPage, AgencyPage } from './pages/agency';
import { AnnualReportPage } from './pages/annual-report';
import { CataloguePage } from './pages/catalogue';
import { DocumentPage } from './pages/document';
import { FeedbackPage } from './pages/feedback';
import { GuidePage, MandatoryPage, RulesPage } from './pages/guide';
import { HomePage } from './pages/home';
import { PenaltiesPage, PenaltyPage } from './pages/penalties';
import { RequestPage, RequestProgressPage } from './pages/request';
import { SearchPage } from './pages/search';
import type { Route } from './router';
import { lazyPage } from './components/lazy-page';

/** A page: rendered with its route's parameters. */
export type Page = FunctionComponent<{ params: Record<string, string> }>;

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
