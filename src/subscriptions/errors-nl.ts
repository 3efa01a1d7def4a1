/** Dutch texts of the subscription errors (`issue.details.text` under Accept-Language: nl); `%s` as in English. */
export const SUBSCRIPTION_ERRORS_NL: Readonly<Record<string, string>> = {
  BRUG_SUB_TOPIC: 'Onbekend abonnementsonderwerp %s; deze server biedt %s',
  BRUG_SUB_FILTER: 'Filtercriterium "%s" kan niet worden gebruikt: %s',
  BRUG_SUB_CHANNEL: 'Ongeldig kanaal: %s',
  BRUG_SUB_ENDPOINT: 'Notificaties mogen niet naar %s worden gestuurd: %s',
  BRUG_SUB_STATUS: 'Een client mag Subscription.status op requested of off zetten, niet op %s: de server maakt een abonnement active na een geslaagde handshake, en zet error als afleveren mislukt',
  BRUG_SUB_EVENT_RANGE: 'Ongeldig bereik van gebeurtenissen: %s',
};
