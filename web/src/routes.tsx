import type { FunctionComponent } from 'preact';
import type { MessageKey } from './i18n';
import { HomePage } from './pages/home';
import type { Route } from './router';

/** A page: rendered with its route's parameters. */
export type Page = FunctionComponent<{ params: Record<string, string> }>;

/** The app's pages, first match wins. Add a page here (and to NAVIGATION to list it in the menu). */
export const ROUTES: Route<Page>[] = [
  { pattern: '/', page: HomePage },
];

/** The main navigation, in order. */
export const NAVIGATION: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'navHome' },
];
