import { ReportWindow } from './report-window';

/** Rows of a report are grouped by up to two dimensions; the key value of merged groups. */
export const OTHER_GROUP = '(other)';
export const MAX_GROUP_BY = 2;

/** Events a report reads: the range and equality filters per dimension. */
export interface GroupedSelection<D extends string> {
  fromMs: number;
  toMs: number;
  filters: Partial<Record<D, string[]>>;
}

/** Ranks the groups of a selection; `order` is the report's own ranking rule. */
export interface GroupRankRequest<D extends string, O extends string = string> {
  selection: GroupedSelection<D>;
  groupBy: D[];
  order: O;
  /** Upper bound of groups returned; callers ask for one more than they show to learn whether more exist. */
  limit: number;
}

/** Aggregates per bucket for some groups, or for all groups but some merged into one. */
export interface GroupSeriesRequest<D extends string> {
  selection: GroupedSelection<D>;
  groupBy: D[];
  bucketStartsMs: number[];
  groups: { only: string[][] } | { except: string[][] };
}

/** One aggregate row: `bucketIndex` null is the total over the range; `key` null is the merged group. */
export interface SeriesRow<M> {
  bucketIndex: number | null;
  key: string[] | null;
  measures: M;
}

export interface ReportBucket<M> {
  startMs: number;
  endMs: number;
  partial: boolean;
  measures: M;
}

export interface ReportGroup<M> {
  key: Record<string, string>;
  buckets: ReportBucket<M>[];
  totals: M;
}

export interface GroupedReport<M> {
  groups: ReportGroup<M>[];
  limit: number;
  nextCursor: string | null;
  window: ReportWindow;
  generatedAtMs: number;
  freshUntilMs: number;
}
