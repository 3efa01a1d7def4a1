import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, baseUrl: 'http://127.0.0.1:8080/fhir', requireProfiles: true, defaultPageSize: 20 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('stops on invalid values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ REQUIRE_PROFILES: 'maybe' })).toThrow(/REQUIRE_PROFILES/);
  });

  it('masks key-figure counts below 5 unless MONITORING_MIN_COUNT says otherwise (2 to 100)', () => {
    expect(loadConfig({}).monitoringMinCount).toBe(5);
    expect(loadConfig({ MONITORING_MIN_COUNT: '10' }).monitoringMinCount).toBe(10);
    expect(() => loadConfig({ MONITORING_MIN_COUNT: '1' })).toThrow(/MONITORING_MIN_COUNT must be between 2 and 100/);
    expect(() => loadConfig({ MONITORING_MIN_COUNT: 'vijf' })).toThrow(/MONITORING_MIN_COUNT must be a whole number/);
  });

  it('serves metrics only when METRICS_TOKEN (32+ characters) or METRICS_PORT is set', () => {
    expect(loadConfig({}).metrics).toEqual({});
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(32), METRICS_PORT: '9464' }).metrics).toEqual({ token: 'a'.repeat(32), port: 9464 });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 32 characters/);
    expect(() => loadConfig({ METRICS_PORT: 'x' })).toThrow(/METRICS_PORT must be a whole number/);
  });

  it('refuses to start without the FHIR package unless profiles are not required', () => {
    expect(() => loadConfig({ PROFILES_DIR: '/nonexistent' })).toThrow(/No FHIR package at \/nonexistent/);
    expect(loadConfig({ PROFILES_DIR: '/nonexistent', REQUIRE_PROFILES: 'false' }).requireProfiles).toBe(false);
  });
});
