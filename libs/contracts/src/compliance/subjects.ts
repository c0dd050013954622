import type { Page } from '../common/pagination';
import type { MessageDto } from '../identity/auth.dto';
import type {
  AddDncDto, AddDncResultDto, CallingCheckDto, CallingCheckResultDto, CallingWindowsDto, CallingWindowsView, DncEntryDto, DncNumberDto,
  DncQueryDto, ImportDncRequest, ImportDncResultDto,
} from './calling-rules.dto';

export const ComplianceSubjects = {
  listDnc: 'compliance.dnc.list',
  addDnc: 'compliance.dnc.add',
  removeDnc: 'compliance.dnc.remove',
  importDnc: 'compliance.dnc.import',
  getCallingWindows: 'compliance.calling_windows.get',
  updateCallingWindows: 'compliance.calling_windows.update',
  /** Telephony asks before every outbound call. */
  checkCalling: 'compliance.calling.check',
} as const;

export interface ComplianceRequests {
  [ComplianceSubjects.listDnc]: { req: DncQueryDto; res: Page<DncEntryDto> };
  [ComplianceSubjects.addDnc]: { req: AddDncDto; res: AddDncResultDto };
  [ComplianceSubjects.removeDnc]: { req: DncNumberDto; res: MessageDto };
  [ComplianceSubjects.importDnc]: { req: ImportDncRequest; res: ImportDncResultDto };
  [ComplianceSubjects.getCallingWindows]: { req: Record<string, never>; res: CallingWindowsView };
  [ComplianceSubjects.updateCallingWindows]: { req: CallingWindowsDto; res: CallingWindowsView };
  [ComplianceSubjects.checkCalling]: { req: CallingCheckDto; res: CallingCheckResultDto };
}
