import { createHmac } from 'node:crypto';
import { InvalidParameterError } from '../errors/domain-error';
import { CursorCodec } from './cursor-codec';

interface Position {
  offset: number;
}

function isPosition(value: unknown): value is Position {
  return (
    typeof value === 'object' && value !== null && typeof (value as Position).offset === 'number'
  );
}

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');
const QUERY = {
  report: 'calls',
  fromMs: 1772323200000,
  toMs: 1772928000000,
  granularity: 'day',
  timeZone: 'UTC',
};
const BINDING = CursorCodec.bindingOf(['tenant-a', QUERY]);

/** Signs a body the way the codec does, to build cursors whose signature is valid but whose payload is not. */
function signedCursor(payload: string): string {
  const body = Buffer.from(payload).toString('base64url');
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

function decodeError(codec: CursorCodec, cursor: string, binding = BINDING): InvalidParameterError {
  try {
    codec.decode(binding, cursor, isPosition);
  } catch (error) {
    if (error instanceof InvalidParameterError) {
      return error;
    }
    throw error;
  }
  throw new Error(`cursor ${JSON.stringify(cursor)} was accepted`);
}

/** Replaces the character at `index` by another base64url character. */
function withCharacterChanged(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe('CursorCodec construction', () => {
  it('31-byte secret throws', () => {
    expect(() => new CursorCodec(Buffer.alloc(31, 1))).toThrow(
      'The cursor secret must be at least 32 bytes long',
    );
  });

  it('empty secret throws', () => {
    expect(() => new CursorCodec(Buffer.alloc(0))).toThrow(
      'The cursor secret must be at least 32 bytes long',
    );
  });

  it('32-byte secret is accepted', () => {
    expect(() => new CursorCodec(Buffer.alloc(32, 1))).not.toThrow();
  });
});

describe('CursorCodec round trip', () => {
  const codec = new CursorCodec(SECRET);

  it('decode returns the encoded position', () => {
    const cursor = codec.encode<Position>(BINDING, { offset: 50 });

    expect(codec.decode(BINDING, cursor, isPosition)).toEqual({ offset: 50 });
  });

  it('cursor is base64url body dot signature', () => {
    const cursor = codec.encode<Position>(BINDING, { offset: 50 });

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('same input gives the same cursor', () => {
    expect(codec.encode<Position>(BINDING, { offset: 7 })).toBe(
      codec.encode<Position>(BINDING, { offset: 7 }),
    );
  });

  it('another codec with the same secret decodes', () => {
    const cursor = codec.encode<Position>(BINDING, { offset: 3 });

    expect(new CursorCodec(Buffer.from(SECRET)).decode(BINDING, cursor, isPosition)).toEqual({
      offset: 3,
    });
  });
});

describe('CursorCodec bindingOf', () => {
  it('same parts give the same binding', () => {
    expect(CursorCodec.bindingOf(['tenant-a', { ...QUERY }])).toBe(BINDING);
  });

  it('binding is 22 base64url characters', () => {
    expect(BINDING).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('another tenant or query changes the binding', () => {
    expect(CursorCodec.bindingOf(['tenant-b', QUERY])).not.toBe(BINDING);
    expect(
      CursorCodec.bindingOf(['tenant-a', { ...QUERY, timeZone: 'Europe/Amsterdam' }]),
    ).not.toBe(BINDING);
  });
});

describe('CursorCodec rejected cursors', () => {
  const codec = new CursorCodec(SECRET);
  const cursor = codec.encode<Position>(BINDING, { offset: 50 });
  const [body, signature] = cursor.split('.');
  const forgedBody = Buffer.from(
    JSON.stringify({ v: 1, b: BINDING, p: { offset: 5000 } }),
  ).toString('base64url');

  const cases: Array<[string, string]> = [
    ['forged body with old signature', `${forgedBody}.${signature}`],
    ['changed body character', `${withCharacterChanged(body, 5)}.${signature}`],
    ['changed first signature character', `${body}.${withCharacterChanged(signature, 0)}`],
    [
      'changed last signature character',
      `${body}.${withCharacterChanged(signature, signature.length - 1)}`,
    ],
    [
      'signature of another body',
      `${body}.${codec.encode<Position>(BINDING, { offset: 51 }).split('.')[1]}`,
    ],
    ['signature cut by one character', cursor.slice(0, -1)],
    ['signature missing', `${body}.`],
    ['body only', body],
    ['cut to ten characters', cursor.slice(0, 10)],
    ['extra trailing part', `${cursor}.${signature}`],
    ['trailing dot', `${cursor}.`],
    ['leading dot', `.${cursor}`],
    ['garbage base64', '!!!!.????'],
    ['plain text', 'not-a-cursor'],
    ['single dot', '.'],
    ['empty string', ''],
    ['signature with non-ASCII characters', `${body}.${'é'.repeat(43)}`],
    [
      'signed by another secret',
      new CursorCodec(Buffer.alloc(32, 9)).encode<Position>(BINDING, { offset: 50 }),
    ],
  ];

  it.each(cases)('%s is rejected on cursor', (_name, text) => {
    const error = decodeError(codec, text);

    expect(error.issues[0].parameter).toBe('cursor');
    expect(error.message).toBe(
      'Invalid value for "cursor": it is not a cursor this API issued, or it was altered; ' +
        'pass the "nextCursor" value of the previous page unchanged',
    );
  });

  it('cursor of another tenant is rejected', () => {
    const error = decodeError(codec, cursor, CursorCodec.bindingOf(['tenant-b', QUERY]));

    expect(error.issues[0].parameter).toBe('cursor');
    expect(error.issues[0].detail).toContain('it belongs to another query or tenant');
  });

  it('cursor of another query is rejected', () => {
    const error = decodeError(
      codec,
      cursor,
      CursorCodec.bindingOf(['tenant-a', { ...QUERY, granularity: 'hour' }]),
    );

    expect(error.issues[0].parameter).toBe('cursor');
    expect(error.issues[0].detail).toContain('it belongs to another query or tenant');
  });

  it('wrong-shape position is rejected', () => {
    const error = decodeError(codec, codec.encode(BINDING, { offset: 'fifty' }));

    expect(error.issues[0].parameter).toBe('cursor');
    expect(error.issues[0].detail).toContain('its position is malformed');
  });

  it('missing position is rejected', () => {
    const error = decodeError(codec, signedCursor(JSON.stringify({ v: 1, b: BINDING })));

    expect(error.issues[0].parameter).toBe('cursor');
    expect(error.issues[0].detail).toContain('its position is malformed');
  });

  const unknownFormats: Array<[string, string]> = [
    ['signed non-JSON body', 'offset=50'],
    ['signed JSON array', '[1,2]'],
    ['signed JSON null', 'null'],
    ['signed version 2', JSON.stringify({ v: 2, b: BINDING, p: { offset: 50 } })],
    ['signed payload without version', JSON.stringify({ b: BINDING, p: { offset: 50 } })],
  ];

  it.each(unknownFormats)('%s is rejected on cursor', (_name, payload) => {
    const error = decodeError(codec, signedCursor(payload));

    expect(error.issues[0].parameter).toBe('cursor');
    expect(error.issues[0].detail).toContain('its format is unknown');
  });

  it('signed valid payload is accepted', () => {
    expect(
      codec.decode(
        BINDING,
        signedCursor(JSON.stringify({ v: 1, b: BINDING, p: { offset: 50 } })),
        isPosition,
      ),
    ).toEqual({
      offset: 50,
    });
  });
});
