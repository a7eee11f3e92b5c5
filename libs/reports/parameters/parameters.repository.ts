import { TenantScope } from '@analytics/common';
import {
  ParameterCallCounts,
  ParameterSelection,
  ParameterUsageCounts,
  ParameterValueCounts,
} from './parameters.types';

/** Port of the parameters report; an abstract class so that it is its own injection token. */
export abstract class ParametersRepository {
  /** Counts calls per parameter name and per request shape, keeping the `top` of each. */
  abstract usage(
    scope: TenantScope,
    request: { selection: ParameterSelection; top: number },
  ): Promise<ParameterUsageCounts>;

  /** Counts calls per value of the parameter `name` (matched exactly), keeping the `top` values. */
  abstract values(
    scope: TenantScope,
    request: { selection: ParameterSelection; name: string; top: number },
  ): Promise<ParameterValueCounts>;

  /** Counts the calls that carried the parameter `name` without reading its values. */
  abstract calls(
    scope: TenantScope,
    request: { selection: ParameterSelection; name: string },
  ): Promise<ParameterCallCounts>;
}
