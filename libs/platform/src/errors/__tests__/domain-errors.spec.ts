import { ErrorCode } from '@parley/contracts';
import { IsEmail, IsInt } from 'class-validator';
import { ConflictException, DomainException, NotFoundException, toRpcError } from '../domain.exception';
import { validateDto } from '../validation';

class SampleDto {
  @IsEmail()
  email: string;

  @IsInt()
  age: number;
}

describe('domain errors over the bus', () => {
  it('keeps the code, message and details of a domain exception', () => {
    expect(toRpcError(new ConflictException('email taken', { field: 'email' }))).toEqual({
      code: ErrorCode.Conflict, message: 'email taken', details: { field: 'email' },
    });
    expect(toRpcError(new NotFoundException('role', 'abc'))).toEqual({ code: ErrorCode.NotFound, message: 'role abc not found' });
  });

  it('hides anything else behind INTERNAL with no stack or message', () => {
    const payload = toRpcError(new Error('connection string postgres://secret@db'));
    expect(payload).toEqual({ code: ErrorCode.Internal, message: 'internal error' });
  });

  it('validates payloads into VALIDATION_FAILED with per-field details, refusing unknown fields', async () => {
    await expect(validateDto(SampleDto, { email: 'a@b.co', age: 3 })).resolves.toBeInstanceOf(SampleDto);
    const error = await validateDto(SampleDto, { email: 'nope', age: 3, admin: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe(ErrorCode.ValidationFailed);
    expect((error as DomainException).details).toEqual({
      fields: { email: ['email must be an email'], admin: ['property admin should not exist'] },
    });
  });
});
