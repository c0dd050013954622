/**
 * The text a chunk's vector is made from. Ingestion and the backfill must agree on it, or a
 * re-embedded chunk would rank differently from a freshly ingested one.
 */
export function chunkEmbeddingText(chunk: { heading: string | null; content: string }): string {
  return chunk.heading ? `${chunk.heading}\n${chunk.content}` : chunk.content;
}
