import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import type { Page } from '../routes';

/**
 * A page whose module is fetched the first time it is shown (its own chunk), so the first page
 * does not carry the other pages' code; a loading line stands in meanwhile.
 */
export function lazyPage(load: () => Promise<Page>): Page {
  let loaded: Page | undefined;
  return function LazyPage(props) {
    const { t } = useI18n();
    const [Loaded, setLoaded] = useState<Page | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Loaded) return;
      load().then((page) => {
        loaded = page;
        setLoaded(() => page);
      }, () => setFailed(true));
    }, []);
    if (failed) return <p role="alert" class="error">{t('loadFailed')}</p>;
    return Loaded ? <Loaded {...props} /> : <p role="status" class="muted">{t('loading')}</p>;
  };
}
