import { DAY_MS } from '../event-source-plan';
import { KqlParameters } from './kql-parameters';

/**
 * Builds the KQL that assigns each row of a tabular expression to its bucket. It returns a
 * `let Buckets = …;` statement, and a pipeline that starts from Buckets and ends with the rows of
 * `selected` that fall in a bucket, each with its BucketIndex.
 *
 * Buckets follow the local calendar, computed by the application; Kusto gets their bounds as
 * instants and assigns each row to the bucket with Start <= time < End. The assignment is a
 * time-window join. Each bucket is expanded to the coarse bins that it overlaps (1 h, or 1 d when
 * every bucket spans at least a day). Rows join on their own bin, and the range condition picks
 * the one bucket that contains them. A bin meets at most a few buckets, so the join stays small.
 * Nothing depends on the offset being whole hours, so DST days of 23 or 25 hours, 30-minute DST
 * shifts and +05:45 zones all fall out of the instants.
 */
export function bucketJoinKql(request: {
  /** Bucket bounds, ascending: bucket i is [boundsMs[i], boundsMs[i + 1]). */
  boundsMs: readonly number[];
  /** A tabular expression, usually the name of a `let` statement. */
  selected: string;
  /** The time column of `selected`'s rows. */
  timeColumn: string;
  params: KqlParameters;
}): { statement: string; joined: string } {
  const { boundsMs, selected, timeColumn: time, params } = request;
  if (boundsMs.length < 2) {
    throw new Error('Buckets need at least two bounds');
  }

  const bin = boundsMs.every((ms, index) => index === 0 || ms - boundsMs[index - 1] >= DAY_MS)
    ? '1d'
    : '1h';
  const bounds = params.addDynamic(
    'bucketBounds',
    boundsMs.map((ms) => new Date(ms).toISOString()),
  );

  const statement = [
    `let Buckets = range BucketIndex from 0 to array_length(${bounds}) - 2 step 1`,
    `| extend BucketStart = todatetime(${bounds}[BucketIndex]), BucketEnd = todatetime(${bounds}[BucketIndex + 1])`,
    `| mv-expand JoinKey = range(bin(BucketStart, ${bin}), BucketEnd - 1tick, ${bin}) to typeof(datetime);`,
  ].join('\n');
  const joined = [
    'Buckets',
    `| join kind=inner hint.strategy=broadcast (${selected} | extend JoinKey = bin(${time}, ${bin})) on JoinKey`,
    `| where ${time} >= BucketStart and ${time} < BucketEnd`,
  ].join('\n');

  return { statement, joined };
}
