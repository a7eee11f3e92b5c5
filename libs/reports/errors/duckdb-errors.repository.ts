import { DuckDbStore } from '@analytics/store';
import { ErrorsRepository } from './errors.repository';

export class DuckDbErrorsRepository extends ErrorsRepository {
  constructor(readonly store: DuckDbStore) {
    super();
  }
}
