import { chunkFilterPredicate, chunkFiltersOf, chunkFilterSql } from '../chunk-filters';

describe('chunk filters', () => {
  it('maps the search filters, lower-casing categories and ignoring empty lists', () => {
    expect(chunkFiltersOf({ category: ['Billing'], type: [], knowledge_base: ['sales'] })).toEqual({
      categories: ['billing'], sourceTypes: undefined, knowledgeBases: ['sales'],
    });
    expect(chunkFiltersOf(undefined)).toEqual({ categories: undefined, sourceTypes: undefined, knowledgeBases: undefined });
  });

  it('builds numbered SQL conditions for the filters present', () => {
    expect(chunkFilterSql({ categories: ['billing'], knowledgeBases: ['sales', 'support'] }, 'c', 4)).toEqual({
      sql: 'AND lower(c.category) = ANY($4::text[]) AND c.knowledge_base = ANY($5::text[])',
      params: [['billing'], ['sales', 'support']],
    });
    expect(chunkFilterSql({}, 'c', 1)).toEqual({ sql: '', params: [] });
  });

  it('applies the same conditions to in-memory rows', () => {
    expect(chunkFilterPredicate({})).toBeNull();
    const accept = chunkFilterPredicate({ categories: ['billing'], sourceTypes: ['faq', 'pdf'] })!;
    expect(accept('billing', 'faq', 'default')).toBe(true);
    expect(accept('billing', 'product', 'default')).toBe(false);
    expect(accept(null, 'faq', 'default')).toBe(false);
  });
});
