import { describeEachStore } from '../support/app.ts';

describeEachStore('health and readiness', (t) => {
  it('/healthz answers while the process runs; /readyz reports the database and definitions', async () => {
    expect((await t().app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t().app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: t().kind });
    expect(ready.json().resourceTypes).toBeGreaterThanOrEqual(23);
  });

  it('/readyz is 503 once the database is gone', async () => {
    await t().store.db.close();
    const res = await t().app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
  });
});
