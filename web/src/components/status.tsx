import type { ComponentChildren } from 'preact';
import { otherErrors, type QueryState } from '../api/client';
import { useI18n } from '../i18n';
import { AgencyBanner } from './agency-banner';

/**
 * A query's outcome around its content: the availability banner (the content still shows), a
 * loading line, a failure, the answer's own errors (bilingual from the API), or `children`.
 */
export function QueryView<T>(props: { state: QueryState<T>; children: (data: T) => ComponentChildren }) {
  const { t } = useI18n();
  const { state } = props;
  const errors = otherErrors(state.errors);
  return (
    <>
      <AgencyBanner errors={state.errors} />
      {state.loading && !state.data ? <p role="status" class="muted">{t('loading')}</p>
        : state.failed ? <p role="alert" class="error">{t('loadFailed')}</p>
        : (
          <>
            {errors.length > 0 && !state.data && <div role="alert" class="error">{errors.map((e) => <p key={e.message}>{e.message}</p>)}</div>}
            {state.data && props.children(state.data)}
          </>
        )}
    </>
  );
}
