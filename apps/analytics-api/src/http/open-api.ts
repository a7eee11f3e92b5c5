import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Builds the OpenAPI document from the controllers and DTOs, in the form clients are generated from. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Usage Analytics API')
    .setDescription(
      'Usage reports of the developer portal, per tenant: call volume, response-time percentiles, error breakdowns, ' +
        'query-parameter usage and quotas. Every route under /v1 needs a bearer JWT from the portal SSO; the tenant ' +
        'comes from the token. Errors are RFC 9457 problem+json. Versioning: the /v1 prefix changes only additively; ' +
        'a field or route to be removed is first marked deprecated and answered with a Deprecation header.',
    )
    .setVersion('1.0.0')
    // A relative server: clients and the /docs UI call whatever host and port served the spec.
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();

  return unwrapSingleReferences(SwaggerModule.createDocument(app, config));
}

/** Serves the spec at /openapi.json and its UI at /docs; both are public. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}

/**
 * @nestjs/swagger writes a property that has both a `$ref` and a description as
 * `{ allOf: [{ $ref }], description }`, which several client generators turn into needless
 * intersection types. This keeps the plain `$ref`; the referenced schema carries the description.
 */
function unwrapSingleReferences<T>(node: T): T {
  if (Array.isArray(node)) {
    return node.map(unwrapSingleReferences) as T;
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }

  const record = node as Record<string, unknown>;
  const allOf = record.allOf;
  if (
    Array.isArray(allOf) &&
    allOf.length === 1 &&
    typeof allOf[0] === 'object' &&
    allOf[0] !== null &&
    '$ref' in allOf[0]
  ) {
    return { $ref: (allOf[0] as { $ref: string }).$ref } as T;
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, unwrapSingleReferences(value)]),
  ) as T;
}
