/** Dutch texts of the store's errors (`issue.details.text` under Accept-Language: nl); `%s` as in English. */
export const STORE_ERRORS_NL: Readonly<Record<string, string>> = {
  BRUG_STORE_CONFLICT: 'De wijziging botst met een gelijktijdige wijziging: %s',
  BRUG_STORE_BUSY: 'De database is bezet; probeer het verzoek opnieuw',
  BRUG_STORE_UNAVAILABLE: 'De database is niet bereikbaar',
  BRUG_STORE_DEADLINE: 'Het verzoek was niet binnen de termijn van %s ms klaar en is gestopt; probeer het later opnieuw, of vraag om minder',
  BRUG_STORE_QUEUE_FULL: 'De database is bezet: er wachten al %s verzoeken op een verbinding; probeer het later opnieuw',
  BRUG_STORE_EMBEDDED_UNAVAILABLE: 'De ingebouwde PostgreSQL kan niet starten: %s',
  BRUG_STORE_TOO_COMPLEX: 'Het verzoek maakt een databasevraag die te complex is om uit te voeren; vraag om minder in één verzoek',
  BRUG_STORE_FAILED: 'Een databasebewerking is mislukt',
  BRUG_STORE_UNSTORABLE_TEXT: 'Het verzoek bevat het teken U+0000 (NUL), dat niet kan worden opgeslagen of gezocht',
};
