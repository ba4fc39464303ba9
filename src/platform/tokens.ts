/** Injection tokens for values that are not classes. */
export const APP_CONFIG = Symbol('AppConfig');
export const PG_POOL = Symbol('PgPool');
export const REDIS = Symbol('Redis');
export const CONNECT_PG_CLIENT = Symbol('ConnectPgClient');
export const LOGGER = Symbol('Logger');
export const PLATFORM_OPTIONS = Symbol('PlatformOptions');

export interface PlatformOptions {
  /** Command-line tools open the application without running processors. */
  runProcessors: boolean;
}
