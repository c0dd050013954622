/**
 * A LIKE/ILIKE pattern matching values that contain `term` literally: `\`, `%` and `_` in the
 * term are escaped with `\`, Postgres' default LIKE escape character.
 */
export function containsLikePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
