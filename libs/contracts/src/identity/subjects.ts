import type { PageQueryDto, Page } from '../common/pagination';
import type {
  ChangePasswordDto, ForgotPasswordDto, LoginDto, LogoutDto, MessageDto, RefreshDto, RegisterDto,
  ResetPasswordDto, TokenPairDto, TokenValidationDto, UserDto, ValidateTokenDto,
} from './auth.dto';
import type { AddMemberRequest, RemoveMemberRequest, CreateTenantDto, MemberDto, TenantDto, UserCountDto } from './tenant.dto';
import type { CreateRoleDto, PermissionCatalogDto, RoleDto, UpdateRoleRequest } from './role.dto';
import type { AgentDto, AgentStatsDto, AgentUsageDto, SetAgentStatusDto } from './agent.dto';
import type { BusinessConfigDto, BusinessConfigView, BusinessUsageDto, UpdateBusinessConfigRequest } from './business-config.dto';

export const IdentitySubjects = {
  register: 'identity.auth.register',
  login: 'identity.auth.login',
  refresh: 'identity.auth.refresh',
  logout: 'identity.auth.logout',
  me: 'identity.auth.me',
  validate: 'identity.auth.validate',
  changePassword: 'identity.auth.change_password',
  forgotPassword: 'identity.auth.forgot_password',
  resetPassword: 'identity.auth.reset_password',
  createTenant: 'identity.tenant.create',
  listTenants: 'identity.tenant.list',
  currentTenant: 'identity.tenant.current',
  countUsers: 'identity.tenant.count_users',
  switchTenant: 'identity.tenant.switch',
  addMember: 'identity.member.add',
  removeMember: 'identity.member.remove',
  listRoles: 'identity.role.list',
  createRole: 'identity.role.create',
  updateRole: 'identity.role.update',
  deleteRole: 'identity.role.delete',
  listPermissions: 'identity.permission.list',
  listAgents: 'identity.agent.list',
  getAgent: 'identity.agent.get',
  setAgentStatus: 'identity.agent.set_status',
  availableAgents: 'identity.agent.available',
  agentStats: 'identity.agent.stats',
  agentUsage: 'identity.agent.usage',
  listBusinessConfigs: 'identity.business_config.list',
  createBusinessConfig: 'identity.business_config.create',
  getBusinessConfig: 'identity.business_config.get',
  updateBusinessConfig: 'identity.business_config.update',
  deleteBusinessConfig: 'identity.business_config.delete',
  businessConfigUsage: 'identity.business_config.usage',
  onboardCompany: 'identity.onboarding.company',
} as const;

type S = typeof IdentitySubjects;
interface ById { id: string }  // validated as ByIdDto

/** Request and response type of every identity subject. */
export interface IdentityRequests {
  [IdentitySubjects.register]: { req: RegisterDto; res: TokenPairDto };
  [IdentitySubjects.login]: { req: LoginDto; res: TokenPairDto };
  [IdentitySubjects.refresh]: { req: RefreshDto; res: TokenPairDto };
  [IdentitySubjects.logout]: { req: LogoutDto; res: MessageDto };
  [IdentitySubjects.me]: { req: Record<string, never>; res: UserDto };
  [IdentitySubjects.validate]: { req: ValidateTokenDto; res: TokenValidationDto };
  [IdentitySubjects.changePassword]: { req: ChangePasswordDto; res: MessageDto };
  [IdentitySubjects.forgotPassword]: { req: ForgotPasswordDto; res: MessageDto };
  [IdentitySubjects.resetPassword]: { req: ResetPasswordDto; res: MessageDto };
  [IdentitySubjects.createTenant]: { req: CreateTenantDto; res: TenantDto };
  [IdentitySubjects.listTenants]: { req: Record<string, never>; res: TenantDto[] };
  [IdentitySubjects.currentTenant]: { req: Record<string, never>; res: TenantDto };
  [IdentitySubjects.countUsers]: { req: Record<string, never>; res: UserCountDto };
  [IdentitySubjects.switchTenant]: { req: ById; res: TokenPairDto };
  [IdentitySubjects.addMember]: { req: AddMemberRequest; res: MemberDto };
  [IdentitySubjects.removeMember]: { req: RemoveMemberRequest; res: MessageDto };
  [IdentitySubjects.listRoles]: { req: Record<string, never>; res: RoleDto[] };
  [IdentitySubjects.createRole]: { req: CreateRoleDto; res: RoleDto };
  [IdentitySubjects.updateRole]: { req: UpdateRoleRequest; res: RoleDto };
  [IdentitySubjects.deleteRole]: { req: ById; res: MessageDto };
  [IdentitySubjects.listPermissions]: { req: Record<string, never>; res: PermissionCatalogDto };
  [IdentitySubjects.listAgents]: { req: PageQueryDto; res: Page<AgentDto> };
  [IdentitySubjects.getAgent]: { req: ById; res: AgentDto };
  [IdentitySubjects.setAgentStatus]: { req: SetAgentStatusDto; res: AgentDto };
  [IdentitySubjects.availableAgents]: { req: Record<string, never>; res: AgentDto[] };
  [IdentitySubjects.agentStats]: { req: Record<string, never>; res: AgentStatsDto };
  [IdentitySubjects.agentUsage]: { req: ById; res: AgentUsageDto };
  [IdentitySubjects.listBusinessConfigs]: { req: PageQueryDto; res: Page<BusinessConfigView> };
  [IdentitySubjects.createBusinessConfig]: { req: BusinessConfigDto; res: BusinessConfigView };
  [IdentitySubjects.getBusinessConfig]: { req: ById; res: BusinessConfigView };
  [IdentitySubjects.updateBusinessConfig]: { req: UpdateBusinessConfigRequest; res: BusinessConfigView };
  [IdentitySubjects.deleteBusinessConfig]: { req: ById; res: MessageDto };
  [IdentitySubjects.businessConfigUsage]: { req: ById; res: BusinessUsageDto };
  [IdentitySubjects.onboardCompany]: { req: BusinessConfigDto; res: BusinessConfigView };
}

export type IdentitySubject = S[keyof S];
