import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength,
} from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { KNOWLEDGE_BASE_MESSAGE, KNOWLEDGE_BASE_NAME } from './document.dto';

export class CreateProductDto {
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @IsOptional() @IsString() @MaxLength(20_000)
  description?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  category?: string;

  @IsOptional() @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0) @Max(1_000_000_000)
  price?: number;

  /** ISO 4217 code. */
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as USD' })
  currency?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  sku?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(500, { each: true })
  features?: string[];

  @IsOptional() @IsObject()
  metadata?: Record<string, unknown>;

  @IsOptional() @Matches(KNOWLEDGE_BASE_NAME, { message: KNOWLEDGE_BASE_MESSAGE })
  knowledge_base?: string;
}

export interface ProductDto {
  id: string;
  name: string;
  description: string | null;
  category: string | null;
  price: number | null;
  currency: string;
  sku: string | null;
  features: string[];
  metadata: Record<string, unknown>;
  knowledge_base: string;
  created_at: string;
  updated_at: string;
}

/** `GET /knowledge/products?query=&category=&limit=`: `query` ranks by relevance, otherwise newest first. */
export class ProductQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(500)
  query?: string;

  @IsOptional() @IsString() @MaxLength(100)
  category?: string;

  /** Same as per_page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
