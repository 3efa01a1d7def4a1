/** Dutch texts of the referral workflow's errors (`issue.details.text` under Accept-Language: nl); `%s` as in English. */
export const WORKFLOW_ERRORS_NL: Readonly<Record<string, string>> = {
  BRUG_WF_NO_SIDE: 'Alleen de verwijzende of de ontvangende kant van een verwijzing mag de Task schrijven; uw organisatie (%s) is geen van beide',
  BRUG_WF_TRANSITION: 'Task.status mag niet van %s naar %s door de %s-kant; %s',
  BRUG_WF_CREATE_STATUS: 'Een verwijzingstaak wordt aangemaakt met status requested door de verwijzende kant, niet met %s door de %s-kant',
  BRUG_WF_FIELD: 'De %s-kant mag Task.%s niet wijzigen',
  BRUG_WF_REASON: 'Voor de overgang naar %s is een gecodeerde Task.statusReason nodig',
  BRUG_WF_FEEDBACK: 'Voor de overgang naar %s is de terugkoppeling %s nodig: een Task.output van type %s waarvan valueReference een bestaande Communication is',
  BRUG_WF_STEP: 'Bij status %s moet Task.businessStatus een van de processtappen %s zijn, niet %s',
  BRUG_WF_CONSENT: 'Geen verwijzing zonder actieve toestemming die haar dekt: %s',
  BRUG_WF_IN_USE: '%s kan niet worden %s zolang er verwijzingen op rusten: %s. De GALA-kengetallen tellen een verwijzing tot haar Task entered-in-error is',
  BRUG_WF_IF_MATCH: 'Een update van een Task heeft If-Match nodig met de versie die u het laatst las (W/"n"), zodat twee systemen elkaar nooit overschrijven',
  BRUG_WF_ERASE_ROLE: 'Alleen een beheerder wist een inwoner (AVG art. 17); uw rol is %s',
  BRUG_WF_ERASE_UNKNOWN: 'Patient/%s is niet bekend, er is dus niemand te wissen',
  BRUG_WF_ERASED: '%s is gewist op verzoek van de inwoner (AVG art. 17): wat over is, is een anonieme rest voor de kengetallen, en die verandert niet meer',
};
