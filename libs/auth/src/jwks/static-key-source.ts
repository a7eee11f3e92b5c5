import { KeyObject } from 'node:crypto';
import { KeySource } from './key-source';

/** A key set held in memory: the embedded dev issuer's own key. */
export class StaticKeySource extends KeySource {
  constructor(private readonly keys: Map<string, KeyObject>) {
    super();
  }

  async findKey(kid: string | undefined): Promise<KeyObject | undefined> {
    return kid === undefined ? undefined : this.keys.get(kid);
  }
}
