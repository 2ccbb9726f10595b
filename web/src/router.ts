import { useEffect, useState } from 'preact/hooks';

/** Where the app is: the path and the query string's parameters. */
export interface Location {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

function read(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

/** Goes to an app URL without reloading; the page's focus moves to the main content (for screen readers). */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

/** The current location; renders again on navigation. */
export function useLocation(): Location {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return location;
}

/** A route: a path pattern with `:name` parameters. */
export interface Route<P> {
  pattern: string;
  page: P;
}

/** The first route matching `path`, with its parameters (decoded). */
export function match<P>(routes: Route<P>[], path: string): { page: P; params: Record<string, string> } | undefined {
  const parts = path.replace(/\/+$/, '').split('/');
  for (const route of routes) {
    const pattern = route.pattern.replace(/\/+$/, '').split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (pattern.every((segment, i) => (segment.startsWith(':') ? ((params[segment.slice(1)] = decodeURIComponent(parts[i])), parts[i] !== '') : segment === parts[i]))) {
      return { page: route.page, params };
    }
  }
  return undefined;
}

/** Handles a click on an in-app link: navigates unless a modifier asks for a new tab or window. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.currentTarget as HTMLAnchorElement);
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || anchor.target) return;
  event.preventDefault();
  navigate(anchor.getAttribute('href')!);
}
