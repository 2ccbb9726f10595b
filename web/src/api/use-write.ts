import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

/** One form's write as the page shows it: busy while it runs, and why it failed, if it did. */
export interface Write {
  busy: boolean;
  error: string | null;
  /**
   * Runs `write`, which answers why it did not go through (the API's words, see writeFailure) or
   * null; no answer at all (the network) is the page's "could not load". @returns true when it went through.
   */
  run(write: () => Promise<string | null>): Promise<boolean>;
}

/** The busy and error state every write form of the staff pages keeps, and the one way it is run. */
export function useWrite(): Write {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (write: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      const problem = await write();
      setError(problem);
      return problem === null;
    } catch {
      setError(t('loadFailed'));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
