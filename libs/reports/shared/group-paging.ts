import { CursorCodec } from '@analytics/common';

/** Where the next page starts in the ranked list of groups. */
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
 */
export function pageOf<K>(ranked: K[], request: { codec: CursorCodec; binding: string; cursor?: string; limit: number }): GroupPage<K> {
  const { codec, binding, cursor, limit } = request;
  const offset = cursor === undefined ? 0 : codec.decode(binding, cursor, isPagePosition).offset;

  const end = offset + limit;
  const nextCursor = end < ranked.length ? codec.encode<PagePosition>(binding, { offset: end }) : null;
  return { items: ranked.slice(offset, end), nextCursor };
}
