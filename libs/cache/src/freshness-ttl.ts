import { Clock } from '@analytics/common';

/** A freshness rule such as the reports' `FreshnessPolicy`: the TTL of a window ending at `toMs`. */
export interface FreshnessRule {
  ttlMs(window: { toMs: number }, nowMs: number): number;
}

/** Time-to-live of a call's result in milliseconds, from the call's arguments after the tenant scope. */
export type TtlFunction = (args: readonly unknown[]) => number;

/**
 * Finds the end of the time window a call reads: the largest `selection.toMs` or `toMs` found in the
 * arguments' top-level objects, or undefined when none has one.
 */
export function windowEndMs(args: readonly unknown[]): number | undefined {
  let end: number | undefined;
  for (const argument of args) {
    const candidate = readWindowEnd(argument);
    if (candidate !== undefined && (end === undefined || candidate > end)) end = candidate;
  }
  return end;
}

/**
 * Builds a TTL function from a freshness rule and the clock, using the window end found by `windowEndMs`. A call
 * without a window end gets the rule's TTL for a window that ends in the future, which is the
 * short one, because nothing shows that its result has settled.
 */
export function freshnessTtl(rule: FreshnessRule, clock: Clock): TtlFunction {
  return (args) =>
    rule.ttlMs({ toMs: windowEndMs(args) ?? Number.POSITIVE_INFINITY }, clock.nowMs());
}

function readWindowEnd(argument: unknown): number | undefined {
  if (!isRecord(argument)) return undefined;

  const selection = argument.selection;
  if (isRecord(selection) && isFiniteNumber(selection.toMs)) return selection.toMs;
  if (isFiniteNumber(argument.toMs)) return argument.toMs;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
