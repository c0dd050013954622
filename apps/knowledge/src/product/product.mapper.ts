import type { ProductDto } from '@parley/contracts';
import type { ProductEntity } from './product.entity';

export function toProductDto(product: ProductEntity): ProductDto {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    category: product.category,
    price: product.price,
    currency: product.currency,
    sku: product.sku,
    features: product.features,
    metadata: product.metadata,
    knowledge_base: product.knowledgeBase,
    created_at: product.createdAt.toISOString(),
    updated_at: product.updatedAt.toISOString(),
  };
}
