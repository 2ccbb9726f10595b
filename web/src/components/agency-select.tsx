import { useAgencies } from '../api/agencies';
import { useI18n, type MessageKey } from '../i18n';

/** A labelled select of the directory's agencies; `allLabel` adds a first "all / province" option with the empty value. */
export function AgencySelect(props: { id: string; label: MessageKey; value: string; onChange: (code: string) => void; allLabel?: MessageKey; required?: boolean; name?: string }) {
  const { t } = useI18n();
  const agencies = useAgencies();
  return (
    <div class="field">
      <label for={props.id}>{t(props.label)}</label>
      <select id={props.id} name={props.name ?? props.id} value={props.value} required={props.required} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
        {props.allLabel ? <option value="">{t(props.allLabel)}</option> : <option value="" disabled>{t('chooseAgency')}</option>}
        {agencies.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
      </select>
    </div>
  );
}
