import { DuckDbStore } from '@analytics/store';
import { ParametersRepository } from './parameters.repository';

export class DuckDbParametersRepository extends ParametersRepository {
  constructor(readonly store: DuckDbStore) {
    super();
  }
}
