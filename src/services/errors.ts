/** Errors services raise; the web and CLI shells turn them into Chinese messages and status codes. */

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 429,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends ServiceError {
  constructor(
    message: string,
    /** Field name → message, for showing next to the form field. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message, 400);
  }
}

export class NotFoundError extends ServiceError {
  constructor(message = '找不到该记录') {
    super(message, 404);
  }
}

export class ForbiddenError extends ServiceError {
  constructor(message = '您没有执行此操作的权限') {
    super(message, 403);
  }
}

export class ConflictError extends ServiceError {
  constructor(message: string) {
    super(message, 409);
  }
}

export class AuthenticationError extends ServiceError {
  constructor(message = '用户名或密码不正确') {
    super(message, 401);
  }
}

/** Turns zod issues into a ValidationError with per-field messages. */
export function validationErrorFrom(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): ValidationError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    fieldErrors[key] ??= issue.message;
  }
  return new ValidationError('提交的内容有误，请按提示修改：' + Object.values(fieldErrors).map((m) => m.replace(/。$/, '')).join('；') + '。', fieldErrors);
}
