import type { ComponentChildren } from 'preact';
import { Link } from '../components/link';
import { useI18n } from '../i18n';
import { hasRole, useSession, type StaffSession } from './session';

/** The text of a role claim (`disclosure-officer` → 角色名). */
export function useRoleLabel(): (role: string) => string {
  const { label } = useI18n();
  return (role) => label('role', role.replace(/-/g, '_'));
}

/**
 * A staff page's content for a session holding one of `roles`; otherwise a pointer to the
 * sign-in page (the deployments refuse the operations anyway: this only spares a page of errors).
 */
export function RequireRole(props: { roles: string[]; children: (session: StaffSession) => ComponentChildren }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const roleLabel = useRoleLabel();
  if (!session) return <p role="status">{t('signInFirst')} <Link href="/staff">{t('signInLink')}</Link></p>;
  if (!hasRole(session, ...props.roles)) {
    return <p role="status">{t('needRole', { roles: props.roles.map(roleLabel).join(lang === 'zh' ? '、' : ', ') })} <Link href="/staff">{t('signInLink')}</Link></p>;
  }
  return <>{props.children(session)}</>;
}
