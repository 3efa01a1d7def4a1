import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { STORE_KINDS, startTestApp, type TestApp } from '../support/app.ts';

const run = promisify(execFile);
const SCENARIO = path.join(__dirname, '../../scripts/scenario.ts');

async function scenario(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCENARIO, ...args], { env: { ...process.env, NODE_ENV: 'development', ...env }, timeout: 45_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** `npm run scenario` as a user runs it: a child process against a listening Brug, with tokens from its token endpoint. */
describe.each(STORE_KINDS)('npm run scenario against a running Brug [%s]', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { security: true, listen: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('replays the whole chain and prints the feedback the GP sees', async () => {
    const { code, stdout, stderr } = await scenario(['--base', t.baseUrl]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // The social-work system subscribed, was notified of the referral, pulled the Task with its own token and
    // accepted it; the GP system was notified of the first feedback.
    expect(stdout).toMatch(/welzijn \(casussysteem\): Subscription\/[\w-]+ active, topic verwijzingstaak, owner=Organization\/demo-welzijn/);
    const notified = /welzijn \(casussysteem\) is notified: event \d+, Task\/([\w-]+) \(id-only\); pulls it with its own token: status requested, owner Organization\/demo-welzijn/.exec(stdout);
    expect(notified).not.toBeNull();
    expect(stdout).toContain(`Task/${notified![1]}: status accepted`);
    expect(stdout).toMatch(/huisarts \(HIS\) is notified of feedback: event \d+, Communication\/[\w-]+/);
    const feedback = stdout.slice(stdout.indexOf('== The feedback the GP sees'));
    expect(feedback).toMatch(/Task\/[\w-]+: status completed, businessStatus evaluatie-terugkoppeling/);
    expect(feedback).toMatch(/\[eerste-contact\] first feedback, after the first contact: sent 2026-11-09T16:00:00\+01:00, outcome nog-in-gesprek/);
    expect(feedback).toMatch(/\[evaluatie\] closing feedback, after the evaluation: sent 2026-11-20T14:00:00\+01:00, outcome verbonden-sociale-basis, geholpen/);
    expect(feedback).toContain('offer: Wandelgroep Demopark (HealthcareService/');
    expect(stdout).toContain('status rejected, businessStatus signaleren-verwijzen, statusReason geen-capaciteit');
    expect(stdout).toContain('statusReason dubbele-verwijzing');
    expect(stdout).toContain('statusReason toestemming-ingetrokken');
    expect(stdout).toMatch(/can no longer read \(HTTP 404\) ServiceRequest\//);
    expect(stdout).toContain('scenario: every step succeeded');
  }, 50_000);

  it('fails with a clear message when Brug is not there', async () => {
    const { code, stderr } = await scenario(['--base', 'http://127.0.0.1:9/fhir']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^scenario: cannot reach http:\/\/127\.0\.0\.1:9\/fhir\/\.well-known\/smart-configuration .*is Brug running\?/);
  }, 20_000);

  it('refuses to run with NODE_ENV=production', async () => {
    const { code, stderr } = await scenario(['--base', t.baseUrl], { NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(stderr).toContain('refused: NODE_ENV=production');
  }, 20_000);
});
