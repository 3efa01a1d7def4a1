import { describeEachStore } from '../support/app.ts';

/**
 * The whole pipeline of the app as it runs, every hook point with its handlers in the order they run (`order name`).
 * A change of order, or a handler added or removed, changes this list, so it shows up in review. Hooks of one order
 * run in the order they were registered (src/app.ts sets the order of the layers).
 *
 * A write runs, inside one transaction: `resource.validate` (as sent), `storage.preWrite`, `resource.validate` again
 * when preWrite changed the resource, the store, `storage.preCommit`; after the commit `storage.postCommit`. A
 * preWrite hook that changes other resources too goes through `WriteContext.writeAlso` (src/fhir/hooks/points.ts),
 * which runs this same pipeline for the other resource, marked with `cascadeOf`.
 */
describeEachStore(
  'architecture: the hook pipeline',
  (current) => {
    it('runs these handlers at these points, in this order', () => {
      expect(current().app.fhirHooks.describe()).toEqual({
        'request.authenticate': ['100 security.authenticate'],
        'interaction.authorize': ['10 security.access-policy'],
        'search.scope': ['100 security.access-policy'],
        'resource.validate': ['10 conformance'],
        'storage.preWrite': [
          '10 security.access-policy',
          '20 conformance.package-copies',
          '30 workflow.erased-guard',
          '40 workflow.chain-integrity',
          '50 workflow.task-rules',
          '50 workflow.consent-withdrawal',
          '60 workflow.consent-gate',
          '60 subscriptions.check',
        ],
        'storage.preCommit': ['100 subscriptions.outbox', '1000 security.audit'],
        'storage.postCommit': ['100 terminology-stored-snapshot', '100 subscriptions.wake'],
        'interaction.completed': ['900 metrics.interactions', '1000 security.audit'],
      });
    });
  },
  { security: true },
);
