import { OpenApiResponseValidator } from '../support/openapi-response-validator';

const spec = {
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          '200': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingDto' } } },
          },
          '400': {
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      ThingDto: {
        type: 'object',
        properties: { calls: { type: 'number' }, label: { type: 'string', nullable: true } },
        required: ['calls', 'label'],
      },
      ProblemDto: {
        type: 'object',
        properties: { status: { type: 'number' } },
        required: ['status'],
      },
    },
  },
};

describe('OpenApiResponseValidator', () => {
  const validator = new OpenApiResponseValidator(spec);
  const request = { method: 'GET', path: '/v1/things/7?x=1' };

  it('accepts a body that matches the declared schema', () => {
    expect(() =>
      validator.assertResponse(request, {
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: { calls: 1, label: null },
      }),
    ).not.toThrow();
  });

  it('rejects a renamed field', () => {
    expect(() =>
      validator.assertResponse(request, {
        status: 200,
        contentType: 'application/json',
        body: { callCount: 1, label: 'a' },
      }),
    ).toThrow(/does not match the spec/);
  });

  it('rejects an undeclared status', () => {
    expect(() =>
      validator.assertResponse(request, {
        status: 404,
        contentType: 'application/problem+json',
        body: { status: 404 },
      }),
    ).toThrow(/does not declare/);
  });

  it('rejects an undeclared content type', () => {
    expect(() =>
      validator.assertResponse(request, {
        status: 400,
        contentType: 'application/json',
        body: { status: 400 },
      }),
    ).toThrow(/not declared/);
  });
});
