import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_KNOWLEDGE_BASE, MAX_SEARCH_LIMIT, pageOf, pageWindow,
  type CreateProductDto, type Page, type ProductDto, type ProductQueryDto, type RequestContext,
} from '@parley/contracts';
import { ConflictException, isUniqueViolation, TenantDb } from '@parley/platform';
import { In } from 'typeorm';
import { ChunkStore } from '../index/chunk-store';
import { EmbeddingBackfill } from '../index/embedding-backfill';
import { KnowledgeSearch } from '../index/knowledge-search';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { productChunk } from './product-chunk';
import { ProductEntity } from './product.entity';
import { toProductDto } from './product.mapper';

/** The product catalog; each product is one searchable chunk, found by search like documents. */
@Injectable()
export class ProductService {
  constructor(
    private readonly db: TenantDb,
    private readonly chunks: ChunkStore,
    private readonly search: KnowledgeSearch,
    private readonly backfill: EmbeddingBackfill,
    @Inject(KNOWLEDGE_CONFIG) private readonly config: KnowledgeConfig,
  ) {}

  /** Stores the product and its chunk together; a sku the tenant already uses is a 409. */
  async create(dto: CreateProductDto, ctx: RequestContext): Promise<ProductDto> {
    let product: ProductEntity;
    try {
      product = await this.db.transaction(ctx, async (uow) => {
        const products = uow.repo(ProductEntity);
        const saved = await products.insert({
          name: dto.name, description: dto.description ?? null, category: dto.category ?? null, price: dto.price ?? null,
          ...(dto.currency ? { currency: dto.currency } : {}), sku: dto.sku ?? null, features: dto.features ?? [],
          metadata: dto.metadata ?? {}, knowledgeBase: dto.knowledge_base ?? DEFAULT_KNOWLEDGE_BASE,
        });
        await this.chunks.insert(uow.manager, products.tenantId, [productChunk(saved, this.config.KNOWLEDGE_DEFAULT_LANGUAGE)], null);
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'products_tenant_sku')) {
        const message = `a product with sku ${dto.sku} already exists`;
        throw new ConflictException(message, { fields: { sku: [message] } });
      }
      throw error;
    }
    // The chunk is searchable by its words at once; its vector follows from the backfill.
    this.backfill.nudge();
    return toProductDto(product);
  }

  async get(id: string, ctx: RequestContext): Promise<ProductDto> {
    return toProductDto(await this.db.repo(ctx, ProductEntity).get({ id }));
  }

  /**
   * With `query`: ranked by relevance through knowledge search (the best MAX_SEARCH_LIMIT matches,
   * paged); without: newest first.
   */
  async list(query: ProductQueryDto, ctx: RequestContext): Promise<Page<ProductDto>> {
    const paging = { ...query, per_page: query.per_page ?? query.limit };
    return query.query ? this.ranked(query.query, query.category, paging, ctx) : this.newest(query.category, paging, ctx);
  }

  private async newest(category: string | undefined, paging: ProductQueryDto, ctx: RequestContext): Promise<Page<ProductDto>> {
    const qb = this.db.repo(ctx, ProductEntity).query('p');
    // Categories match regardless of case, as in search.
    if (category) qb.andWhere('lower(p.category) = lower(:category)', { category });
    const { skip, take } = pageWindow(paging);
    const [rows, total] = await qb.orderBy('p.createdAt', 'DESC').addOrderBy('p.id').skip(skip).take(take).getManyAndCount();
    return pageOf(rows.map(toProductDto), total, paging);
  }

  private async ranked(text: string, category: string | undefined, paging: ProductQueryDto, ctx: RequestContext): Promise<Page<ProductDto>> {
    const products = this.db.repo(ctx, ProductEntity);
    const result = await this.search.search(products.tenantId, {
      query: text, filters: { type: ['product'], category: category ? [category] : undefined }, limit: MAX_SEARCH_LIMIT,
    });
    const ranked = [...new Set(result.hits.flatMap((hit) => (hit.source.product_id ? [hit.source.product_id] : [])))];
    const { skip, take } = pageWindow(paging);
    const ids = ranked.slice(skip, skip + take);
    const rows = ids.length > 0 ? await products.find({ where: { id: In(ids) } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const page = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toProductDto(row)] : [];
    });
    return pageOf(page, ranked.length, paging);
  }
}
