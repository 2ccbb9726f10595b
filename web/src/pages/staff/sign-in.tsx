import { useState } from 'preact/hooks';
import { useRoleLabel } from '../../auth/require-role';
import { signIn, signOut, useSession } from '../../auth/session';
import { Link } from '../../components/link';
import { useI18n, type MessageKey } from '../../i18n';

/** The staff pages and the roles that open them, in the order a signed-in user sees them. */
const STAFF_PAGES: { href: string; label: MessageKey; roles: string[] }[] = [
  { href: '/coordinator', label: 'coordinatorTitle', roles: ['coordinator'] },
  { href: '/supervision', label: 'supervisionTitle', roles: ['supervisor', 'coordinator'] },
  { href: '/staff/documents', label: 'editorTitle', roles: ['editor', 'reviewer', 'admin'] },
  { href: '/staff/requests', label: 'requestsTitle', roles: ['disclosure-officer', 'admin'] },
];

/**
 * Staff sign-in for development: paste a token from `npm run token`; the page shows who it names
 * (its claims) and links to that role's pages. Production signs in through the provincial
 * identity provider instead (docs/security.md, "Staff sign-in").
 */
export function StaffSignInPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const roleLabel = useRoleLabel();
  const [error, setError] = useState<MessageKey | null>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setError(signIn(String(form.get('token') ?? '')));
  };

  return (
    <>
      <h1>{t('staffTitle')}</h1>
      <p class="intro">{t('staffIntro')}</p>
      {session ? (
        <section aria-labelledby="session-heading">
          <h2 id="session-heading">{t('signedInAs', { sub: session.sub })}</h2>
          <dl class="fields" data-testid="session">
            <div><dt>{t('sessionRoles')}</dt><dd>{session.roles.map(roleLabel).join(lang === 'zh' ? '、' : ', ')}</dd></div>
            <div><dt>{t('sessionAgency')}</dt><dd>{session.agency ?? t('provinceWide')}</dd></div>
            <div><dt>{t('sessionExpires')}</dt><dd>{session.expiresAt ? new Date(session.expiresAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' }) : '—'}</dd></div>
          </dl>
          <h2>{t('yourPages')}</h2>
          <ul>
            {STAFF_PAGES.filter((p) => p.roles.some((r) => session.roles.includes(r))).map((p) => <li key={p.href}><Link href={p.href}>{t(p.label)}</Link></li>)}
          </ul>
          <button type="button" onClick={signOut}>{t('signOut')}</button>
        </section>
      ) : (
        <form class="form" onSubmit={submit}>
          <div class="field">
            <label for="staff-token">{t('tokenLabel')}</label>
            <textarea id="staff-token" name="token" rows={4} required aria-describedby="staff-token-hint" aria-invalid={error ? 'true' : undefined} spellcheck={false} autoComplete="off" />
            <p id="staff-token-hint" class="hint">{t('tokenHint')}</p>
          </div>
          {error && <p class="error" role="alert">{t(error)}</p>}
          <button type="submit">{t('signIn')}</button>
        </form>
      )}
    </>
  );
}
