import { useEffect, useRef } from 'preact/hooks';
import { Link } from './components/link';
import { setLang, useI18n } from './i18n';
import { match, useLocation } from './router';
import { NAVIGATION, ROUTES } from './routes';

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('notFound')}</h1>
      <p><Link href="/">{t('backHome')}</Link></p>
    </>
  );
}

/** The layout shell: skip link, header with the language switch, navigation, the routed page, footer. */
export function App() {
  const { t, lang } = useI18n();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const found = match(ROUTES, location.path);
  const first = useRef(true);
  useEffect(() => {
    // After an in-app navigation, focus goes to the new page (as a page load would put it at the top).
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [location.path, location.query.toString()]);
  const Page = found?.page ?? NotFound;
  const current = (href: string) => (href === '/' ? location.path === '/' : location.path.startsWith(href));
  return (
    <>
      <a class="skip-link" href="#main">{t('skipToContent')}</a>
      <header class="site-header">
        <div class="wrap header-row">
          <Link href="/" class="brand">
            <span class="emblem" aria-hidden="true">政</span>
            <span><strong>{t('siteTitle')}</strong><small>{t('siteSubtitle')}</small></span>
          </Link>
          <button type="button" class="lang-switch" lang={lang === 'zh' ? 'en' : 'zh-CN'} aria-label={t('switchLanguageLabel')} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('switchLanguage')}
          </button>
        </div>
        <nav aria-label={t('mainNav')} class="site-nav">
          <ul class="wrap">
            {NAVIGATION.map((item) => (
              <li key={item.href}><Link href={item.href} aria-current={current(item.href) ? 'page' : undefined}>{t(item.label)}</Link></li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} class="wrap">
        <Page params={found?.params ?? {}} />
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>{t('footerNote')}</p>
          <p><a href="/graphql">{t('footerApi')}</a></p>
        </div>
      </footer>
    </>
  );
}
