import { Module } from '@nestjs/common';
import { IndexModule } from '../index/index.module';
import { ProductHandler } from './product.handler';
import { ProductService } from './product.service';

/** The product catalog, indexed for search like documents. */
@Module({ imports: [IndexModule], controllers: [ProductHandler], providers: [ProductService] })
export class ProductModule {}
