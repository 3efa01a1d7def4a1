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

const UNITS = {
  aantal: '',
  'per-1000-inwoners-15plus': 'per 1.000',
  'per-10000-inwoners-per-jaar': 'per 10.000',
  aandeel: '%',
  'mediaan-dagen': 'dagen',
  'p90-dagen': 'dagen',
  'aandeel-geaccepteerd': '%',
  'aandeel-afgewezen': '%',
  'aandeel-geannuleerd': '%',
  'aandeel-afgerond': '%',
  'fte-per-10000-inwoners': 'fte',
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

export function measureTitle(id, fromServer) {
  return fromServer && fromServer !== id ? fromServer : (MEASURES[id] ?? id);
}

export function groupLabel(code, fromServer) {
  return fromServer ?? GROUPS[code] ?? code;
}

/** The short unit shown after a number (the tile's label already says the rest); a plain count shows none. */
export function screenUnit(code, fromServer) {
  if (code in UNITS) return UNITS[code];
  return fromServer === 'aantal' || fromServer === '1' ? '' : (fromServer ?? '');
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
