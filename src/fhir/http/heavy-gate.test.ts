import type { FhirRequest } from '../request.ts';
import { HeavyGate, isHeavy } from './heavy-gate.ts';

const get = (query: [string, string][]): FhirRequest => ({ method: 'GET', path: 'Task', query, headers: {} as FhirRequest['headers'], body: undefined });

describe('isHeavy', () => {
  it('leaves a worklist search, a read and a referral Bundle light', () => {
    expect(isHeavy(get([['owner', 'Organization/a'], ['status', 'requested'], ['_include', 'Task:output']]), 0)).toBe(false);
    const referral = { resourceType: 'Bundle', type: 'transaction', entry: new Array(4).fill({}) };
    expect(isHeavy({ ...get([]), method: 'POST', body: referral }, 9000)).toBe(false);
  });

  it('counts big bodies and Bundles, iterated includes, _has, deep chains and big pages as heavy', () => {
    expect(isHeavy({ ...get([]), method: 'POST' }, 300 * 1024)).toBe(true);
    expect(isHeavy({ ...get([]), method: 'POST', body: { resourceType: 'Bundle', entry: new Array(101).fill({}) } }, 1000)).toBe(true);
    expect(isHeavy(get([['_include:iterate', 'ServiceRequest:subject']]), 0)).toBe(true);
    expect(isHeavy(get([['_has:Task:focus:status', 'requested']]), 0)).toBe(true);
    expect(isHeavy(get([['focus:ServiceRequest.requester:PractitionerRole.name', 'x']]), 0)).toBe(true);
    expect(isHeavy(get([['_count', '500']]), 0)).toBe(true);
    expect(isHeavy(get(new Array(4).fill(['_include', 'Task:owner'])), 0)).toBe(true);
  });
});

describe('HeavyGate', () => {
  it('runs one at a time in arrival order and refuses a wait past maxWaitMs with a busy error', async () => {
    const gate = new HeavyGate(1, 100);
    const order: string[] = [];
    let release!: () => void;
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)).then(() => order.push('first')));
    const second = gate.run(async () => order.push('second'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);

    const holding = gate.run(() => new Promise<void>((resolve) => setTimeout(resolve, 300)));
    await expect(gate.run(async () => 'never')).rejects.toMatchObject({ code: 'BRUG_FHIR_HEAVY_BUSY', category: 'busy' });
    await holding;
    await expect(gate.run(async () => 'free again')).resolves.toBe('free again');
  });
});
