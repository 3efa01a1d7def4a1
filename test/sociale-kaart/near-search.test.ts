import type { OperationOutcome } from '@medplum/fhirtypes';
import { isBrugError } from '../../src/errors.ts';
import { DEFAULT_NEAR_DISTANCE_KM, nearFilter } from '../../src/fhir/search/parse-near.ts';
import { positionRows } from '../../src/fhir/search/index-position.ts';
import { boundingBox, haversineKm } from '../../src/store/search/near-condition.ts';
import { ENGINE_ONLY, describeEachStore, FHIR_JSON } from '../support/app.ts';

describe('near: parsing latitude|longitude|distance|units', () => {
  const near = (value: string) => nearFilter('near', 'near', value);

  it('takes km as the default unit and converts the other UCUM units', () => {
    expect(near('52.09|5.12|5|km')).toEqual({ kind: 'near', param: 'near', latitude: 52.09, longitude: 5.12, distanceKm: 5 });
    expect(near('52.09|5.12|5')).toMatchObject({ distanceKm: 5 });
    expect(near('52.09|5.12|5|')).toMatchObject({ distanceKm: 5 });
    expect(near('52.09|5.12|2500|m')).toMatchObject({ distanceKm: 2.5 });
    expect(near('52.09|5.12|1|[mi_i]')).toMatchObject({ distanceKm: 1.609344 });
    expect(near('-33.9|151.2|1|[nmi_i]')).toMatchObject({ latitude: -33.9, longitude: 151.2, distanceKm: 1.852 });
  });

  it('uses the server default when the distance is missing, whatever the units', () => {
    expect(near('52.09|5.12')).toMatchObject({ distanceKm: DEFAULT_NEAR_DISTANCE_KM });
    expect(near('52.09|5.12||m')).toMatchObject({ distanceKm: DEFAULT_NEAR_DISTANCE_KM });
  });

  it.each([
    ['52.09', /latitude\|longitude/],
    ['52.09|5.12|5|km|x', /latitude\|longitude/],
    ['north|5.12|5', /latitude "north" is not a decimal/],
    ['52.09|5,12|5', /longitude "5,12" is not a decimal/],
    ['91|5.12', /latitude 91 is outside/],
    ['52|181', /longitude 181 is outside/],
    ['52|5|-1', /may not be negative/],
    ['52|5|five', /distance "five" is not a decimal/],
    ['52|5|5|furlong', /unknown distance unit "furlong"/],
  ])('refuses %s', (value, message) => {
    let error: unknown;
    try {
      near(value);
    } catch (err) {
      error = err;
    }
    expect(isBrugError(error) && error.category).toBe('invalid');
    expect((error as Error).message).toMatch(message);
  });
});

describe('near: index rows and distance arithmetic', () => {
  it('indexes a position with both coordinates in range, and nothing else', () => {
    expect(positionRows('near', { type: 'BackboneElement', value: { latitude: 52.09, longitude: 5.12 } })).toEqual([{ param: 'near', latitude: 52.09, longitude: 5.12 }]);
    expect(positionRows('near', { type: 'BackboneElement', value: { latitude: 52.09 } })).toEqual([]);
    expect(positionRows('near', { type: 'BackboneElement', value: { latitude: 95, longitude: 5 } })).toEqual([]);
    expect(positionRows('near', { type: 'string', value: '52,5' })).toEqual([]);
  });

  it('computes great-circle distances (Utrecht–Amsterdam about 35 km, a degree of latitude about 111.2 km)', () => {
    expect(haversineKm(52.0907, 5.1214, 52.3676, 4.9041)).toBeCloseTo(34.2, 0);
    expect(haversineKm(0, 0, 1, 0)).toBeCloseTo(111.19, 1);
    expect(haversineKm(10, 179.9, 10, -179.9)).toBeLessThan(25);
  });

  it('bounds the box, and drops the longitude bounds at a pole or across the antimeridian', () => {
    const box = boundingBox(52.09, 5.12, 5);
    expect(box.maxLatitude - box.minLatitude).toBeCloseTo(0.09, 2);
    expect(box.minLongitude).toBeLessThan(5.12 - 0.07);
    expect(boundingBox(89.99, 0, 5)).toEqual({ minLatitude: expect.any(Number), maxLatitude: 90 });
    expect(boundingBox(10, 179.99, 5).minLongitude).toBeUndefined();
  });
});

describeEachStore('near over HTTP on Location', (current) => {
  const put = (id: string, position?: { latitude: number; longitude: number }) =>
    current().app.inject({ method: 'PUT', url: `/fhir/Location/${id}`, headers: { 'content-type': FHIR_JSON }, payload: { resourceType: 'Location', id, ...(position ? { position } : {}) } });

  beforeAll(async () => {
    await put('dom', { latitude: 52.0907, longitude: 5.1214 });
    await put('dam', { latitude: 52.3731, longitude: 4.8926 });
    await put('nowhere');
    // Moved from Amsterdam to Utrecht: the old point must be gone from the index.
    await put('moved', { latitude: 52.37, longitude: 4.89 });
    await put('moved', { latitude: 52.09, longitude: 5.12 });
  });

  async function ids(query: string): Promise<string[]> {
    const res = await current().app.inject({ method: 'GET', url: `/fhir/Location?${query}` });
    expect(res.statusCode).toBe(200);
    return (res.json().entry ?? []).map((e: { resource: { id: string } }) => e.resource.id).sort();
  }

  it('finds the points within the distance, in any unit, and uses the default without one', async () => {
    expect(await ids('near=52.09|5.12|1|km')).toEqual(['dom', 'moved']);
    expect(await ids('near=52.09|5.12|1000|m')).toEqual(['dom', 'moved']);
    expect(await ids('near=52.09|5.12|40|km')).toEqual(['dam', 'dom', 'moved']);
    expect(await ids('near=52.09|5.12|30|km')).toEqual(['dom', 'moved']);
    expect(await ids('near=52.09|5.12')).toEqual(['dom', 'moved']);
    expect(await ids('near=52.37|4.89|1|km,52.09|5.12|1|km')).toEqual(['dam', 'dom', 'moved']);
    expect(await ids('near:missing=true')).toEqual(['nowhere']);
  });

  it('answers a malformed near with 400 and an OperationOutcome naming the parameter', async () => {
    const res = await current().app.inject({ method: 'GET', url: '/fhir/Location?near=52.09|5.12|5|lightyear' });
    expect(res.statusCode).toBe(400);
    const outcome = res.json() as OperationOutcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', expression: ['near'] });
    expect(outcome.issue[0]!.diagnostics).toMatch(/unknown distance unit "lightyear"/);
    expect((await current().app.inject({ method: 'GET', url: '/fhir/Location?near=abc' })).statusCode).toBe(400);
  });

  it('refuses to sort by distance under strict handling', async () => {
    const res = await current().app.inject({ method: 'GET', url: '/fhir/Location?_sort=near', headers: { prefer: 'handling=strict' } });
    expect(res.statusCode).toBe(400);
  });
}, ENGINE_ONLY);
