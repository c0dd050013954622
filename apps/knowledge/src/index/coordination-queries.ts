/**
 * tsquery text over a question's words, written from lexemes that are already stemmed (so they
 * are quoted, never parsed again), and the SQL that counts how many of them a chunk holds.
 */

/** Coordination counts up to this many distinct words: three or more, then two, then one. */
export const MAX_COORDINATION = 3;

/** A lexeme as a tsquery operand: quoted, with quotes doubled and backslashes escaped. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Texts holding any of the lexemes. */
export function anyOfQuery(lexemes: string[]): string {
  return lexemes.map(quoteLexeme).join(' | ');
}

/** Texts holding every one of the lexemes. */
export function allOfQuery(lexemes: string[]): string {
  return lexemes.map(quoteLexeme).join(' & ');
}

/**
 * How many of the lexemes (a text[] parameter) `tsv` holds, capped at MAX_COORDINATION: the
 * lexemes ts_delete removes. One pass over the chunk's lexemes, where a tsquery per tier ("at
 * least 3 of", written as every 3-combination) costs several times more per row.
 */
export function coordinationSql(tsv: string, lexemesParam: string): string {
  return `least(length(${tsv}) - length(ts_delete(${tsv}, ${lexemesParam}::text[])), ${MAX_COORDINATION})`;
}
