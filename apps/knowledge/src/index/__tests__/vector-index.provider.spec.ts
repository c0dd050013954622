import { chooseVectorIndex } from '../vector-index.provider';

describe('chooseVectorIndex', () => {
  it('auto uses pgvector where the column exists, the portable index elsewhere', () => {
    expect(chooseVectorIndex('auto', true)).toBe('pgvector');
    expect(chooseVectorIndex('auto', false)).toBe('portable');
  });

  it('portable is always portable', () => {
    expect(chooseVectorIndex('portable', true)).toBe('portable');
    expect(chooseVectorIndex('portable', false)).toBe('portable');
  });

  it('refuses pgvector, with what to do, where the database has no pgvector column', () => {
    expect(chooseVectorIndex('pgvector', true)).toBe('pgvector');
    expect(() => chooseVectorIndex('pgvector', false)).toThrow(/VECTOR_INDEX=pgvector.*no embedding_vector column.*VECTOR_INDEX=auto or portable/);
  });

  it('refuses an unknown setting', () => {
    expect(() => chooseVectorIndex('faiss', true)).toThrow(/auto, pgvector or portable/);
  });
});
