/** Dutch texts of the terminology errors (`issue.details.text` under Accept-Language: nl); `%s` as in English. */
export const TERMINOLOGY_ERRORS_NL: Readonly<Record<string, string>> = {
  BRUG_TERM_VALUE_SET_NOT_FOUND: 'Waardelijst %s is niet bekend bij deze server',
  BRUG_TERM_CODE_SYSTEM_NOT_FOUND: 'Codestelsel %s is niet bekend bij deze server',
  BRUG_TERM_CONCEPT_MAP_NOT_FOUND: 'Conceptmap %s is niet bekend bij deze server',
  BRUG_TERM_RESOURCE_NOT_FOUND: '%s/%s is niet bekend',
  BRUG_TERM_CODE_NOT_FOUND: 'De code "%s" is niet gedefinieerd in codestelsel %s',
  BRUG_TERM_UNKNOWN_CODE: 'De code "%s" is niet gedefinieerd in codestelsel %s',
  BRUG_TERM_CANNOT_EXPAND: 'De waardelijst %s kan niet worden uitgevouwen: %s',
  BRUG_TERM_EXPANSION_TOO_LARGE: 'De uitvouwing van %s heeft meer dan %s codes',
  BRUG_TERM_UNSUPPORTED_FILTER: 'Het filter "%s %s %s" op codestelsel %s wordt niet ondersteund',
  BRUG_TERM_INVALID_FILTER: 'Het filter "%s %s %s" is niet geldig: %s',
  BRUG_TERM_VALUE_SET_CYCLE: 'De waardelijst %s bevat zichzelf (via %s)',
};
