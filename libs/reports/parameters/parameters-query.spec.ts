import { InvalidParameterError } from '@analytics/common';
import { assertParameterRange } from './parameters-query';

const DAY_MS = 86_400_000;
const FROM_MS = Date.parse('2026-01-01T00:00:00Z');

function issueOf(run: () => void): { parameter: string; detail: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidParameterError) {
      return error.issues[0];
    }
    throw error;
  }
  return undefined;
}

describe('assertParameterRange', () => {
  it('accepts exactly 92 days', () => {
    expect(
      issueOf(() => assertParameterRange({ fromMs: FROM_MS, toMs: FROM_MS + 92 * DAY_MS })),
    ).toBeUndefined();
  });

  it('rejects one millisecond over 92 days', () => {
    const issue = issueOf(() =>
      assertParameterRange({ fromMs: FROM_MS, toMs: FROM_MS + 92 * DAY_MS + 1 }),
    );

    expect(issue).toEqual({
      parameter: 'to',
      detail: 'the range exceeds the limit of 92 days for parameter reports; shorten the range',
    });
  });

  it('rejects an empty range', () => {
    const issue = issueOf(() => assertParameterRange({ fromMs: FROM_MS, toMs: FROM_MS }));

    expect(issue?.parameter).toBe('to');
  });
});
