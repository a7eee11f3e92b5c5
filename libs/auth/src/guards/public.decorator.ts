import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';

/** Marks a route that answers without a token (health, the spec, the dev JWKS). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
