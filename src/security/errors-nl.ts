/** Dutch texts of the security layer's errors (`issue.details.text` under Accept-Language: nl); `%s` as in English. */
export const SECURITY_ERRORS_NL: Readonly<Record<string, string>> = {
  BRUG_SEC_CLIENT_EXISTS: 'Er is al een client met id %s geregistreerd',
  BRUG_SEC_CLIENT_ID_MISMATCH: 'De inhoud noemt client %s maar de URL noemt %s',
  BRUG_SEC_NO_TOKEN: 'Dit verzoek heeft een access token nodig: Authorization: Bearer <token> (SMART Backend Services)',
  BRUG_SEC_INVALID_TOKEN: 'Het access token is niet geldig: %s',
  BRUG_SEC_CLIENT_INACTIVE: 'De client %s is niet geregistreerd of is uitgeschakeld',
  BRUG_SEC_SCOPE: 'Het access token heeft geen scope voor %s op %s',
  BRUG_SEC_ROLE: 'De rol van uw organisatie (%s) staat %s op %s niet toe',
  BRUG_SEC_NOT_YOURS: 'Niet toegestaan: %s',
  BRUG_SEC_APPEND_ONLY: 'De audittrail kan alleen worden aangevuld: AuditEvents schrijft de server zelf, ze kunnen via de API niet worden aangemaakt, gewijzigd of verwijderd',
  BRUG_SEC_RATE_LIMITED: 'Te veel verzoeken van client %s; probeer het over %s seconden opnieuw',
  BRUG_SEC_JSON_DEPTH: 'De JSON-inhoud is dieper genest dan %s niveaus',
  BRUG_SEC_ADMIN_ONLY: 'Alleen een beheerdersclient mag clients beheren',
  BRUG_SEC_UNKNOWN_CLIENT: 'Geen client met id %s',
  BRUG_SEC_INVALID_CLIENT_REGISTRATION: 'De clientregistratie is niet geldig: %s',
};
