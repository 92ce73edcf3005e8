/** A minimal leveled logger to stderr (GONGKAI_LOG_LEVEL): one line per event, timestamped. */

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  error(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  debug(message: string, detail?: unknown): void;
}

/** Creates a logger that writes events at or above `level`. */
export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const log = (l: LogLevel) => (message: string, detail?: unknown) => {
    if (LOG_LEVELS.indexOf(l) > threshold) return;
    const extra = detail instanceof Error ? `\n${detail.stack ?? detail.message}` : detail === undefined ? '' : ` ${JSON.stringify(detail)}`;
    write(`${new Date().toISOString()} ${l.toUpperCase()} ${message}${extra}`);
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}
