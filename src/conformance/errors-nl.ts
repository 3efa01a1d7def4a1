/** Dutch texts of validation's errors (`issue.details.text` under Accept-Language: nl); `%s` as in English. */
export const CONFORMANCE_ERRORS_NL: Readonly<Record<string, string>> = {
  BRUG_CONF_INVALID_STRUCTURE: 'De resource voldoet niet aan de FHIR R4-definitie van %s: %s',
  BRUG_CONF_PROFILE_VIOLATION: 'De resource voldoet niet aan zijn profiel(en): %s',
  BRUG_CONF_VALIDATE_REQUEST: 'Ongeldig $validate-verzoek: %s',
  BRUG_CONF_UNKNOWN_PROFILE: 'Profiel %s is niet bekend bij deze server, dus de resource kan er niet tegen worden gevalideerd',
  BRUG_CONF_PACKAGE_RESOURCE: '%s %s (versie %s) hoort bij het FHIR-package van de server en verandert alleen met het package',
};
