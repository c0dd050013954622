/** Where a valid row goes: the group (the line of its first row) it merges into. */
export interface RowGroup {
  group: number;
  /** False when the row's phone already belongs to another group: the phone is not copied. */
  keepPhone: boolean;
}

/**
 * Groups the rows of one file that are the same lead: a row whose email (case-insensitive) or
 * phone was seen on an earlier row joins that row's group. Email wins over phone: a row whose
 * email matches group A and whose phone matches group B joins A without the phone, so two leads
 * never end up holding the same phone. Only keys are kept in memory, never the rows.
 */
export class ImportRowGrouper {
  private readonly byEmail = new Map<string, number>();
  private readonly byPhone = new Map<string, number>();
  private readonly grouped = new Set<number>();

  /** `line` identifies the row; keys come from `dedupeKeys`. */
  assign(line: number, keys: { email: string | null; phone: string | null }): RowGroup {
    const group = (keys.email !== null ? this.byEmail.get(keys.email) : undefined)
      ?? (keys.phone !== null ? this.byPhone.get(keys.phone) : undefined)
      ?? line;
    if (keys.email !== null && !this.byEmail.has(keys.email)) this.byEmail.set(keys.email, group);
    let keepPhone = true;
    if (keys.phone !== null) {
      const owner = this.byPhone.get(keys.phone);
      if (owner === undefined) this.byPhone.set(keys.phone, group);
      else if (owner !== group) keepPhone = false;
    }
    if (group !== line) this.grouped.add(group);
    return { group, keepPhone };
  }

  /** Rows that later rows merged into (their groups need collapsing). */
  get mergedGroups(): number {
    return this.grouped.size;
  }
}
