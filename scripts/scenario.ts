// Replays the referral chain of examples/ against a RUNNING Brug, as the two systems that use it: the GP system
// (demo-huisarts) and the social-work case system (demo-welzijn), each with fhir-kit-client and its own token.
//
//   npm run scenario                                        (BASE_URL, or http://127.0.0.1:${PORT:-8080}/fhir)
//   npm run scenario -- --base http://127.0.0.1:8080/fhir
//
// It prints each step (who, what, the Task's status and businessStatus after it) and at the end the feedback the GP
// sees. Both systems first subscribe (topic-based subscriptions, rest-hook to a webhook this script opens on
// 127.0.0.1, so run it on the server's machine): the social-work system learns of the referral from its
// notification and pulls the Task with its own token; the GP system is notified of the first feedback.
// Any refusal stops it with exit code 1. Refused when NODE_ENV=production (it signs with the demo keys).
import { parseArgs } from 'node:util';
import type { Bundle, Communication, Task } from '@medplum/fhirtypes';
import { ConfigError, loadConfig } from '../src/config.ts';
import { actors, type Actor } from './scenario/actors.ts';
import { exampleBundle, idsByFullUrl, PLACEHOLDER_OF, type Placeholders } from './scenario/examples.ts';
import { FEEDBACK_TOPIC, subscribe, TASK_TOPIC, unsubscribe } from './scenario/subscribe.ts';
import { WebhookReceiver } from './scenario/webhook-receiver.ts';


function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** What the server said when it refused, from its OperationOutcome. */
function refusal(err: unknown): string {
  const res = (err as { response?: { status?: number; data?: unknown } }).response;
  if (!res) return err instanceof Error ? err.message : String(err);
  const issues = (res.data as { issue?: { diagnostics?: string; details?: { text?: string }; expression?: string[] }[] })?.issue ?? [];
  const said = issues.map((i) => `${i.details?.text ?? i.diagnostics ?? ''}${i.expression ? ` (${i.expression.join(', ')})` : ''}`).join('; ');
  return `HTTP ${res.status}${said ? `: ${said}` : ''}`;
}

function code(concept: { coding?: { code?: string }[] } | undefined): string {
  return concept?.coding?.[0]?.code ?? '-';
}

class Chain {
  readonly ids: Placeholders = {};
  private step = 0;
  private readonly gp: Actor;

  constructor(gp: Actor) {
    this.gp = gp;
  }

  /** Sends an example as `actor`, after reading the versions it must name in If-Match (as a real client does). */
  async send(actor: Actor, file: string, what: string): Promise<void> {
    this.step += 1;
    if (this.ids.taskId) this.ids.taskVersion = await this.version(actor, 'Task', this.ids.taskId);
    if (this.ids.consentId && actor === this.gp) this.ids.consentVersion = await this.version(actor, 'Consent', this.ids.consentId);
    const request = exampleBundle(file, this.ids);
    let response: Bundle;
    try {
      response = (await actor.fhir.transaction({ body: request as never })) as unknown as Bundle;
    } catch (err) {
      throw new Error(`step ${this.step} (${actor.label}: ${what}, examples/${file}) was refused: ${refusal(err)}`);
    }
    for (const [fullUrl, id] of Object.entries(idsByFullUrl(request, response))) {
      const name = PLACEHOLDER_OF[fullUrl];
      if (name) this.ids[name] = id;
    }
    out(`${String(this.step).padStart(2)}. ${actor.label}: ${what} (examples/${file})`);
    out(`    Task/${this.ids.taskId}: ${await this.taskState()}`);
  }

  private async version(actor: Actor, type: string, id: string): Promise<string> {
    const resource = (await actor.fhir.read({ resourceType: type, id })) as { meta?: { versionId?: string } };
    return resource.meta?.versionId ?? '1';
  }

  /** The Task's status as the practice sees it: it stays readable for the requester whatever happens. */
  async taskState(): Promise<string> {
    const task = (await this.gp.fhir.read({ resourceType: 'Task', id: this.ids.taskId! })) as unknown as Task;
    const reason = task.statusReason ? `, statusReason ${code(task.statusReason)}` : '';
    return `status ${task.status}, businessStatus ${code(task.businessStatus)}${reason}`;
  }
}

/** The feedback the GP system finds for its referral, the way it would look for it: its Tasks with their outputs. */
async function feedbackForGp(gp: Actor, chain: Chain): Promise<void> {
  const searchParams = { requester: `PractitionerRole/${chain.ids.requesterRoleId}`, focus: `ServiceRequest/${chain.ids.serviceRequestId}`, _include: 'Task:output' };
  const found = (await gp.fhir.search({ resourceType: 'Task', searchParams })) as unknown as Bundle;
  const resources = (found.entry ?? []).map((e) => e.resource);
  const task = resources.find((r): r is Task => r?.resourceType === 'Task');
  if (!task) throw new Error(`the GP finds no Task for ServiceRequest/${chain.ids.serviceRequestId}`);
  out(`Task?requester=PractitionerRole/${chain.ids.requesterRoleId}&focus=ServiceRequest/${chain.ids.serviceRequestId}&_include=Task:output`);
  out(`  Task/${task.id}: status ${task.status}, businessStatus ${code(task.businessStatus)}`);
  const communications = new Map(resources.filter((r): r is Communication => r?.resourceType === 'Communication').map((c) => [`Communication/${c.id}`, c]));
  const seen = new Set<string>();
  for (const output of task.output ?? []) {
    const kind = code(output.type);
    const communication = communications.get(output.valueReference?.reference ?? '');
    if (!communication) throw new Error(`the ${kind} feedback ${output.valueReference?.reference} is not in the search result`);
    seen.add(kind);
    const label = kind === 'eerste-contact' ? 'first feedback, after the first contact' : kind === 'evaluatie' ? 'closing feedback, after the evaluation' : kind;
    const outcomes = (communication.extension ?? []).map((x) => code(x.valueCodeableConcept)).join(', ');
    out(`  [${kind}] ${label}: sent ${communication.sent}, outcome ${outcomes || '-'}`);
    for (const part of communication.payload ?? []) {
      out(`      ${part.contentReference ? `offer: ${part.contentReference.display ?? ''} (${part.contentReference.reference})` : `text: ${part.contentString}`}`);
    }
  }
  for (const kind of ['eerste-contact', 'evaluatie']) if (!seen.has(kind)) throw new Error(`the GP sees no ${kind} feedback`);
}

async function variant(gp: Actor, title: string, run: (chain: Chain) => Promise<void>, expected: string): Promise<void> {
  out(`\n== ${title}`);
  const chain = new Chain(gp);
  await chain.send(gp, '1-verwijzing.json', 'refers the resident (Patient on BSN, Consent, ServiceRequest, Task)');
  await run(chain);
  const state = await chain.taskState();
  if (!state.startsWith(`status ${expected},`)) throw new Error(`${title}: expected the Task ${expected}, it is ${state}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { base: { type: 'string' } } });
  const config = loadConfig();
  if (config.nodeEnv === 'production') throw new ConfigError('refused: NODE_ENV=production (the scenario signs with the public demo keys)');
  const base = (values.base ?? config.baseUrl).replace(/\/+$/, '');
  const { gp, welfare } = await actors(base);
  out(`Brug at ${base}; GP system ${gp.clientId}, social-work system ${welfare.clientId}`);

  const receiver = new WebhookReceiver();
  const endpoint = await receiver.start();
  try {
    await run(gp, welfare, receiver, endpoint);
  } finally {
    await receiver.close();
  }
}

async function run(gp: Actor, welfare: Actor, receiver: WebhookReceiver, endpoint: string): Promise<void> {
  out('\n== Subscriptions: both systems ask to be notified (notified pull)');
  const taskSubscription = await subscribe(welfare, `${endpoint}?system=welzijn`, TASK_TOPIC, 'Task?owner=Organization/demo-welzijn');
  out(`    ${welfare.label}: Subscription/${taskSubscription} active, topic verwijzingstaak, owner=Organization/demo-welzijn`);
  const feedbackSubscription = await subscribe(gp, `${endpoint}?system=huisarts`, FEEDBACK_TOPIC, 'Task?requester=Organization/demo-huisartsenpraktijk');
  out(`    ${gp.label}: Subscription/${feedbackSubscription} active, topic terugkoppeling, requester=Organization/demo-huisartsenpraktijk`);

  out('\n== The chain: referral, acceptance, first contact, connecting, evaluation');
  const chain = new Chain(gp);
  await chain.send(gp, '1-verwijzing.json', 'step 1: refers the resident (Patient on BSN, Consent, ServiceRequest, Task)');
  // The social-work system learns of the referral only from its notification, and reads the Task itself.
  const referral = await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${taskSubscription}`) && r.events.some((e) => e.focus?.includes(`/Task/${chain.ids.taskId}/`)), 15_000);
  const event = referral.events.find((e) => e.focus?.includes(`/Task/${chain.ids.taskId}/`))!;
  const notifiedTaskId = event.focus!.split('/Task/')[1]!.split('/')[0]!;
  const pulled = (await welfare.fhir.read({ resourceType: 'Task', id: notifiedTaskId })) as unknown as Task;
  out(`    ${welfare.label} is notified: event ${event.number}, Task/${notifiedTaskId} (id-only); pulls it with its own token: status ${pulled.status}, owner ${pulled.owner?.reference}`);
  await chain.send(welfare, '2a-aanvaarden.json', 'step 2: accepts the referral it was notified of');
  await chain.send(welfare, '2b-eerste-contact.json', 'step 2: records the first contact and sends the first feedback');
  const feedbackNote = await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${feedbackSubscription}`) && r.events.some((e) => e.focus?.includes(`/Task/${chain.ids.taskId}/`)), 15_000);
  const feedbackEvent = feedbackNote.events.find((e) => e.focus?.includes(`/Task/${chain.ids.taskId}/`))!;
  out(`    ${gp.label} is notified of feedback: event ${feedbackEvent.number}, ${feedbackEvent.additionalContext.map((c) => c.split('/').slice(-2).join('/')).join(', ')}`);
  await chain.send(welfare, '3-verbinding-aanbod.json', 'step 3: puts its offers on the sociale kaart and moves to activities');
  await chain.send(welfare, '4-evaluatie.json', 'step 4: evaluates, sends the closing feedback, completes the Task');

  out('\n== The feedback the GP sees');
  await feedbackForGp(gp, chain);

  await variant(gp, 'Variant: the organisation rejects, with a reason', (c) => c.send(welfare, 'variant-afgewezen.json', 'rejects: no capacity'), 'rejected');
  await variant(gp, 'Variant: the practice cancels, with a reason', (c) => c.send(gp, 'variant-geannuleerd.json', 'cancels: duplicate referral'), 'cancelled');
  await variant(gp, 'Variant: the resident withdraws consent', async (c) => {
    await c.send(welfare, '2a-aanvaarden.json', 'accepts the referral');
    await c.send(gp, 'variant-toestemming-ingetrokken.json', 'records that the resident withdrew consent');
    // The referral itself, not the Patient: the same resident may have another referral with an active consent.
    const referral = `ServiceRequest/${c.ids.serviceRequestId}`;
    const status = await welfare.fhir.read({ resourceType: 'ServiceRequest', id: c.ids.serviceRequestId! }).then(() => 'can still read', (err: unknown) => `can no longer read (${refusal(err).slice(0, 8)})`);
    out(`    ${welfare.label} ${status} ${referral}`);
    if (status.startsWith('can still')) throw new Error(`after the consent was withdrawn the welfare organisation still reads ${referral}`);
  }, 'cancelled');
  await unsubscribe(welfare, taskSubscription);
  await unsubscribe(gp, feedbackSubscription);
  out('\nscenario: every step succeeded');
}

main().catch((err: unknown) => {
  process.stderr.write(`scenario: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
