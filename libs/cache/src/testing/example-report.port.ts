import { Clock, TenantScope } from '@analytics/common';

/** Request of the example port, shaped like the reports' requests. */
export interface ExampleRequest {
  selection: { fromMs: number; toMs: number; filters: Record<string, string[]> };
  groupBy: string[];
  limit: number;
}

/** A repository port in the form the reports use: an abstract class, tenant scope first. */
export abstract class ExampleReportPort {
  abstract totals(scope: TenantScope, request: ExampleRequest): Promise<unknown>;
  abstract rankGroups(scope: TenantScope, request: ExampleRequest): Promise<string[][]>;
  /** A method without a tenant scope, which the cache must pass through. */
  abstract describeDimension(name: string): Promise<string>;
}

/**
 * An in-memory adapter of `ExampleReportPort` that counts its calls. By default `totals`
 * returns `{ tenant, calls: limit }`; `result` replaces that result, `failure` makes every call
 * reject, and `delayMs` keeps each call pending that long.
 */
export class CountingReportAdapter extends ExampleReportPort {
  calls = 0;
  result: ((scope: TenantScope, request: ExampleRequest) => unknown) | null = null;
  failure: Error | null = null;
  delayMs = 0;

  async totals(scope: TenantScope, request: ExampleRequest): Promise<unknown> {
    await this.enter();
    return this.result
      ? this.result(scope, request)
      : { tenant: scope.tenantId, calls: request.limit };
  }

  async rankGroups(scope: TenantScope, request: ExampleRequest): Promise<string[][]> {
    await this.enter();
    return [[scope.tenantId, request.groupBy.join('+')]];
  }

  async describeDimension(name: string): Promise<string> {
    await this.enter();
    return `dimension ${name}`;
  }

  protected async enter(): Promise<void> {
    this.calls += 1;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failure) throw this.failure;
  }
}

/** A clock that stays at one instant until a test advances it. */
export class SettableClock extends Clock {
  constructor(private currentMs: number) {
    super();
  }

  override nowMs(): number {
    return this.currentMs;
  }

  advance(ms: number): void {
    this.currentMs += ms;
  }
}

/** Collects what the cache logs, so tests can count the lines. */
export class RecordingLogger {
  readonly warnings: string[] = [];
  readonly infos: string[] = [];

  log(message: string): void {
    this.infos.push(message);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }
}
