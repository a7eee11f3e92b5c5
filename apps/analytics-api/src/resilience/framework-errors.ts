import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Server, STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';

/**
 * Sends the errors that Fastify's router raises before any route runs (a malformed
 * percent-encoding, a path parameter over `maxParamLength`) as problem+json, like every other 4xx.
 * Without it Fastify sends its own JSON shape. Pass it as Fastify's `frameworkErrors` option.
 */
export function answerFrameworkErrorAsProblem(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status =
    error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
      ? error.statusCode
      : 400;
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path segment is too long; path parameters are at most 128 characters'
      : 'The URL is not valid: check its percent-encoding';

  void reply
    .status(status)
    .header('content-type', 'application/problem+json')
    .send({
      type: 'about:blank',
      title: status === 414 ? 'URI Too Long' : 'Bad Request',
      status,
      detail,
      instance: request.url.split('?')[0].slice(0, 512),
      requestId: String(request.id),
    });
}

/**
 * Responds with problem+json to requests that Node's HTTP parser rejects before Fastify sees them (headers or URL over
 * the 16 KiB limit, malformed request lines), then closes the connection.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.removeAllListeners('clientError');
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }

    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({
      type: 'about:blank',
      title: status === 431 ? 'Request Header Fields Too Large' : 'Bad Request',
      status,
      detail:
        status === 431
          ? 'The request line and headers exceed 16 KiB; send fewer or shorter query parameters'
          : 'The request is not valid HTTP',
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
