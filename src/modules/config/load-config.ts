import { existsSync } from 'node:fs';
import { AppConfig } from './app-config.js';
import { validateEnvironment } from './environment.js';

/**
 * The one place that reads `process.env` (after loading an optional `.env` file).
 * Throws a ConfigurationError with a one-line message when a value is bad.
 */
export function loadConfig(envFile = '.env'): AppConfig {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return new AppConfig(validateEnvironment(process.env));
}
