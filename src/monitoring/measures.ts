import { brugMeasure } from '../canonical-urls.ts';

/**
 * The GALA-monitor key figures as Brug Measures (issue 8; gala-monitor-factsheet-sociaal-verwijzen-2025, handreiking
 * §7). One Measure per figure, one group per way of expressing it; the group codes are the contract with the
 * dashboard and may be added to, never renamed. Targets are the national ones the handreiking names.
 */
const MEASURE_BASE = brugMeasure('').slice(0, -1);

export type Stratifier = 'verwijzer-rol' | 'levensgebied' | 'uitkomst';

/** How a group's score is expressed: it decides its unit, its rounding and which counts it rests on. */
export type ScoreKind = 'count' | 'per-1000-15plus' | 'per-10000-year' | 'percentage' | 'days' | 'fte-per-10000';

export interface GroupDefinition {
  readonly code: string;
  readonly display: string;
  readonly kind: ScoreKind;
  readonly target?: { readonly low?: number; readonly high?: number };
  readonly stratifier?: Stratifier;
}

export interface MeasureDefinition {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly scoring: 'cohort' | 'proportion' | 'ratio' | 'continuous-variable';
  readonly groups: readonly GroupDefinition[];
}

export const UNITS: Readonly<Record<ScoreKind, string>> = {
  count: 'aantal',
  'per-1000-15plus': 'per 1.000 inwoners van 15 jaar en ouder',
  'per-10000-year': 'per 10.000 inwoners per jaar',
  percentage: '%',
  days: 'dagen',
  'fte-per-10000': 'fte per 10.000 inwoners',
};

const count = (display: string, stratifier?: Stratifier): GroupDefinition => ({ code: 'aantal', display, kind: 'count', ...(stratifier ? { stratifier } : {}) });
const share = (code: string, display: string): GroupDefinition => ({ code, display, kind: 'percentage' });

export const MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'verwijzingen',
    title: 'Aantal sociale verwijzingen',
    description: 'Verwijzingen (ServiceRequest brug-verwijzing) met authoredOn in de periode, van inwoners van de gemeente (Patient.address brug-gemeente). Per 1.000 inwoners van 15+ (de monitor 2025 vond 2 per 1.000) niet op jaarbasis; per 10.000 inwoners op jaarbasis (aantal / inwoners x 10.000 x 365 / dagen in de periode), tegen de streefwaarde van 60 per 10.000 per jaar.',
    scoring: 'ratio',
    groups: [
      count('Aantal verwijzingen'),
      { code: 'per-1000-inwoners-15plus', display: 'Verwijzingen per 1.000 inwoners van 15 jaar en ouder', kind: 'per-1000-15plus' },
      { code: 'per-10000-inwoners-per-jaar', display: 'Verwijzingen per 10.000 inwoners per jaar', kind: 'per-10000-year', target: { low: 60 } },
    ],
  },
  {
    id: 'aangesloten-praktijken',
    title: 'Aangesloten huisartsenpraktijken',
    description: 'Praktijken (de Organization van de verwijzende PractitionerRole) die in de periode ten minste een inwoner van de gemeente verwezen, en hun aandeel in alle praktijken van de gemeente (uit de bevolkingsgegevens).',
    scoring: 'proportion',
    groups: [count('Aantal verwijzende praktijken'), share('aandeel', 'Aandeel van alle huisartsenpraktijken in de gemeente')],
  },
  {
    id: 'aangesloten-organisaties',
    title: 'Aangesloten welzijns- en sociaal-domeinorganisaties',
    description: 'Organisaties die eigenaar (Task.owner) zijn van ten minste een verwijzingstaak van een inwoner van de gemeente met een verwijzing in de periode.',
    scoring: 'cohort',
    groups: [count('Aantal organisaties met verwijzingen')],
  },
  {
    id: 'verwijzingen-per-verwijzer-rol',
    title: 'Verwijzingen per verwijzer',
    description: 'Verwijzingen in de periode naar de rol (PractitionerRole.code) van de verwijzer.',
    scoring: 'cohort',
    groups: [count('Aantal verwijzingen', 'verwijzer-rol')],
  },
  {
    id: 'verwijzingen-per-levensgebied',
    title: 'Verwijzingen per levensgebied',
    description: 'Verwijzingen in de periode per levensgebied: de levensgebieden in ServiceRequest.category en die van de verwijsredenen volgens ConceptMap brug-verwijsreden-levensgebied. Een verwijzing telt eenmaal per levensgebied, en kan onder meer levensgebieden vallen.',
    scoring: 'cohort',
    groups: [count('Aantal verwijzingen', 'levensgebied')],
  },
  {
    id: 'doorlooptijd-eerste-contact',
    title: 'Doorlooptijd tot het eerste contact',
    description: 'Dagen van authoredOn van de verwijzing tot het verzenden (sent) van de eerste terugkoppeling van de soort eerste-contact, over de verwijzingen in de periode die er een hebben. Mediaan en 90e percentiel met lineaire interpolatie (percentile_cont), afgerond op 0,1 dag.',
    scoring: 'continuous-variable',
    groups: [
      { code: 'mediaan-dagen', display: 'Mediaan in dagen', kind: 'days' },
      { code: 'p90-dagen', display: '90e percentiel in dagen', kind: 'days' },
    ],
  },
  {
    id: 'doorlooptijd-eerste-terugkoppeling',
    title: 'Doorlooptijd tot de eerste terugkoppeling',
    description: 'Dagen van authoredOn van de verwijzing tot de eerste terugkoppeling (Communication brug-terugkoppeling van welke soort ook, gebaseerd op de verwijzing), over de verwijzingen in de periode die er een hebben. Mediaan en 90e percentiel met lineaire interpolatie (percentile_cont), afgerond op 0,1 dag.',
    scoring: 'continuous-variable',
    groups: [
      { code: 'mediaan-dagen', display: 'Mediaan in dagen', kind: 'days' },
      { code: 'p90-dagen', display: '90e percentiel in dagen', kind: 'days' },
    ],
  },
  {
    id: 'afloop',
    title: 'Afloop van de verwijzingen',
    description: 'Van de verwijzingen in de periode: het aandeel waarvan de taak ooit geaccepteerd is (status accepted in de geschiedenis), en het aandeel waarvan de taak nu afgewezen, geannuleerd of afgerond is.',
    scoring: 'proportion',
    groups: [
      share('aandeel-geaccepteerd', 'Aandeel geaccepteerd'),
      share('aandeel-afgewezen', 'Aandeel afgewezen'),
      share('aandeel-geannuleerd', 'Aandeel geannuleerd'),
      share('aandeel-afgerond', 'Aandeel afgerond'),
    ],
  },
  {
    id: 'uitkomsten',
    title: 'Uitkomsten bij evaluatie',
    description: 'Verwijzingen in de periode met een terugkoppeling na evaluatie, per uitkomst (extensie brug-uitkomst op die terugkoppeling). Een verwijzing telt eenmaal per uitkomst en kan meer uitkomsten hebben.',
    scoring: 'cohort',
    groups: [count('Aantal geevalueerde verwijzingen', 'uitkomst')],
  },
  {
    id: 'capaciteit-brugfunctie',
    title: 'Capaciteit brugfunctie',
    description: 'Fte sociaal-domeinprofessionals met brugfunctie per 10.000 inwoners, uit de bevolkingsgegevens van het jaar waarin de periode begint, tegen de streefwaarde van 0,2 tot 0,5.',
    scoring: 'ratio',
    groups: [{ code: 'fte-per-10000-inwoners', display: 'Fte brugfunctie per 10.000 inwoners', kind: 'fte-per-10000', target: { low: 0.2, high: 0.5 } }],
  },
];

export function measureUrl(id: string): string {
  return brugMeasure(id);
}

export function findMeasure(idOrUrl: string): MeasureDefinition | undefined {
  const id = idOrUrl.startsWith(`${MEASURE_BASE}/`) ? idOrUrl.slice(MEASURE_BASE.length + 1).split('|')[0]! : idOrUrl;
  return MEASURES.find((m) => m.id === id);
}
