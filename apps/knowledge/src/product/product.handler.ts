import { Controller } from '@nestjs/common';
import {
  ByIdDto, CreateProductDto, KnowledgeSubjects, ProductQueryDto, type Page, type ProductDto, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { ProductService } from './product.service';

@Controller()
export class ProductHandler {
  constructor(private readonly products: ProductService) {}

  @Handles(KnowledgeSubjects.createProduct, CreateProductDto)
  create(@Data() data: CreateProductDto, @Ctx() ctx: RequestContext): Promise<ProductDto> {
    return this.products.create(data, ctx);
  }

  @Handles(KnowledgeSubjects.listProducts, ProductQueryDto)
  list(@Data() data: ProductQueryDto, @Ctx() ctx: RequestContext): Promise<Page<ProductDto>> {
    return this.products.list(data, ctx);
  }

  @Handles(KnowledgeSubjects.getProduct, ByIdDto)
  get(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<ProductDto> {
    return this.products.get(data.id, ctx);
  }
}
