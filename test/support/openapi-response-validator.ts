import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Schema = Record<string, unknown>;

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * Checks responses of the running app against the committed openapi.json, status by status.
 * Object schemas are closed (no properties beyond the declared ones) so that a field renamed in
 * code but not in the spec fails, and an undeclared status or content type fails too.
 */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly spec: Spec) {
    addFormats(this.ajv);
    this.ajv.addKeyword('example');
    this.ajv.addKeyword('x-required-roles');
    this.ajv.addSchema({
      $id: 'spec',
      $defs: rewriteReferences(closeObjects(spec.components.schemas)),
    });
  }

  static fromCommittedSpec(): OpenApiResponseValidator {
    return new OpenApiResponseValidator(
      JSON.parse(readFileSync(join(process.cwd(), 'openapi.json'), 'utf8')) as Spec,
    );
  }

  /** Throws with a readable message when the response is not what the spec declares. */
  assertResponse(
    request: { method: string; path: string },
    response: { status: number; contentType: string | null; body: unknown },
  ): void {
    const pathname = request.path.split('?')[0];
    const template = Object.keys(this.spec.paths).find((candidate) =>
      matchesTemplate(candidate, pathname),
    );
    if (!template) {
      return; // Routes outside the spec (health, the dev JWKS, the spec itself).
    }

    const operation = this.spec.paths[template][request.method.toLowerCase()];
    const declared = operation?.responses[String(response.status)];
    if (!declared) {
      throw new Error(
        `${request.method} ${template} answered ${response.status}, which the spec does not declare`,
      );
    }
    if (response.status === 304 || !declared.content) {
      return;
    }

    const mediaType = (response.contentType ?? '').split(';')[0].trim();
    const schema = declared.content[mediaType]?.schema;
    if (!schema) {
      throw new Error(
        `${request.method} ${template} ${response.status} answered ${mediaType}, not declared in the spec`,
      );
    }

    const validate = this.validatorFor(
      `${template} ${request.method} ${response.status} ${mediaType}`,
      schema,
    );
    if (!validate(response.body)) {
      throw new Error(
        `${request.method} ${request.path} ${response.status} does not match the spec: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`,
      );
    }
  }

  private validatorFor(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewriteReferences(closeObjects(schema)));
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function matchesTemplate(template: string, pathname: string): boolean {
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(pathname);
}

/** Points `#/components/schemas/...` references at the component schemas registered as `spec`. */
function rewriteReferences<T>(node: T): T {
  return JSON.parse(
    JSON.stringify(node).replace(/"#\/components\/schemas\//g, '"spec#/$defs/'),
  ) as T;
}

function closeObjects<T>(node: T): T {
  if (Array.isArray(node)) {
    return node.map(closeObjects) as T;
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }

  const entries = Object.entries(node as Record<string, unknown>).map(([key, value]) => [
    key,
    closeObjects(value),
  ]);
  const record = Object.fromEntries(entries) as Record<string, unknown>;
  if (record.type === 'object' && record.properties && record.additionalProperties === undefined) {
    record.additionalProperties = false;
  }
  return record as T;
}
