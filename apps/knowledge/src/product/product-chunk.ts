import type { KnowledgeLanguage } from '@parley/contracts';
import type { ChunkInput } from '../index/chunk-store';
import type { ProductEntity } from './product.entity';

type ProductFacts = Pick<ProductEntity, 'name' | 'description' | 'category' | 'price' | 'currency' | 'sku' | 'features'>;

/** What a product says about itself in words, so full text and embeddings find it like a document passage. */
export function productChunkText(product: ProductFacts): string {
  const lines: string[] = [];
  if (product.description?.trim()) lines.push(product.description.trim());
  if (product.features.length > 0) lines.push(`Features: ${product.features.join('; ')}`);
  if (product.category) lines.push(`Category: ${product.category}`);
  if (product.price !== null) lines.push(`Price: ${product.price.toFixed(2)} ${product.currency}`);
  if (product.sku) lines.push(`SKU: ${product.sku}`);
  // The name is the heading already; it stands in for a body only when there is nothing else.
  return lines.length > 0 ? lines.join('\n') : product.name;
}

/** The one searchable chunk of a product; its vector arrives later from the embedding backfill. */
export function productChunk(product: ProductFacts & Pick<ProductEntity, 'id' | 'knowledgeBase'>, language: KnowledgeLanguage): ChunkInput {
  return {
    documentId: null, productId: product.id, sourceType: 'product', title: product.name, url: null,
    category: product.category, knowledgeBase: product.knowledgeBase, ordinal: 0, heading: product.name,
    content: productChunkText(product), page: null, language, embedding: null,
  };
}
