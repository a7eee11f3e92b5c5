import { KeyObject } from 'node:crypto';

/** Looks up the public key that verifies a token, by the `kid` in the token's header. */
export abstract class KeySource {
  /** Returns the key for `kid`, or undefined when the key set does not hold it. */
  abstract findKey(kid: string | undefined): Promise<KeyObject | undefined>;
}
