/**
 * Every transition of the table (src/workflow/task-transitions.ts), over HTTP on PostgreSQL: allowed by its own
 * side, refused to the other side with a 409 that names Task.status and who may make the move.
 */
import { describeEachStore } from '../support/app.ts';
import { TASK_TRANSITIONS } from '../../src/workflow/task-transitions.ts';
import { attemptMove, otherSide, placeReferral, referralAt, referralBundle, setupChain, type Chain } from '../support/referral-chain.ts';
import { nextBsn } from '../support/fictional-bsn.ts';

const MOVES = TASK_TRANSITIONS.filter((x) => x.from !== null);

describeEachStore(
  'Task transitions of the table',
  (current) => {
    let chain: Chain;
    beforeAll(async () => {
      chain = await setupChain(current().app);
    });

    test('create: the requester side places the Task as requested, with the server stamping authoredOn and lastModified', async () => {
      const ids = await placeReferral(chain);
      const task = (await chain.practice.get(`Task/${ids.Task}`)).body;
      expect(task.status).toBe('requested');
      expect(task.authoredOn).toBeDefined();
      expect(task.lastModified).toBeDefined();
    });

    test('create: the owner side may not place a Task', async () => {
      const bundle = referralBundle(chain, nextBsn());
      const res = await chain.welfare.request('POST', '', bundle);
      expect(res.status).toBe(403);
    });

    test.each(MOVES.map((row) => [`${row.from} -> ${row.to}`, row.by, otherSide(row.by), row] as const))('%s: allowed to the %s side, refused to the %s side', async (_name, by, other, row) => {
      const ids = await referralAt(chain, row.from!);
      const refused = await attemptMove(chain, ids, row, other);
      expect(refused.status).toBe(409);
      expect(refused.body.issue[0].expression).toEqual(['Task.status']);
      expect(refused.body.issue[0].diagnostics).toContain(`from ${row.from} to ${row.to}`);
      expect(refused.body.issue[0].diagnostics).toContain(`only the ${by} side`);

      const allowed = await attemptMove(chain, ids, row, by);
      expect(allowed.status).toBe(200);
      expect(allowed.body.status).toBe(row.to);
      for (const stamp of row.stamps) expect(allowed.body.executionPeriod?.[stamp === 'executionPeriod.start' ? 'start' : 'end']).toBeDefined();
      expect(Date.parse(allowed.body.lastModified)).toBeGreaterThan(Date.now() - 60_000);
    });
  },
  { security: true },
);
