import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

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
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' });
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...(schemas as object) } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
