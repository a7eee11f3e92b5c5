import { ApiProperty } from '@nestjs/swagger';

export class ProblemIssueDto {
  @ApiProperty({
    description: 'The query parameter, header or field at fault.',
    example: 'granularity',
  })
  parameter!: string;

  @ApiProperty({
    description: 'What is wrong and what to send instead.',
    example: 'must be one of: hour, day, week, month',
  })
  detail!: string;
}

/** RFC 9457 problem details, the body of every error response (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({
    description: 'URI reference that identifies the problem type.',
    example: '/problems/invalid-parameter',
  })
  type!: string;

  @ApiProperty({ example: 'Invalid request parameter' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({
    example: 'Invalid value for "granularity": must be one of: hour, day, week, month',
  })
  detail!: string;

  @ApiProperty({ description: 'The request path.', example: '/v1/usage/volume' })
  instance!: string;

  @ApiProperty({
    description: 'Correlation id of the request, as in the X-Request-Id response header.',
  })
  requestId!: string;

  @ApiProperty({ type: [ProblemIssueDto], required: false })
  errors?: ProblemIssueDto[];
}
