/**
 * Positional search (https://hl7.org/fhir/R4/location.html#positional): one row per indexed point, in WGS84 degrees.
 * The index on (latitude, longitude) serves the bounding box that is tested before the great-circle distance.
 * Existing resources get their rows the next time they are written (or by a reindex); a fresh database has none.
 */
export const migration002 = `
CREATE TABLE sp_position (
  resource_type text NOT NULL, id text NOT NULL, param text NOT NULL,
  latitude double precision NOT NULL, longitude double precision NOT NULL
);
CREATE INDEX sp_position_value ON sp_position (resource_type, param, latitude, longitude, id);
CREATE INDEX sp_position_owner ON sp_position (resource_type, id)
`;
