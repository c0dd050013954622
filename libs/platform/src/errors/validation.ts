import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { ValidationException } from './domain.exception';

type Constructor<T> = new (...args: any[]) => T;

/** Flattens class-validator errors into `{field: [messages]}` for the error details. */
export function validationDetails(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) out[field] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(out, validationDetails(error.children, field));
  }
  return out;
}

export function validationException(errors: ValidationError[]): ValidationException {
  const details = validationDetails(errors);
  const first = Object.values(details)[0]?.[0] ?? 'invalid input';
  return new ValidationException(first, { fields: details });
}

/** The one validation policy: strip nothing silently, reject unknown fields. */
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

export async function validateDto<T extends object>(cls: Constructor<T>, plain: unknown): Promise<T> {
  const instance = plainToInstance(cls, plain ?? {}) as T;
  const errors = await validate(instance, VALIDATION_OPTIONS);
  if (errors.length > 0) throw validationException(errors);
  return instance;
}
