import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidParameterError } from '../errors/domain-error';

/**
 * Opaque page cursors: base64url JSON plus an HMAC-SHA256 signature. A cursor is bound to the
 * tenant and to the normalized query it came from, so a tampered cursor, a cursor from another
 * tenant or one replayed against another query is rejected instead of paging wrong data.
 */
export class CursorCodec {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) {
      throw new Error('The cursor secret must be at least 32 bytes long');
    }
  }

  /** Hashes what a cursor is bound to; the parts are the tenant id and the normalized query. */
  static bindingOf(parts: unknown[]): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
  }

  encode<T>(binding: string, position: T): string {
    const body = Buffer.from(JSON.stringify({ v: 1, b: binding, p: position })).toString(
      'base64url',
    );
    return `${body}.${this.sign(body)}`;
  }

  /** Returns the position stored in a cursor; `isPosition` checks its shape after the signature. */
  decode<T>(binding: string, cursor: string, isPosition: (value: unknown) => value is T): T {
    const [body, signature, extra] = cursor.split('.');
    if (!body || !signature || extra !== undefined || !this.hasValidSignature(body, signature)) {
      throw invalidCursor('it is not a cursor this API issued, or it was altered');
    }

    const payload = parseJson(Buffer.from(body, 'base64url').toString('utf8'));
    if (!isRecord(payload) || payload.v !== 1) {
      throw invalidCursor('its format is unknown');
    }
    if (payload.b !== binding) {
      throw invalidCursor(
        'it belongs to another query or tenant; repeat the query without "cursor"',
      );
    }
    if (!isPosition(payload.p)) {
      throw invalidCursor('its position is malformed');
    }

    return payload.p;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }

  private hasValidSignature(body: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function invalidCursor(reason: string): InvalidParameterError {
  return new InvalidParameterError(
    'cursor',
    `${reason}; pass the "nextCursor" value of the previous page unchanged`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
