// The referral chain for Anna Jansen (completed, with two feedback messages) and a rejected referral for Karim el Amrani.

Instance: voorbeeld-toestemming-anna
InstanceOf: BrugToestemming
Title: "Toestemming Anna Jansen"
Description: "NL: Anna geeft de praktijk toestemming de verwijzing te delen met Stichting Buurtkracht, voor een jaar. EN: Anna's consent to share the referral with the welfare organisation."
Usage: #example
* status = #active
* scope = $consentscope#patient-privacy
* category[patientConsent] = $loinc#59284-0 "Patient Consent"
* patient = Reference(voorbeeld-patient-anna) "Anna Jansen"
* dateTime = "2026-03-02T10:15:00+01:00"
* performer[0] = Reference(voorbeeld-patient-anna) "Anna Jansen"
* organization[0] = Reference(voorbeeld-organisatie-huisartsenpraktijk) "Huisartsenpraktijk De Voorbeeldlinde"
* policyRule = $v3-ActCode#OPTIN "opt-in"
* provision.type = #permit
* provision.period.start = "2026-03-02"
* provision.period.end = "2027-03-02"
* provision.actor[0].role = $v3-ParticipationType#IRCP "information recipient"
* provision.actor[0].reference = Reference(voorbeeld-organisatie-welzijn) "Stichting Buurtkracht Voorbeeldstad"
* provision.purpose[coordinatieVanZorg] = $v3-ActReason#COC "coordination of care"

Instance: voorbeeld-verwijzing-anna
InstanceOf: BrugVerwijzing
Title: "Verwijzing Anna Jansen"
Description: "NL: De POH verwijst Anna warm door naar de welzijnscoach wegens eenzaamheid en geldzorgen. EN: The practice nurse refers Anna to the link worker for loneliness and money worries."
Usage: #example
* identifier[0].system = "urn:ietf:rfc:3986"
* identifier[0].value = "urn:uuid:6f0c3a4e-2b55-4b8e-9a51-0d6c1f1e2a01"
* status = #completed
* intent = #order
* category[sociaalDomein] = $sct#410606002 "Social service procedure"
* category[levensgebied][0] = BrugLevensgebiedCS#sociaal-netwerk "Sociale contacten en netwerk"
* category[levensgebied][1] = BrugLevensgebiedCS#financien "Inkomen en financiën"
* code = BrugVerwijzingSoortCS#brugfunctie "Verwijzing naar sociaal domein professional met brugfunctie"
* subject = Reference(voorbeeld-patient-anna) "Anna Jansen"
* authoredOn = "2026-03-02T10:20:00+01:00"
* requester = Reference(voorbeeld-rol-poh) "Sanne Visser (POH)"
* performer[0] = Reference(voorbeeld-aanbod-welzijnscoach) "Welzijnscoach Buurtkracht"
* reasonCode[0] = $sct#267076002 "Feeling lonely"
* reasonCode[1] = $icpc#Z01 "Armoede/financiële problemen"
* supportingInfo[0] = Reference(voorbeeld-toestemming-anna)
* note[0].authorReference = Reference(voorbeeld-patient-anna) "Anna Jansen"
* note[0].text = "Sinds mijn man is overleden zit ik veel alleen thuis. Ik wil graag weer onder de mensen komen en hulp bij mijn administratie."

Instance: voorbeeld-taak-anna
InstanceOf: BrugVerwijzingTaak
Title: "VerwijzingTaak Anna Jansen (afgerond)"
Description: "NL: De taak is afgerond na evaluatie; de output verwijst naar beide terugkoppelingen. EN: The completed referral task with both feedback messages as output."
Usage: #example
* status = #completed
* businessStatus = BrugProcesstapCS#evaluatie-terugkoppeling "Evaluatie en terugkoppeling"
* intent = #order
* code = $task-code#fulfill "Fulfill the focal request"
* focus = Reference(voorbeeld-verwijzing-anna)
* for = Reference(voorbeeld-patient-anna) "Anna Jansen"
* authoredOn = "2026-03-02T10:20:00+01:00"
* lastModified = "2026-06-15T14:00:00+02:00"
* requester = Reference(voorbeeld-rol-poh) "Sanne Visser (POH)"
* owner = Reference(voorbeeld-rol-welzijnscoach) "Mehmet Yilmaz (welzijnscoach)"
* executionPeriod.start = "2026-03-05T09:00:00+01:00"
* executionPeriod.end = "2026-06-15T14:00:00+02:00"
* output[0].type = BrugTerugkoppelingSoortCS#eerste-contact "Terugkoppeling na eerste contact"
* output[0].valueReference = Reference(voorbeeld-terugkoppeling-eerste-contact)
* output[1].type = BrugTerugkoppelingSoortCS#evaluatie "Terugkoppeling na evaluatie"
* output[1].valueReference = Reference(voorbeeld-terugkoppeling-evaluatie)

Instance: voorbeeld-terugkoppeling-eerste-contact
InstanceOf: BrugTerugkoppeling
Title: "Terugkoppeling na eerste contact (Anna Jansen)"
Description: "NL: De welzijnscoach meldt de POH dat het eerste gesprek heeft plaatsgevonden. EN: First-contact feedback to the practice nurse."
Usage: #example
* extension[uitkomst][0].valueCodeableConcept = BrugUitkomstCS#nog-in-gesprek "Nog in gesprek"
* status = #completed
* category = BrugTerugkoppelingSoortCS#eerste-contact "Terugkoppeling na eerste contact"
* basedOn = Reference(voorbeeld-verwijzing-anna)
* subject = Reference(voorbeeld-patient-anna) "Anna Jansen"
* about = Reference(voorbeeld-taak-anna)
* sent = "2026-03-12T16:00:00+01:00"
* sender = Reference(voorbeeld-rol-welzijnscoach) "Mehmet Yilmaz (welzijnscoach)"
* recipient[0] = Reference(voorbeeld-rol-poh) "Sanne Visser (POH)"
* payload[advies].contentString = "Eerste gesprek bij mevrouw thuis gehad. We zoeken samen naar activiteiten in de buurt; over vier weken volgt een tweede gesprek."

Instance: voorbeeld-terugkoppeling-evaluatie
InstanceOf: BrugTerugkoppeling
Title: "Terugkoppeling na evaluatie (Anna Jansen)"
Description: "NL: Evaluatie: Anna wandelt mee met de wandelgroep, krijgt hulp bij geldzaken en voelt zich geholpen. EN: Evaluation feedback: connected to two offers, resident feels helped."
Usage: #example
* extension[uitkomst][0].valueCodeableConcept = BrugUitkomstCS#verbonden-sociale-basis "Verbonden met aanbod in de sociale basis"
* extension[uitkomst][1].valueCodeableConcept = BrugUitkomstCS#geholpen "Inwoner voelt zich geholpen"
* status = #completed
* category = BrugTerugkoppelingSoortCS#evaluatie "Terugkoppeling na evaluatie"
* basedOn = Reference(voorbeeld-verwijzing-anna)
* subject = Reference(voorbeeld-patient-anna) "Anna Jansen"
* about = Reference(voorbeeld-taak-anna)
* sent = "2026-06-15T14:00:00+02:00"
* sender = Reference(voorbeeld-rol-welzijnscoach) "Mehmet Yilmaz (welzijnscoach)"
* recipient[0] = Reference(voorbeeld-rol-poh) "Sanne Visser (POH)"
* payload[aanbod][0].contentReference = Reference(voorbeeld-aanbod-wandelgroep) "Wandelgroep Parkrondje"
* payload[aanbod][1].contentReference = Reference(voorbeeld-aanbod-geldzorgen) "Spreekuur Geldzorgen"
* payload[advies].contentString = "Mevrouw loopt wekelijks mee met de wandelgroep en heeft haar administratie op orde. Geen verdere actie van de praktijk nodig."

Instance: voorbeeld-toestemming-karim
InstanceOf: BrugToestemming
Title: "Toestemming Karim el Amrani"
Description: "NL: Toestemming om de verwijzing te delen met Stichting Buurtkracht. EN: Consent to share the referral."
Usage: #example
* status = #active
* scope = $consentscope#patient-privacy
* category[patientConsent] = $loinc#59284-0 "Patient Consent"
* patient = Reference(voorbeeld-patient-karim) "Karim el Amrani"
* dateTime = "2026-04-07T11:00:00+02:00"
* performer[0] = Reference(voorbeeld-patient-karim) "Karim el Amrani"
* organization[0] = Reference(voorbeeld-organisatie-huisartsenpraktijk) "Huisartsenpraktijk De Voorbeeldlinde"
* policyRule = $v3-ActCode#OPTIN "opt-in"
* provision.type = #permit
* provision.period.start = "2026-04-07"
* provision.actor[0].role = $v3-ParticipationType#IRCP "information recipient"
* provision.actor[0].reference = Reference(voorbeeld-organisatie-welzijn) "Stichting Buurtkracht Voorbeeldstad"
* provision.purpose[coordinatieVanZorg] = $v3-ActReason#COC "coordination of care"

Instance: voorbeeld-verwijzing-karim
InstanceOf: BrugVerwijzing
Title: "Verwijzing Karim el Amrani"
Description: "NL: De huisarts verwijst Karim wegens stress door werkloosheid. EN: The GP refers Karim for stress related to unemployment."
Usage: #example
* status = #revoked
* intent = #order
* category[sociaalDomein] = $sct#410606002 "Social service procedure"
* code = BrugVerwijzingSoortCS#brugfunctie "Verwijzing naar sociaal domein professional met brugfunctie"
* subject = Reference(voorbeeld-patient-karim) "Karim el Amrani"
* authoredOn = "2026-04-07T11:05:00+02:00"
* requester = Reference(voorbeeld-rol-huisarts) "dr. L. Bakker (huisarts)"
* performer[0] = Reference(voorbeeld-organisatie-welzijn) "Stichting Buurtkracht Voorbeeldstad"
* reasonCode[0] = $sct#73595000 "Stress"
* reasonCode[1] = $icpc#Z06 "Problemen door werkloosheid"
* reasonCode[2] = BrugVerwijsredenCS#gebrek-dagstructuur "Gebrek aan dagstructuur"
* supportingInfo[0] = Reference(voorbeeld-toestemming-karim)

Instance: voorbeeld-taak-karim
InstanceOf: BrugVerwijzingTaak
Title: "VerwijzingTaak Karim el Amrani (afgewezen)"
Description: "NL: De welzijnsorganisatie wijst de verwijzing af omdat de inwoner na drie pogingen niet bereikt is; de reden is gecodeerd. EN: A rejected referral task with a coded reason."
Usage: #example
* status = #rejected
* statusReason = BrugTaakStatusredenCS#inwoner-niet-bereikt "Inwoner niet bereikt"
* businessStatus = BrugProcesstapCS#vraagverheldering-verbinding "Vraagverheldering en verbinding"
* intent = #order
* code = $task-code#fulfill "Fulfill the focal request"
* focus = Reference(voorbeeld-verwijzing-karim)
* for = Reference(voorbeeld-patient-karim) "Karim el Amrani"
* authoredOn = "2026-04-07T11:05:00+02:00"
* lastModified = "2026-04-28T09:30:00+02:00"
* requester = Reference(voorbeeld-rol-huisarts) "dr. L. Bakker (huisarts)"
* owner = Reference(voorbeeld-organisatie-welzijn) "Stichting Buurtkracht Voorbeeldstad"
