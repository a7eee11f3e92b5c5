import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireRoles } from '@analytics/auth';
import { parseInstant } from '@analytics/common';
import { ApiProblemResponses, NoQueryParametersDto } from '@analytics/reports/shared';
import { FastifyReply } from 'fastify';
import { ChangeQuotaUseCase } from '../change-quota.use-case';
import { ApiProblemResponse } from './api-problem-response.decorator';
import { GetAuditTrailUseCase } from '../get-audit-trail.use-case';
import { GetQuotaViewUseCase } from '../get-quota-view.use-case';
import { GrantCreditsUseCase } from '../grant-credits.use-case';
import { ListManagedTenantsUseCase } from '../list-managed-tenants.use-case';
import { AccountManager, ManagedTenantAccess } from '../managed-tenant-access';
import { ChangeQuotaDto } from './change-quota.dto';
import { GrantCreditsDto } from './grant-credits.dto';
import { AuditTrailDto, CreditGrantDto, ManagedTenantListDto } from './quota-lists.dto';
import { toAuditTrailDto, toManagedTenantListDto, toQuotaRecordDto } from './quota-lists.mapper';
import { AuditTrailQueryDto, DEFAULT_PAGE_LIMIT, TenantListQueryDto } from './quota-query.dto';
import { QuotaViewDto } from './quota-view.dto';
import { toQuotaViewDto } from './quota-view.mapper';

const TENANT_PARAM = 'tenantId';

/**
 * Account managers' view and changes of the quotas of the tenants they manage. Every route needs
 * the `quota:admin` role. A tenant outside the token's managed tenants gets the same 404 as an
 * unknown tenant.
 */

/** Description of the 415 that a body in another media type than JSON gets. */
const UNSUPPORTED_BODY = 'The body is not JSON; send it with Content-Type: application/json';
@ApiTags('admin')
@ApiProblemResponses([400, 401, 403, 404, 503])
@RequireRoles('quota:admin')
@Controller('v1/admin/tenants')
export class AdminTenantsController {
  constructor(
    private readonly access: ManagedTenantAccess,
    private readonly listTenants: ListManagedTenantsUseCase,
    private readonly getQuotaView: GetQuotaViewUseCase,
    private readonly changeQuota: ChangeQuotaUseCase,
    private readonly grantCredits: GrantCreditsUseCase,
    private readonly getAuditTrail: GetAuditTrailUseCase,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listManagedTenants',
    summary: 'Managed tenants with their quota status, filterable and sorted by percentage used',
  })
  @ApiOkResponse({ type: ManagedTenantListDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() dto: TenantListQueryDto,
  ): Promise<ManagedTenantListDto> {
    const page = await this.listTenants.execute(managerOf(principal), {
      status: dto.status,
      sort: dto.sort ?? '-percentage',
      limit: dto.limit === undefined ? DEFAULT_PAGE_LIMIT : Number(dto.limit),
      cursor: dto.cursor,
    });
    return toManagedTenantListDto(page);
  }

  @Get(`:${TENANT_PARAM}/quota`)
  @ApiOperation({
    operationId: 'getTenantQuota',
    summary: "One managed tenant's quota view, with the ETag that a change must send in If-Match",
  })
  @ApiOkResponse({
    type: QuotaViewDto,
    headers: {
      ETag: {
        description: 'Entity tag of the plan and limits in force.',
        schema: { type: 'string' },
      },
    },
  })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param(TENANT_PARAM) tenantId: string,
    @Query() _query: NoQueryParametersDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuotaViewDto> {
    const scope = await this.access.scopeFor(managerOf(principal), tenantId);
    const view = await this.getQuotaView.execute(scope);

    void reply.header('etag', view.etag).header('cache-control', 'private, no-cache');
    return toQuotaViewDto(view);
  }

  @Put(`:${TENANT_PARAM}/quota`)
  @ApiOperation({
    operationId: 'changeTenantQuota',
    summary: 'Change the plan, billing cycle or per-product limits of a managed tenant (audited)',
  })
  @ApiHeader({
    name: 'If-Match',
    required: true,
    description: 'The ETag of the quota view the change is based on.',
  })
  @ApiOkResponse({
    type: QuotaViewDto,
    description: 'The quota view after the change, with its new ETag.',
  })
  @ApiProblemResponse(412, 'The quota changed since the ETag in If-Match was issued')
  @ApiProblemResponse(428, 'If-Match is missing')
  @ApiProblemResponse(415, UNSUPPORTED_BODY)
  async change(
    @CurrentPrincipal() principal: Principal,
    @Param(TENANT_PARAM) tenantId: string,
    @Query() _query: NoQueryParametersDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ChangeQuotaDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuotaViewDto> {
    const scope = await this.access.scopeFor(managerOf(principal), tenantId);
    const view = await this.changeQuota.execute(scope, {
      actor: principal.subject,
      reason: body.reason,
      ifMatch,
      planId: body.plan,
      limits: body.limits,
      billingTimeZone: body.billingTimeZone,
      billingAnchorDay: body.billingAnchorDay,
    });

    void reply.header('etag', view.etag).header('cache-control', 'private, no-cache');
    return toQuotaViewDto(view);
  }

  @Post(`:${TENANT_PARAM}/credits`)
  @HttpCode(201)
  @ApiOperation({
    operationId: 'grantTenantCredits',
    summary: 'Grant credits with an expiry to a managed tenant (idempotent, audited)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      '8 to 128 characters of letters, digits and . _ : -, new for each grant; a retry with the same key and body returns the first grant.',
  })
  @ApiCreatedResponse({ type: CreditGrantDto })
  @ApiProblemResponse(422, 'The Idempotency-Key was used before with another body')
  @ApiProblemResponse(415, UNSUPPORTED_BODY)
  async grant(
    @CurrentPrincipal() principal: Principal,
    @Param(TENANT_PARAM) tenantId: string,
    @Query() _query: NoQueryParametersDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: GrantCreditsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreditGrantDto> {
    const scope = await this.access.scopeFor(managerOf(principal), tenantId);
    const result = await this.grantCredits.execute(scope, {
      actor: principal.subject,
      reason: body.reason,
      credits: body.credits,
      expiresAtMs: parseInstant(body.expiresAt) as number,
      idempotencyKey,
    });

    if (result.replayed) {
      void reply.header('idempotent-replayed', 'true');
    }
    return { grant: toQuotaRecordDto(result.grant), replayed: result.replayed };
  }

  @Get(`:${TENANT_PARAM}/quota/history`)
  @ApiOperation({
    operationId: 'getTenantQuotaAuditTrail',
    summary:
      "Audit trail of a managed tenant's plan assignments, limit overrides and credit grants, newest first",
  })
  @ApiOkResponse({ type: AuditTrailDto })
  async auditTrail(
    @CurrentPrincipal() principal: Principal,
    @Param(TENANT_PARAM) tenantId: string,
    @Query() dto: AuditTrailQueryDto,
  ): Promise<AuditTrailDto> {
    const scope = await this.access.scopeFor(managerOf(principal), tenantId);
    const limit = dto.limit === undefined ? DEFAULT_PAGE_LIMIT : Number(dto.limit);
    return toAuditTrailDto(await this.getAuditTrail.execute(scope, { limit, cursor: dto.cursor }));
  }
}

function managerOf(principal: Principal): AccountManager {
  return { subject: principal.subject, managedTenants: principal.managedTenants };
}
