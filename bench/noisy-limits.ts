/**
 * The request limits of issue 15, as the noisy-neighbour benchmark reads them to build the heaviest requests they
 * still allow. The names and defaults are the server's, so one environment reaches both: the server under test is
 * started with this process's environment. Limits the server does not have yet are still used at these values, so
 * the same requests are measured before and after they exist.
 */
import { loadConfig } from '../src/config.ts';
import { whole } from './settings.ts';

export interface Limits {
  readonly bundleEntries: number;
  readonly bodyBytes: number;
  readonly jsonDepth: number;
  readonly contained: number;
  readonly sortKeys: number;
  readonly includes: number;
  readonly includedResources: number;
  readonly chainDepth: number;
  readonly parameterRepeats: number;
  /** `_count` of the largest page the server serves. */
  readonly pageSize: number;
}

export function loadLimits(): Limits {
  // The limits the server already parses come from its own configuration, defaults included.
  const config = loadConfig({ ...process.env, DATABASE_URL: '', DATA_DIR: 'memory://' });
  return {
    bundleEntries: whole('MAX_BUNDLE_ENTRIES', 1000),
    bodyBytes: config.bodyLimitBytes,
    jsonDepth: config.maxJsonDepth,
    contained: whole('MAX_CONTAINED', 100),
    sortKeys: whole('MAX_SORT_KEYS', 5),
    includes: whole('MAX_INCLUDES', 10),
    includedResources: whole('MAX_INCLUDED_RESOURCES', 1000),
    chainDepth: whole('MAX_CHAIN_DEPTH', 3),
    parameterRepeats: whole('MAX_PARAMETER_REPEATS', 50),
    pageSize: config.maxPageSize,
  };
}
