CodeSystem: BrugVerwijzingSoortCS
Id: brug-verwijzing-soort
Title: "Brug soort verwijzing"
Description: """
NL: De soort sociale verwijzing. SNOMED CT International kent alleen 308440001 'Referral to social worker' (smaller:
een beroep) en de Britse extensie 'Referral to social prescribing service' (871731000000106) zit niet in de
Nederlandse editie; daarom definieert Brug deze codes.
EN: The kind of social referral; SNOMED CT International has no concept for referral to a bridging role.
"""
* insert BrugCodeSystem
* #brugfunctie "Verwijzing naar sociaal domein professional met brugfunctie" "Sociaal verwijzen: warme verwijzing naar de sociaal domein professional met brugfunctie voor vraagverheldering en verbinding (handreiking §4 stap 1)."
* insert En(#brugfunctie, [[Referral to a social-domain professional with a bridging role]])
* #direct-aanbod "Directe verwijzing naar aanbod" "Verwijzing rechtstreeks naar aanbod in de sociale basis wanneer de hulpvraag duidelijk is (handreiking, voetnoot 8)."
* insert En(#direct-aanbod, [[Direct referral to a community offer]])

ValueSet: BrugVerwijzingSoortVS
Id: brug-verwijzing-soort
Title: "Brug soort verwijzing"
Description: "NL: Soorten sociale verwijzing. EN: Kinds of social referral. Required binding on Verwijzing.code."
* insert BrugMetadata
* include codes from system BrugVerwijzingSoortCS

CodeSystem: BrugTaakStatusredenCS
Id: brug-taak-statusreden
Title: "Brug reden taakstatus"
Description: "NL: Gecodeerde redenen waarom een VerwijzingTaak is afgewezen, geannuleerd, gepauzeerd of mislukt. Vrije tekst is in de taak niet toegestaan (dataminimalisatie). EN: Coded reasons for a rejected, cancelled, on-hold or failed referral task; free text is not allowed in the Task."
* insert BrugCodeSystem
* #inwoner-niet-bereikt "Inwoner niet bereikt"
* insert En(#inwoner-niet-bereikt, [[Resident could not be reached]])
* #inwoner-ziet-af "Inwoner ziet af van de verwijzing"
* insert En(#inwoner-ziet-af, [[Resident declined the referral]])
* #toestemming-ingetrokken "Toestemming ingetrokken"
* insert En(#toestemming-ingetrokken, [[Consent withdrawn]])
* #niet-passend "Verwijzing niet passend" "De vraag past niet bij sociaal verwijzen, bijvoorbeeld omdat zorg nodig is."
* insert En(#niet-passend, [[Referral not appropriate]])
* #geen-capaciteit "Geen capaciteit"
* insert En(#geen-capaciteit, [[No capacity]])
* #buiten-werkgebied "Buiten werkgebied"
* insert En(#buiten-werkgebied, [[Outside service area]])
* #inwoner-verhuisd "Inwoner verhuisd"
* insert En(#inwoner-verhuisd, [[Resident moved]])
* #inwoner-overleden "Inwoner overleden"
* insert En(#inwoner-overleden, [[Resident deceased]])
* #gepauzeerd-op-verzoek "Gepauzeerd op verzoek van de inwoner"
* insert En(#gepauzeerd-op-verzoek, [[Paused at the resident's request]])
* #dubbele-verwijzing "Dubbele of foutieve verwijzing"
* insert En(#dubbele-verwijzing, [[Duplicate or erroneous referral]])

ValueSet: BrugTaakStatusredenVS
Id: brug-taak-statusreden
Title: "Brug reden taakstatus"
Description: "NL: Redenen voor de status van een VerwijzingTaak. EN: Reasons for a referral task's status. Required binding on VerwijzingTaak.statusReason."
* insert BrugMetadata
* include codes from system BrugTaakStatusredenCS

ValueSet: BrugToestemmingStatusVS
Id: brug-toestemming-status
Title: "Brug status toestemming"
Description: "NL: De statussen die een Toestemming in Brug kan hebben: actief, niet meer actief (ingetrokken of verlopen) of geweigerd. EN: The statuses a Brug consent can have. Required binding on Toestemming.status."
* insert BrugMetadata
* http://hl7.org/fhir/consent-state-codes#active "Active"
* http://hl7.org/fhir/consent-state-codes#inactive "Inactive"
* http://hl7.org/fhir/consent-state-codes#rejected "Rejected"
