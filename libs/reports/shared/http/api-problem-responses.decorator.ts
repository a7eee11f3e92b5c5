import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request parameters',
  401: 'Missing or invalid bearer token',
  403: 'The token lacks the tenant claim or a required role',
  404: 'Not found',
  409: 'Conflict',
  412: 'The If-Match ETag is stale; read the resource again',
  422: 'The request cannot be processed as sent',
  428: 'The request needs a precondition header',
  429: 'Rate limit exceeded; retry after the Retry-After seconds',
  503: 'The store is unavailable; retry later, after the Retry-After seconds when sent',
  504: 'The store did not answer within the request deadline',
};

/** The Retry-After header of the statuses that send one. */
const RETRY_AFTER: Record<number, { description: string; schema: { type: 'integer' } }> = {
  429: { description: 'Seconds until the limit resets', schema: { type: 'integer' } },
  503: {
    description: 'Seconds to wait before a retry; sent when the store is throttled or briefly down',
    schema: { type: 'integer' },
  },
};

/** Statuses every authenticated route can return, whatever the controller adds. */
const ALWAYS = [401, 403, 429, 503, 504];

/**
 * Declares the problem+json error responses of a controller in one place: the statuses given
 * (default 400) plus those every authenticated route can return.
 */
export const ApiProblemResponses = (statuses: number[] = [400]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...new Set([...statuses, ...ALWAYS])]
      .sort((left, right) => left - right)
      .map((status) =>
        ApiResponse({
          status,
          description: DESCRIPTIONS[status] ?? 'Error',
          content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
          ...(RETRY_AFTER[status] ? { headers: { 'Retry-After': RETRY_AFTER[status] } } : {}),
        }),
      ),
  );

/** Declares the 304 that a report returns when `If-None-Match` carries its current ETag. */
export const ApiNotModifiedResponse = () =>
  ApiResponse({
    status: 304,
    description: 'Not modified: the If-None-Match ETag is still current; the body is empty',
  });
