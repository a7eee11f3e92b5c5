import { CursorCodec } from '@analytics/common';

/** Offset of the next page in the ranked list of groups. */
interface PagePosition {
  offset: number;
}

function isPagePosition(value: unknown): value is PagePosition {
  const offset = (value as PagePosition | null)?.offset;
  return typeof offset === 'number' && Number.isSafeInteger(offset) && offset > 0;
}

export interface GroupPage<K> {
  items: K[];
  nextCursor: string | null;
}

/**
 * Cuts one page out of a ranked list whose order is total (ties broken by the key), so that
 * following `nextCursor` returns every group exactly once. The cursor stores the offset, signed
 * and bound to the tenant and the query.
 *
 * NOTE: "exactly once" holds only while the ranking stays the same between requests. Events
 * that arrive for a range reaching past now can move groups across a page boundary, so a group
 * may then appear twice or be skipped.
 */
export function pageOf<K>(
  ranked: K[],
  request: { codec: CursorCodec; binding: string; cursor?: string; limit: number },
): GroupPage<K> {
  const { codec, binding, cursor, limit } = request;
  // A limit below 1 would issue a cursor to the same offset, and a client would loop on it.
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`The page limit must be a whole number of at least 1, got ${limit}`);
  }

  const offset = cursor === undefined ? 0 : codec.decode(binding, cursor, isPagePosition).offset;

  const end = offset + limit;
  const nextCursor =
    end < ranked.length ? codec.encode<PagePosition>(binding, { offset: end }) : null;
  return { items: ranked.slice(offset, end), nextCursor };
}
