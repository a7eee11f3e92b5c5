import { ApiProperty } from '@nestjs/swagger';
import { IsInstant } from '@analytics/reports/shared';
import { MAX_GRANT_CREDITS } from '../grant-credits.use-case';
import { IsBodyText, IsWholeNumber } from './body-validators';
import { MAX_REASON_LENGTH } from './change-quota.dto';

export class GrantCreditsDto {
  @ApiProperty({
    description: 'Credits to grant.',
    type: 'integer',
    minimum: 1,
    maximum: MAX_GRANT_CREDITS,
    example: 5000,
  })
  @IsWholeNumber({ min: 1, max: MAX_GRANT_CREDITS })
  credits!: number;

  @ApiProperty({
    description: 'When the credits lapse: RFC 3339 with an offset, in the future.',
    format: 'date-time',
    example: '2026-12-31T23:59:59Z',
  })
  @IsInstant()
  expiresAt!: string;

  @ApiProperty({
    description: 'Why the credits are granted; kept in the audit trail.',
    minLength: 1,
    maxLength: MAX_REASON_LENGTH,
    example: 'Goodwill after the March outage',
  })
  @IsBodyText({ maxLength: MAX_REASON_LENGTH })
  reason!: string;
}
