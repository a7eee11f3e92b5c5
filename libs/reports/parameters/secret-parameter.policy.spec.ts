import { DEFAULT_SECRET_PARAMETERS, SecretParameterPolicy } from './secret-parameter.policy';

describe('SecretParameterPolicy', () => {
  it('treats every default name as secret', () => {
    const policy = new SecretParameterPolicy();

    for (const name of DEFAULT_SECRET_PARAMETERS) {
      expect(policy.isSecret(name)).toBe(true);
    }
  });

  it('matches names case-insensitively', () => {
    const policy = new SecretParameterPolicy();

    expect(policy.isSecret('KEY')).toBe(true);
    expect(policy.isSecret('Api_Key')).toBe(true);
    expect(policy.isSecret('Access_Token')).toBe(true);
  });

  it('matches whole names only', () => {
    const policy = new SecretParameterPolicy();

    expect(policy.isSecret('keyword')).toBe(false);
    expect(policy.isSecret('monkey')).toBe(false);
    expect(policy.isSecret('language')).toBe(false);
  });

  it('adds configured names to the defaults', () => {
    const policy = new SecretParameterPolicy(['Session', ' client_secret ', '']);

    expect(policy.isSecret('session')).toBe(true);
    expect(policy.isSecret('CLIENT_SECRET')).toBe(true);
    expect(policy.isSecret('key')).toBe(true);
    expect(policy.isSecret('')).toBe(false);
  });
});
