import { Clock, CursorCodec, Granularity, TenantScope } from '@analytics/common';
import { FreshnessPolicy } from './freshness-policy';
import { pageOf } from './group-paging';
import {
  GroupedReport,
  GroupedSelection,
  GroupRankRequest,
  GroupSeriesRequest,
  OTHER_GROUP,
  ReportGroup,
  SeriesRow,
} from './grouped-report.types';
import { ReportWindow, resolveWindow } from './report-window';

/** Methods a report's repository port offers to the runner. */
export interface GroupedReportSource<D extends string, O extends string, M> {
  rankGroups(scope: TenantScope, request: GroupRankRequest<D, O>): Promise<string[][]>;
  series(scope: TenantScope, request: GroupSeriesRequest<D>): Promise<SeriesRow<M>[]>;
}

/** A report request after validation, in domain terms. */
export interface GroupedReportQuery<D extends string, O extends string> {
  report: string;
  fromMs: number;
  toMs: number;
  granularity: Granularity;
  timeZone: string;
  filters: Partial<Record<D, string[]>>;
  groupBy: D[];
  order: O;
  /** Groups ranked before the rest is merged into "(other)". */
  top: number;
  /** Groups per page. */
  limit: number;
  cursor?: string;
  /** Values that change the result beyond the common ones (percentiles, minimum calls…). */
  extra?: Record<string, unknown>;
}

export interface GroupedReportDependencies<M> {
  clock: Clock;
  cursorCodec: CursorCodec;
  freshness: FreshnessPolicy;
  /** The measures of a bucket or group without events. */
  empty: () => M;
}

const OTHER_MARK = Symbol('other group');
type PageItem = string[] | typeof OTHER_MARK;

/**
 * Builds a grouped, bucketed, paginated report: ranks the groups, keeps the top N and merges the
 * rest into "(other)", pages through them with a signed cursor, reads the page's series and
 * fills buckets without events with empty measures. Totals and the "(other)" group come from
 * the store, computed over the underlying events, so non-additive measures such as
 * percentiles stay correct.
 */
export async function runGroupedReport<D extends string, O extends string, M>(
  source: GroupedReportSource<D, O, M>,
  scope: TenantScope,
  query: GroupedReportQuery<D, O>,
  dependencies: GroupedReportDependencies<M>,
): Promise<GroupedReport<M>> {
  const nowMs = dependencies.clock.nowMs();
  const window = resolveWindow({ ...query, nowMs });
  const selection: GroupedSelection<D> = {
    fromMs: query.fromMs,
    toMs: query.toMs,
    filters: query.filters,
  };

  const ranked = await rankWithOther(source, scope, query, selection);
  const binding = CursorCodec.bindingOf([
    scope.tenantId,
    { ...query, cursor: undefined, limit: undefined },
  ]);
  const page = pageOf(ranked.items, {
    codec: dependencies.cursorCodec,
    binding,
    cursor: query.cursor,
    limit: query.limit,
  });

  const groups = await readPageSeries(source, scope, {
    query,
    selection,
    window,
    page: page.items,
    topKeys: ranked.topKeys,
  });

  return {
    groups: groups.map((group) =>
      fillBuckets({ group, groupBy: query.groupBy, window, empty: dependencies.empty }),
    ),
    limit: query.limit,
    nextCursor: page.nextCursor,
    window,
    generatedAtMs: nowMs,
    freshUntilMs: nowMs + dependencies.freshness.ttlMs(window, nowMs),
  };
}

async function rankWithOther<D extends string, O extends string, M>(
  source: GroupedReportSource<D, O, M>,
  scope: TenantScope,
  query: GroupedReportQuery<D, O>,
  selection: GroupedSelection<D>,
): Promise<{ items: PageItem[]; topKeys: string[][] }> {
  if (query.groupBy.length === 0) {
    return { items: [[]], topKeys: [] };
  }

  const keys = await source.rankGroups(scope, {
    selection,
    groupBy: query.groupBy,
    order: query.order,
    limit: query.top + 1,
  });
  const topKeys = keys.slice(0, query.top);
  const items: PageItem[] = keys.length > query.top ? [...topKeys, OTHER_MARK] : topKeys;
  return { items, topKeys };
}

interface PageSeriesRequest<D extends string, O extends string> {
  query: GroupedReportQuery<D, O>;
  selection: GroupedSelection<D>;
  window: ReportWindow;
  page: PageItem[];
  topKeys: string[][];
}

interface RawGroup<M> {
  key: string[];
  rows: SeriesRow<M>[];
}

async function readPageSeries<D extends string, O extends string, M>(
  source: GroupedReportSource<D, O, M>,
  scope: TenantScope,
  request: PageSeriesRequest<D, O>,
): Promise<RawGroup<M>[]> {
  const { query, selection, window, page, topKeys } = request;
  const bucketStartsMs = window.buckets.map((bucket) => bucket.startMs);
  const base = { selection, groupBy: query.groupBy, bucketStartsMs };

  const named = page.filter((item): item is string[] => item !== OTHER_MARK);
  const includesOther = page.includes(OTHER_MARK);

  const [namedRows, otherRows] = await Promise.all([
    named.length > 0 || query.groupBy.length === 0
      ? source.series(scope, { ...base, groups: { only: named } })
      : [],
    includesOther ? source.series(scope, { ...base, groups: { except: topKeys } }) : [],
  ]);

  const groups: RawGroup<M>[] = named.map((key) => ({
    key,
    rows: namedRows.filter((row) => row.key !== null && sameKey(row.key, key)),
  }));
  if (includesOther) {
    groups.push({ key: query.groupBy.map(() => OTHER_GROUP), rows: otherRows });
  }
  return groups;

  function sameKey(left: string[], right: string[]): boolean {
    return left.length === right.length && left.every((part, index) => part === right[index]);
  }
}

function fillBuckets<D extends string, M>(request: {
  group: RawGroup<M>;
  groupBy: D[];
  window: ReportWindow;
  empty: () => M;
}): ReportGroup<M> {
  const { group, groupBy, window, empty } = request;
  const byBucket = new Map<number, M>();
  let totals: M | undefined;
  for (const row of group.rows) {
    if (row.bucketIndex === null) {
      totals = row.measures;
    } else {
      byBucket.set(row.bucketIndex, row.measures);
    }
  }

  return {
    key: Object.fromEntries(groupBy.map((dimension, index) => [dimension, group.key[index]])),
    buckets: window.buckets.map((bucket, index) => ({
      ...bucket,
      measures: byBucket.get(index) ?? empty(),
    })),
    totals: totals ?? empty(),
  };
}
