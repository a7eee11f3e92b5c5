import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, CursorCodec } from '@analytics/common';
import { FreshnessPolicy, ReportDependencies } from '@analytics/reports/shared';
import { DuckDbStore } from '@analytics/store';
import { DuckDbParametersRepository } from './duckdb-parameters.repository';
import { ParametersModule } from './parameters.module';
import { ParametersRepository } from './parameters.repository';
import { SecretParameterPolicy } from './secret-parameter.policy';

async function policyOf(
  parameters: typeof ParametersModule | ReturnType<typeof ParametersModule.forRoot>,
  store: DuckDbStore,
): Promise<SecretParameterPolicy> {
  @Global()
  @Module({
    providers: [
      { provide: ParametersRepository, useValue: new DuckDbParametersRepository(store) },
      {
        provide: ReportDependencies,
        useValue: new ReportDependencies(
          new Clock(),
          new CursorCodec(Buffer.alloc(32, 1)),
          new FreshnessPolicy(0, 1, 1),
        ),
      },
    ],
    exports: [ParametersRepository, ReportDependencies],
  })
  class PortsModule {}

  @Module({ imports: [PortsModule, parameters] })
  class RootModule {}

  const context = await NestFactory.createApplicationContext(RootModule, { logger: false });
  const policy = context.get(SecretParameterPolicy, { strict: false });
  await context.close();
  return policy;
}

describe('ParametersModule', () => {
  let store: DuckDbStore;

  beforeAll(async () => {
    store = await DuckDbStore.open(':memory:');
  });

  afterAll(() => store.close());

  it('withholds the defaults when imported as is', async () => {
    const policy = await policyOf(ParametersModule, store);

    expect(policy.isSecret('key')).toBe(true);
    expect(policy.isSecret('session')).toBe(false);
  });

  it('adds the names given to forRoot', async () => {
    const policy = await policyOf(
      ParametersModule.forRoot({ secretParameters: ['session'] }),
      store,
    );

    expect(policy.isSecret('session')).toBe(true);
    expect(policy.isSecret('key')).toBe(true);
  });
});
