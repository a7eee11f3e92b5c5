import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request parameters',
  401: 'Missing or invalid bearer token',
  403: 'The token lacks the tenant claim or a required role',
  404: 'Not found',
  429: 'Rate limit exceeded',
  503: 'The store is unavailable; retry later',
};

/** Declares the problem+json error responses of a controller in one place. */
export const ApiProblemResponses = (statuses: number[] = [400, 401, 403, 503]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
