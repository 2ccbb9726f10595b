import { useAgencies } from '../api/agencies';
import { agencyNotices, type GraphQLErrorShape } from '../api/client';
import { useI18n } from '../i18n';

/**
 * Names the agencies an answer could not include (AGENCY_UNAVAILABLE) or may show out of date
 * (CATALOGUE_STALE), by name from the directory (by code when the directory cannot say), so the
 * reader knows what is missing while the rest of the page works. Renders nothing otherwise.
 */
export function AgencyBanner(props: { errors: GraphQLErrorShape[] }) {
  const { t, lang } = useI18n();
  const agencies = useAgencies();
  const { unavailable, stale } = agencyNotices(props.errors);
  if (unavailable.length + stale.length === 0) return null;
  const names = new Map(agencies.map((a) => [a.code, a.name]));
  const list = (codes: string[]) => codes.map((code) => (names.has(code) ? `${names.get(code)}（${code}）` : code)).join(lang === 'zh' ? '、' : ', ');
  return (
    <div class="banner" role="status" data-testid="agency-banner">
      {unavailable.length > 0 && <p>{t('bannerUnavailable', { agencies: list(unavailable) })}</p>}
      {stale.length > 0 && <p>{t('bannerStale', { agencies: list(stale) })}</p>}
    </div>
  );
}
