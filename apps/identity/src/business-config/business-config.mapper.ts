import type { BusinessConfigView, BusinessUsageDto, UpdateBusinessConfigDto } from '@parley/contracts';
import type { BusinessConfigEntity } from './business-config.entity';

type EditableColumns = Pick<
  BusinessConfigEntity,
  'companyName' | 'industry' | 'website' | 'description' | 'timezone' | 'contactEmail' | 'contactPhone' | 'settings'
>;

/**
 * The columns a request may set, field by field (mass assignment: nothing else reaches the
 * row). A field absent from the request is left out, so PUT changes only what it names.
 */
export function editableColumns(dto: UpdateBusinessConfigDto): Partial<EditableColumns> {
  const columns: Partial<EditableColumns> = {};
  if (dto.company_name !== undefined) columns.companyName = dto.company_name;
  if (dto.industry !== undefined) columns.industry = dto.industry;
  if (dto.website !== undefined) columns.website = dto.website;
  if (dto.description !== undefined) columns.description = dto.description;
  if (dto.timezone !== undefined) columns.timezone = dto.timezone;
  if (dto.contact_email !== undefined) columns.contactEmail = dto.contact_email.toLowerCase();
  if (dto.contact_phone !== undefined) columns.contactPhone = dto.contact_phone;
  if (dto.settings !== undefined) columns.settings = dto.settings;
  return columns;
}

export function toBusinessConfigView(row: BusinessConfigEntity): BusinessConfigView {
  return {
    id: row.id,
    company_name: row.companyName,
    industry: row.industry,
    website: row.website,
    description: row.description,
    timezone: row.timezone,
    contact_email: row.contactEmail,
    contact_phone: row.contactPhone,
    settings: row.settings,
    is_default: row.isDefault,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** An AI agent speaking for a config pins it; past calls are history and do not. */
export function toBusinessUsageDto(row: BusinessConfigEntity): BusinessUsageDto {
  return { business_id: row.id, ai_agents: row.aiAgentCount, calls: row.callCount, in_use: row.aiAgentCount > 0 };
}
