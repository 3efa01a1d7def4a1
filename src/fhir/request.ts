import type { Resource } from '@medplum/fhirtypes';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';

export type FhirMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The conditional and preference headers of https://hl7.org/fhir/R4/http.html, already parsed. */
export interface FhirHeaders {
  /** Version id from `If-Match: W/"n"`. */
  ifMatch?: string;
  ifNoneMatch?: string;
  /** Search query from `If-None-Exist` (conditional create). */
  ifNoneExist?: string;
  ifModifiedSince?: string;
  preferReturn?: 'minimal' | 'representation' | 'OperationOutcome';
  preferHandling?: 'strict' | 'lenient';
  contentType?: string;
}

/**
 * One FHIR interaction, independent of HTTP: the HTTP adapter and the transaction/batch processor both
 * build these, so every rule is implemented once.
 */
export interface FhirRequest {
  method: FhirMethod;
  /** Path below the FHIR base, without leading or trailing slash: "Patient/1/_history/2"; "" for the base. */
  path: string;
  /** Query parameters in order; a name may repeat (repeats are ANDed in searches). */
  query: [string, string][];
  headers: FhirHeaders;
  body?: unknown;
  /** Set while processing an entry of a transaction Bundle. */
  inTransaction?: boolean;
  /** For a POST entry of a transaction Bundle: the id assigned up front, so references to its fullUrl could be rewritten. */
  assignedId?: string;
}

/** The result of an interaction; `fhir/response.ts` turns it into HTTP or a Bundle entry response. */
export interface FhirResponse {
  status: number;
  resource?: Resource;
  /**
   * Pre-serialised resource JSON, served as is when no rewriting is needed (reads, and writes answered with the text
   * they stored). With `resource` too, HTTP sends this text and a Bundle entry takes the object.
   */
  json?: string;
  location?: string;
  versionId?: string;
  lastModified?: string;
  /** Issues to report (warnings under lenient handling, or informational). */
  issues?: OperationOutcomeIssue[];
  /** True when the body is a representation of the stored resource, so Prefer: return applies. */
  representsStored?: boolean;
}
