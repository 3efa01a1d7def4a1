import { describeEachStore, FHIR_JSON } from '../support/app.ts';
import { authHeader } from '../support/security.ts';

/** The engine reads every operation's input, so a subscription operation refuses a bad body in the engine's words. */
describeEachStore(
  'Subscription operations read their input through the engine',
  (current) => {
    async function post(url: string, body: unknown) {
      const res = await current().app.inject({
        method: 'POST',
        url,
        headers: { ...(await authHeader(current().app, 'demo-welzijn')), accept: FHIR_JSON, 'content-type': FHIR_JSON },
        payload: JSON.stringify(body),
      });
      const outcome = JSON.parse(res.body) as { resourceType: string; issue: { expression?: string[]; details?: { coding?: { code: string }[] } }[] };
      return { status: res.statusCode, resourceType: outcome.resourceType, code: outcome.issue?.[0]?.details?.coding?.[0]?.code, expression: outcome.issue?.[0]?.expression };
    }

    it('answers a $status body that is not Parameters with the engine code, at resourceType', async () => {
      expect(await post('/fhir/Subscription/$status', { resourceType: 'Patient' })).toEqual({ status: 400, resourceType: 'OperationOutcome', code: 'BRUG_FHIR_OPERATION_NOT_PARAMETERS', expression: ['resourceType'] });
    });

    it('names the Parameters entry of a $status parameter without a name', async () => {
      expect(await post('/fhir/Subscription/$status', { resourceType: 'Parameters', parameter: [{ valueString: 'active' }] })).toEqual({
        status: 400,
        resourceType: 'OperationOutcome',
        code: 'BRUG_FHIR_OPERATION_PARAMETER',
        expression: ['Parameters.parameter[0]'],
      });
    });
  },
  { security: true },
);
