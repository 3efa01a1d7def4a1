// Dutch labels for Brug's figures, used where the Measure itself gives none (the server's titles win).

const MEASURES = {
  verwijzingen: 'Verwijzingen',
  'aangesloten-praktijken': 'Aangesloten huisartsenpraktijken',
  'aangesloten-organisaties': 'Aangesloten organisaties (welzijn en sociaal domein)',
  'verwijzingen-per-verwijzer-rol': 'Verwijzingen per verwijzer',
  'verwijzingen-per-levensgebied': 'Verwijzingen per levensgebied',
  'doorlooptijd-eerste-contact': 'Doorlooptijd tot eerste contact',
  'doorlooptijd-eerste-terugkoppeling': 'Doorlooptijd tot eerste terugkoppeling',
  afloop: 'Afloop van verwijzingen',
  uitkomsten: 'Uitkomsten bij evaluatie',
  'capaciteit-brugfunctie': 'Capaciteit brugfunctie',
};

const GROUPS = {
  aantal: 'Aantal',
  'per-1000-inwoners-15plus': 'Per 1.000 inwoners van 15 jaar en ouder',
  'per-10000-inwoners-per-jaar': 'Per 10.000 inwoners per jaar',
  aandeel: 'Aandeel van alle praktijken',
  'mediaan-dagen': 'Mediaan',
  'p90-dagen': '90e percentiel',
  'aandeel-geaccepteerd': 'Geaccepteerd',
  'aandeel-afgewezen': 'Afgewezen',
  'aandeel-geannuleerd': 'Geannuleerd',
  'aandeel-afgerond': 'Afgerond',
  'fte-per-10000-inwoners': 'Fte per 10.000 inwoners',
};

const STRATIFIERS = {
  'verwijzer-rol': 'Verwijzer',
  levensgebied: 'Levensgebied',
  uitkomst: 'Uitkomst',
};

/** Referrer roles arrive as SNOMED CT codes with English displays; the page says them in Dutch. */
const STRATA = {
  'verwijzer-rol': {
    62247001: 'Huisarts',
    159002008: 'Praktijkondersteuner (POH)',
  },
};

const REFERRALS = 'verwijzingen';

/**
 * One card per figure: its own title (no two cards share one), the noun its small counts are in, and the definition
 * the card's footnote points to.
 */
const FIGURES = {
  'verwijzingen/aantal': { title: 'Aantal verwijzingen', definition: 'Sociale verwijzingen van inwoners van de gemeente, geteld op de datum van de verwijzing. Een verwijzing die als vergissing is ingetrokken telt niet.' },
  'verwijzingen/per-1000-inwoners-15plus': { title: 'Verwijzingen per 1.000 inwoners van 15+', definition: 'Het aantal verwijzingen in de periode per 1.000 inwoners van 15 jaar en ouder (CBS), niet omgerekend naar een jaar. De landelijke monitor 2025 vond gemiddeld 2 per 1.000.' },
  'verwijzingen/per-10000-inwoners-per-jaar': { title: 'Verwijzingen per 10.000 inwoners per jaar', definition: 'Het aantal verwijzingen per 10.000 inwoners (CBS), voor een kwartaal omgerekend naar een heel jaar. De handreiking noemt 60 per 10.000 per jaar als landelijke streefwaarde.' },
  'aangesloten-praktijken/aantal': { title: 'Verwijzende huisartsenpraktijken', noun: 'praktijken', definition: 'Huisartsenpraktijken die in de periode ten minste één inwoner van de gemeente verwezen.' },
  'aangesloten-praktijken/aandeel': { title: 'Aandeel verwijzende praktijken', noun: 'praktijken', definition: 'De verwijzende huisartsenpraktijken als percentage van alle huisartsenpraktijken in de gemeente (CBS).' },
  'aangesloten-organisaties/aantal': { title: 'Organisaties met verwijzingen', noun: 'organisaties', definition: 'Welzijns- en sociaal-domeinorganisaties die in de periode ten minste één verwijzing van een inwoner kregen.' },
  'doorlooptijd-eerste-contact/mediaan-dagen': { title: 'Dagen tot eerste contact (mediaan)', definition: 'Dagen van de verwijzing tot de terugkoppeling na het eerste contact met de inwoner: de helft van de verwijzingen had eerder contact, de helft later. Alleen verwijzingen met zo\'n terugkoppeling tellen mee.' },
  'doorlooptijd-eerste-contact/p90-dagen': { title: 'Dagen tot eerste contact (90e percentiel)', definition: 'Dagen van de verwijzing tot de terugkoppeling na het eerste contact, waarbinnen 9 van de 10 verwijzingen dat contact hadden.' },
  'doorlooptijd-eerste-terugkoppeling/mediaan-dagen': { title: 'Dagen tot eerste terugkoppeling (mediaan)', definition: 'Dagen van de verwijzing tot de eerste terugkoppeling aan de verwijzer, van welke soort ook: de helft kreeg die eerder, de helft later.' },
  'doorlooptijd-eerste-terugkoppeling/p90-dagen': { title: 'Dagen tot eerste terugkoppeling (90e percentiel)', definition: 'Dagen van de verwijzing tot de eerste terugkoppeling aan de verwijzer, waarbinnen 9 van de 10 verwijzingen die kregen.' },
  'afloop/aandeel-geaccepteerd': { title: 'Geaccepteerde verwijzingen', definition: 'Percentage van de verwijzingen in de periode dat de welzijnsorganisatie ooit accepteerde, ook als de verwijzing later werd geannuleerd.' },
  'afloop/aandeel-afgewezen': { title: 'Afgewezen verwijzingen', definition: 'Percentage van de verwijzingen in de periode dat de welzijnsorganisatie afwees.' },
  'afloop/aandeel-geannuleerd': { title: 'Geannuleerde verwijzingen', definition: 'Percentage van de verwijzingen in de periode dat de verwijzer annuleerde, bijvoorbeeld omdat de inwoner ervan afzag.' },
  'afloop/aandeel-afgerond': { title: 'Afgeronde verwijzingen', definition: 'Percentage van de verwijzingen in de periode dat na evaluatie is afgerond.' },
  'capaciteit-brugfunctie/fte-per-10000-inwoners': { title: 'Capaciteit brugfunctie', definition: 'Fte sociaal-domeinprofessionals met een brugfunctie per 10.000 inwoners, zoals de gemeente die opgeeft. De handreiking noemt 0,2 tot 0,5 fte per 10.000 inwoners.' },
  'verwijzingen-per-verwijzer-rol/aantal': { title: 'Verwijzingen per verwijzer', definition: 'Verwijzingen naar de rol van wie verwees (huisarts, praktijkondersteuner). Elke verwijzing telt bij één rol.' },
  'verwijzingen-per-levensgebied/aantal': { title: 'Verwijzingen per levensgebied', definition: 'Verwijzingen per levensgebied van de hulpvraag, uit de verwijsredenen en de gekozen levensgebieden. Een verwijzing kan onder meer levensgebieden vallen, dus de rijen tellen op tot meer dan het totaal.' },
  'uitkomsten/aantal': { title: 'Uitkomsten bij evaluatie', definition: 'Verwijzingen met een terugkoppeling na evaluatie of afsluiting, per uitkomst. Een verwijzing kan meer uitkomsten hebben; het totaal is het aantal geëvalueerde verwijzingen.' },
};

/** A figure's card title, definition and the noun of its small counts; the server's labels where the page has none. */
export function figureText(figureKey, fallbackTitle) {
  const known = FIGURES[figureKey];
  return { title: known?.title ?? fallbackTitle, definition: known?.definition, noun: known?.noun ?? REFERRALS };
}

/** The unit shown after a figure's number on its card, in words. */
export function cardUnit(groupCode) {
  return CARD_UNITS[groupCode] ?? '';
}

const CARD_UNITS = {
  'per-1000-inwoners-15plus': 'per 1.000 inwoners van 15+',
  'per-10000-inwoners-per-jaar': 'per 10.000 inwoners',
  aandeel: '%',
  'mediaan-dagen': 'dagen',
  'p90-dagen': 'dagen',
  'aandeel-geaccepteerd': '%',
  'aandeel-afgewezen': '%',
  'aandeel-geannuleerd': '%',
  'aandeel-afgerond': '%',
  'fte-per-10000-inwoners': 'fte per 10.000 inwoners',
};

export function measureTitle(id, fromServer) {
  return fromServer && fromServer !== id ? fromServer : (MEASURES[id] ?? id);
}

export function groupLabel(code, fromServer) {
  return fromServer ?? GROUPS[code] ?? code;
}

/** Brug's own figures in the order the page shows them; others (if any) after these. */
export function measureOrder(id) {
  const i = Object.keys(MEASURES).indexOf(id);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

export function stratumLabel(stratifier, code, fromServer) {
  return STRATA[stratifier]?.[code] ?? fromServer ?? code;
}

export function stratifierLabel(code) {
  return STRATIFIERS[code] ?? code;
}
