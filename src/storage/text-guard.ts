/**
 * The last guard for text reaching either store: a query parameter holding NUL (U+0000) is refused
 * as bad input before it is sent. PostgreSQL cannot store NUL in text and fails; SQLite would store
 * it, and one such row makes a SQLite backup unrestorable into PostgreSQL. The web refuses control
 * characters earlier; this keeps imports, the CLI and anything missed behaving alike on both stores.
 */
import type { DatabaseConnection, Dialect } from 'kysely';
import { ValidationError } from '../services/errors.ts';

const guarded = new WeakSet<DatabaseConnection>();

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  return false;
}

function guard(connection: DatabaseConnection): DatabaseConnection {
  if (guarded.has(connection)) return connection;
  const execute = connection.executeQuery.bind(connection);
  const stream = connection.streamQuery.bind(connection);
  const check = (parameters: readonly unknown[]) => {
    if (parameters.some(holdsNul)) throw new ValidationError('提交的内容含有空字符（NUL），无法保存。请删除不可见的控制字符后重试。');
  };
  connection.executeQuery = (query) => {
    check(query.parameters);
    return execute(query);
  };
  connection.streamQuery = (query, chunkSize) => {
    check(query.parameters);
    return stream(query, chunkSize);
  };
  guarded.add(connection);
  return connection;
}

/** A dialect whose connections refuse NUL in query parameters. */
export function refusingNul(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      driver.acquireConnection = async () => guard(await acquire());
      return driver;
    },
  };
}
