import { FastifyInstance } from 'fastify';

/** Methods whose request body the API reads. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** `application/json` or a `+json` type, with or without parameters such as `charset`. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Rejects with 415 a request whose body has another media type than JSON. Fastify also parses
 * `text/plain`, and Nest adds form bodies. Every body the API takes is JSON, so a body sent as text
 * or a form would otherwise reach validation as a string or flat fields and fail with a
 * misleading message. Register it in `createApp`.
 */
export function requireJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!BODY_METHODS.has(request.method) || !hasBody(request.headers)) {
      return;
    }
    const contentType = request.headers['content-type'] ?? '';
    if (JSON_MEDIA_TYPE.test(contentType)) {
      return;
    }

    await reply
      .status(415)
      .header('content-type', 'application/problem+json')
      .send({
        type: 'about:blank',
        title: 'Unsupported Media Type',
        status: 415,
        detail: `The body must be JSON with Content-Type: application/json, got "${contentType.slice(0, 100) || 'no Content-Type'}"`,
        instance: request.url.split('?')[0].slice(0, 512),
        requestId: String(request.id),
      });
  });
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}
