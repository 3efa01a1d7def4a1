import type { CanonicalType } from './canonical.ts';
import type { CanonicalResourceOf, CodingInput, TerminologyService } from './terminology-service.ts';
import type { Resolver } from './terminology-sources.ts';
import { checkInValueSet, undetermined, type Verdict } from './validate-code.ts';

/**
 * The terminology service other layers use (`app.terminology`): answers from what the server holds, never from
 * the network. Its resolver reads stored terminology from a snapshot, so a binding check inside a write
 * transaction never waits on the store.
 */
export class LocalTerminologyService implements TerminologyService {
  private readonly resolver: Resolver;

  constructor(resolver: Resolver) {
    this.resolver = resolver;
  }

  async resource<T extends CanonicalType>(type: T, url: string): Promise<CanonicalResourceOf[T] | undefined> {
    return (await this.resolver.find(type, url))?.resource;
  }

  async hasValueSet(url: string): Promise<boolean> {
    return (await this.resolver.find('ValueSet', url)) !== undefined;
  }

  async validateCode(valueSetUrl: string, coding: CodingInput): Promise<Verdict> {
    const found = await this.resolver.find('ValueSet', valueSetUrl);
    if (!found) return undetermined(`Value set ${valueSetUrl} is not known to this server; the code was not checked`);
    return checkInValueSet(found.resource, coding, this.resolver, found.origin !== 'stored');
  }
}
