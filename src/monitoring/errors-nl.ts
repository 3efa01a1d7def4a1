/** Dutch texts of the monitoring errors (`issue.details.text` under Accept-Language: nl); `%s` as in English. */
export const MONITORING_ERRORS_NL: Readonly<Record<string, string>> = {
  BRUG_MON_PARAMETER: 'Parameter %s is ongeldig: %s',
  BRUG_MON_MISSING_PARAMETER: 'Parameter %s is verplicht: %s',
  BRUG_MON_UNKNOWN_MEASURE: 'Geen Brug-Measure %s; GET /fhir/Measure toont ze',
  BRUG_MON_UNKNOWN_GEMEENTE: 'Gemeente %s is niet bekend bij Brug: geen gemeentelijke Organization en geen bevolkingsgegevens hebben die CBS-code',
  BRUG_MON_NOT_YOUR_GEMEENTE: 'Uw organisatie mag alleen de kengetallen van gemeente %s lezen, niet die van %s',
  BRUG_MON_ROLE: 'Kengetallen zijn voor gemeenten en beheerders; de rol van uw organisatie (%s) mag ze niet opvragen',
  BRUG_MON_NO_GEMEENTE: 'Uw gemeenteclient is geregistreerd zonder organisatie met een CBS-gemeentecode',
  BRUG_MON_CSV: 'De bevolkings-CSV is niet geldig: %s',
  BRUG_MON_CSV_NOT_YOURS: 'Regel %s is voor gemeente %s; uw organisatie mag alleen regels van gemeente %s laden',
};
