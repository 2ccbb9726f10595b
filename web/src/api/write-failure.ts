import { otherErrors, type Answer } from './client';

/**
 * Why a write did not go through — the API's own (bilingual) messages — or null when it did. A
 * refused mutation answers `data` with its field null beside the error, so the errors decide.
 */
export function writeFailure(answer: Answer<unknown>): string | null {
  const errors = otherErrors(answer.errors);
  if (errors.length > 0) return errors.map((e) => e.message).join(' ');
  return answer.data ? null : '—';
}
