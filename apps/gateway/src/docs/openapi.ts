import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import * as contracts from '@parley/contracts';

const REF_PREFIX = '#/components/schemas/';

/**
 * OpenAPI at /docs and /docs-json. Request DTOs live in contracts with class-validator
 * only, so their schemas come from the validation metadata: the docs say what is enforced.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Parley API')
    .setDescription('The public API of Parley, the open AI call-center platform. Errors use one format: {error: {code, message, details}, status_code, request_id, timestamp}.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas: Record<string, object> = {
    ...(document.components?.schemas ?? {}),
    ...(validationMetadatasToSchemas({ refPointerPrefix: REF_PREFIX }) as Record<string, object>),
    ...inheritedSchemas(),
  };
  document.components = { ...document.components, schemas };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}

/**
 * Contract classes that only extend another (`class CreateLeadDto extends LeadFieldsDto {}`,
 * `PartialType(...)` subclasses) have no validation metadata of their own, so the generator
 * above skips them; build theirs from the whole prototype chain.
 */
function inheritedSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [name, value] of Object.entries(contracts)) {
    if (typeof value !== 'function' || !/Dto$|Request$/.test(name)) continue;
    const schema = targetConstructorToSchema(value as new () => object, { refPointerPrefix: REF_PREFIX }) as { properties?: object };
    if (schema.properties && Object.keys(schema.properties).length > 0) out[name] = schema;
  }
  return out;
}
