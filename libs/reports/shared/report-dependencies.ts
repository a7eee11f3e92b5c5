import { Injectable } from '@nestjs/common';
import { Clock, CursorCodec } from '@analytics/common';
import { FreshnessPolicy } from './freshness-policy';

/** What every report use case needs besides its repository. */
@Injectable()
export class ReportDependencies {
  constructor(
    readonly clock: Clock,
    readonly cursorCodec: CursorCodec,
    readonly freshness: FreshnessPolicy,
  ) {}
}
