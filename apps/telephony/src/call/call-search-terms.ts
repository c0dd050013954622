import { containsLikePattern } from '@parley/platform';

const PHONE_LIKE = /^[\d\s()+.-]+$/;

/**
 * LIKE patterns a call search matches against lower(from | to | summary). Numbers are stored in
 * E.164, so a number typed with spaces, dashes or parentheses is also matched by its digits alone.
 */
export function callSearchPatterns(search: string | undefined): string[] {
  const term = search?.trim().toLowerCase();
  if (!term) return [];
  const patterns = [containsLikePattern(term)];
  const digits = term.replace(/\D/g, '');
  if (PHONE_LIKE.test(term) && digits.length >= 3 && digits !== term) patterns.push(containsLikePattern(digits));
  return patterns;
}
