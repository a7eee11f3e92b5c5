import { DynamicModule, Module } from '@nestjs/common';
import { GetParameterUsageUseCase } from './get-parameter-usage.use-case';
import { GetParameterValuesUseCase } from './get-parameter-values.use-case';
import { ParametersController } from './http/parameters.controller';
import { SecretParameterPolicy } from './secret-parameter.policy';

export interface ParametersModuleOptions {
  /** Parameter names whose values are withheld in addition to the defaults, matched case-insensitively. */
  secretParameters?: readonly string[];
}

/**
 * The parameters report. Its repository port is bound by the application's composition root.
 * Imported as is, it withholds the default secret-like parameters, and `forRoot` adds names.
 */
@Module({
  controllers: [ParametersController],
  providers: [
    GetParameterUsageUseCase,
    GetParameterValuesUseCase,
    { provide: SecretParameterPolicy, useValue: new SecretParameterPolicy() },
  ],
})
export class ParametersModule {
  static forRoot(options: ParametersModuleOptions = {}): DynamicModule {
    return {
      module: ParametersModule,
      providers: [
        {
          provide: SecretParameterPolicy,
          useValue: new SecretParameterPolicy(options.secretParameters ?? []),
        },
      ],
    };
  }
}
