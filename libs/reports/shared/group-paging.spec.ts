import { CursorCodec, InvalidParameterError } from '@analytics/common';
import { GroupPage, pageOf } from './group-paging';

interface RankedGroup {
  key: string[];
  calls: number;
}

const codec = new CursorCodec(Buffer.alloc(32, 5));
const binding = CursorCodec.bindingOf([
  'tenant-a',
  { report: 'calls', groupBy: ['product', 'endpoint'] },
]);

/**
 * 45 groups in only three distinct call counts, ordered by calls descending and then by key, the
 * total order the store returns.
 */
function rankedWithTies(): RankedGroup[] {
  const groups: RankedGroup[] = [];
  for (const calls of [900, 500, 100]) {
    for (let index = 0; index < 15; index += 1) {
      groups.push({
        key: ['checkout', `/v1/endpoint-${String(groups.length).padStart(2, '0')}`],
        calls,
      });
    }
  }
  return groups;
}

function allPages<K>(ranked: K[], limit: number): Array<GroupPage<K>> {
  const pages: Array<GroupPage<K>> = [pageOf(ranked, { codec, binding, limit })];
  while (pages[pages.length - 1].nextCursor !== null && pages.length <= ranked.length) {
    const cursor = pages[pages.length - 1].nextCursor as string;
    pages.push(pageOf(ranked, { codec, binding, cursor, limit }));
  }
  return pages;
}

function errorOf(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('pageOf paging through ties', () => {
  const ranked = rankedWithTies();

  it('returns every group once in order', () => {
    const pages = allPages(ranked, 7);
    const seen = pages.flatMap((page) => page.items);

    expect(seen).toEqual(ranked);
    expect(new Set(seen.map((group) => group.key.join('|'))).size).toBe(45);
  });

  it('cuts pages of the limit size', () => {
    const pages = allPages(ranked, 7);

    expect(pages.map((page) => page.items.length)).toEqual([7, 7, 7, 7, 7, 7, 3]);
  });

  it('last page has nextCursor null', () => {
    const pages = allPages(ranked, 7);

    expect(pages.slice(0, -1).every((page) => page.nextCursor !== null)).toBe(true);
    expect(pages[pages.length - 1].nextCursor).toBeNull();
  });

  it('exact multiple ends without empty page', () => {
    const pages = allPages(ranked, 15);

    expect(pages.map((page) => page.items.length)).toEqual([15, 15, 15]);
    expect(pages[2].nextCursor).toBeNull();
  });

  it('limit above the length gives one page', () => {
    const page = pageOf(ranked, { codec, binding, limit: 200 });

    expect(page.items).toEqual(ranked);
    expect(page.nextCursor).toBeNull();
  });

  it('limit 1 visits every group', () => {
    const pages = allPages(ranked, 1);

    expect(pages).toHaveLength(45);
    expect(pages.map((page) => page.items[0])).toEqual(ranked);
  });

  it('empty list gives an empty last page', () => {
    expect(pageOf([], { codec, binding, limit: 50 })).toEqual({ items: [], nextCursor: null });
  });
});

describe('pageOf cursors', () => {
  const ranked = rankedWithTies();

  it('cursor of another binding is rejected', () => {
    const cursor = pageOf(ranked, { codec, binding, limit: 10 }).nextCursor as string;
    const otherBinding = CursorCodec.bindingOf([
      'tenant-b',
      { report: 'calls', groupBy: ['product', 'endpoint'] },
    ]);

    const error = errorOf(() =>
      pageOf(ranked, { codec, binding: otherBinding, cursor, limit: 10 }),
    );

    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).issues[0].parameter).toBe('cursor');
  });

  it('cursor with a changed limit still continues', () => {
    const cursor = pageOf(ranked, { codec, binding, limit: 10 }).nextCursor as string;

    expect(pageOf(ranked, { codec, binding, cursor, limit: 5 }).items).toEqual(
      ranked.slice(10, 15),
    );
  });

  const badOffsets: Array<[string, unknown]> = [
    ['zero', 0],
    ['negative', -5],
    ['fractional', 2.5],
    ['text', '10'],
    ['unsafe integer', 2 ** 60],
  ];

  it.each(badOffsets)('%s offset is rejected on cursor', (_name, offset) => {
    const cursor = codec.encode(binding, { offset });

    const error = errorOf(() => pageOf(ranked, { codec, binding, cursor, limit: 10 }));

    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).issues[0].parameter).toBe('cursor');
  });

  it('offset past the end gives an empty last page', () => {
    const cursor = codec.encode(binding, { offset: 100 });

    expect(pageOf(ranked, { codec, binding, cursor, limit: 10 })).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe('pageOf limit', () => {
  const invalidLimits: Array<[string, number]> = [
    ['zero', 0],
    ['negative', -1],
    ['fractional', 2.5],
    ['NaN', Number.NaN],
  ];

  it.each(invalidLimits)('%s limit throws', (_name, limit) => {
    expect(() => pageOf(rankedWithTies(), { codec, binding, limit })).toThrow(RangeError);
  });
});
