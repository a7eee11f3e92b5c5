import { DuckDbStore } from '@analytics/store';
import { LatencyRepository } from './latency.repository';

export class DuckDbLatencyRepository extends LatencyRepository {
  constructor(readonly store: DuckDbStore) {
    super();
  }
}
