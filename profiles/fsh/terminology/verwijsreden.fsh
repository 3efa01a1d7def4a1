// Referral reasons. Sources, checked with public references before use:
// - ICPC-1-NL chapter Z (social problems), system http://hl7.org/fhir/sid/icpc-1-nl (OID 2.16.840.1.113883.2.4.4.31.1,
//   NHG Tabel 24): the whole chapter, Z01 Poverty/financial problem ... Z29 Social problem NOS (ICPC has no Z17 and no
//   Z26). The Dutch displays below are Brug's rendering and must be checked against the NHG table before production use.
// - SNOMED CT international edition: 267076002 Feeling lonely (finding), 422650009 Social isolation (finding),
//   423315002 Limited social contact (finding), 73595000 Stress (finding), 160932005 Financial problem (finding).
// - Brug's own codes only where neither covers the concept (questions of meaning, feeling stuck, lack of daily structure).

CodeSystem: BrugVerwijsredenCS
Id: brug-verwijsreden
Title: "Brug aanvullende verwijsredenen"
Description: """
NL: Verwijsredenen uit de Handreiking sociaal verwijzen die noch ICPC-1-NL (hoofdstuk Z) noch SNOMED CT dekt.
Gebruik eerst ICPC-1-NL of SNOMED CT; deze codes alleen als aanvulling.
EN: Referral reasons from the national guideline that neither ICPC-1-NL nor SNOMED CT covers. Use ICPC or SNOMED first.
"""
* insert BrugCodeSystem
* #zingevingsvragen "Zingevingsvragen" "De inwoner worstelt met vragen over betekenis en richting van het leven (handreiking: gebrek aan zingeving)."
* insert En(#zingevingsvragen, [[Questions of meaning in life]])
* #vastlopen "Gevoel van vastlopen in het leven" "De inwoner ervaart dat hij of zij vastloopt in het leven (handreiking, voetnoot 2)."
* insert En(#vastlopen, [[Feeling stuck in life]])
* #gebrek-dagstructuur "Gebrek aan dagstructuur" "De inwoner mist een zinvolle daginvulling of regelmaat."
* insert En(#gebrek-dagstructuur, [[Lack of daily structure]])

ValueSet: BrugVerwijsredenVS
Id: brug-verwijsreden
Title: "Brug verwijsreden"
Description: """
NL: Redenen voor een sociale verwijzing: ICPC-1-NL Z-codes (sociale problemen), SNOMED CT-bevindingen (eenzaamheid,
sociaal isolement, stress, financiële problemen) en de aanvullende Brug-codes. Extensible binding op Verwijzing.reasonCode:
andere ICPC-1-NL- of SNOMED CT-codes mogen, met een waarschuwing.
EN: Reasons for a social referral: ICPC-1-NL Z codes, SNOMED CT findings and Brug's supplementary codes.
"""
* insert BrugMetadata
* ^copyright = "Deze waardelijst bevat SNOMED CT-inhoud (© SNOMED International) en ICPC-1-NL (NHG Tabel 24, © NHG/WONCA)."
* $icpc#Z01 "Armoede/financiële problemen"
* $icpc#Z02 "Problemen met voedsel/drinkwater"
* $icpc#Z03 "Problemen met huisvesting/woonomgeving"
* $icpc#Z04 "Sociaal-culturele problemen"
* $icpc#Z05 "Problemen met werk"
* $icpc#Z06 "Problemen door werkloosheid"
* $icpc#Z07 "Problemen met opleiding"
* $icpc#Z08 "Problemen met sociale voorzieningen"
* $icpc#Z09 "Problemen met justitie/politie"
* $icpc#Z10 "Problemen met de gezondheidszorg"
* $icpc#Z11 "Problemen met ziek zijn/therapietrouw"
* $icpc#Z12 "Relatieproblemen met partner"
* $icpc#Z13 "Problemen met gedrag van partner"
* $icpc#Z14 "Problemen door ziekte van partner"
* $icpc#Z15 "Verlies/overlijden van partner"
* $icpc#Z16 "Relatieproblemen met kind"
* $icpc#Z18 "Problemen door ziekte van kind"
* $icpc#Z19 "Verlies/overlijden van kind"
* $icpc#Z20 "Relatieproblemen met ouders/familie"
* $icpc#Z21 "Problemen met gedrag van ouder/familielid"
* $icpc#Z22 "Problemen door ziekte van ouder/familielid"
* $icpc#Z23 "Verlies/overlijden van ouder/familielid"
* $icpc#Z24 "Relatieproblemen met vrienden/kennissen"
* $icpc#Z25 "Problemen door geweld/misbruik"
* $icpc#Z27 "Angst voor een sociaal probleem"
* $icpc#Z28 "Sociale beperking/handicap"
* $icpc#Z29 "Ander sociaal probleem"
* $sct#267076002 "Feeling lonely"
* $sct#422650009 "Social isolation"
* $sct#423315002 "Limited social contact"
* $sct#73595000 "Stress"
* $sct#160932005 "Financial problem"
// Dutch designations of the SNOMED CT codes: Brug's own rendering, not terms of the licensed Dutch edition, so that
// $expand's filter finds "eenzaam" and a Dutch screen has a Dutch text.
* $sct#267076002 ^designation[0].language = #nl
* $sct#267076002 ^designation[0].value = "Zich eenzaam voelen"
* $sct#422650009 ^designation[0].language = #nl
* $sct#422650009 ^designation[0].value = "Sociaal isolement"
* $sct#423315002 ^designation[0].language = #nl
* $sct#423315002 ^designation[0].value = "Beperkt sociaal contact"
* $sct#73595000 ^designation[0].language = #nl
* $sct#73595000 ^designation[0].value = "Stress"
* $sct#160932005 ^designation[0].language = #nl
* $sct#160932005 ^designation[0].value = "Financiële problemen"
* include codes from system BrugVerwijsredenCS

Instance: BrugVerwijsredenLevensgebied
InstanceOf: ConceptMap
Usage: #definition
Title: "Brug verwijsreden naar levensgebied"
Description: "NL: Het levensgebied waar elke verwijsreden onder valt, zodat monitoring per levensgebied telt zonder extra registratie (eenmalig registreren, meervoudig gebruik). EN: The life domain of each referral reason, so that monitoring can count per life domain without extra data entry."
* id = "brug-verwijsreden-levensgebied"
* name = "BrugVerwijsredenLevensgebied"
* title = "Brug verwijsreden naar levensgebied"
* status = #draft
* experimental = false
* language = #nl
* publisher = "Brug"
* jurisdiction = urn:iso:std:iso:3166#NL "Netherlands"
* sourceCanonical = Canonical(BrugVerwijsredenVS)
* targetCanonical = Canonical(BrugLevensgebiedVS)
* group[0].source = "http://hl7.org/fhir/sid/icpc-1-nl"
* group[=].target = Canonical(BrugLevensgebiedCS)
* insert Map(Z01, financien, relatedto)
* insert Map(Z02, dagelijks-leven, relatedto)
* insert Map(Z03, wonen, relatedto)
* insert Map(Z04, sociaal-netwerk, relatedto)
* insert Map(Z05, werk-dagbesteding, relatedto)
* insert Map(Z06, werk-dagbesteding, relatedto)
* insert Map(Z07, werk-dagbesteding, relatedto)
* insert Map(Z08, financien, relatedto)
* insert Map(Z09, veiligheid, relatedto)
* insert Map(Z10, dagelijks-leven, relatedto)
* insert Map(Z11, lichamelijke-gezondheid, relatedto)
* insert Map(Z12, sociaal-netwerk, relatedto)
* insert Map(Z13, sociaal-netwerk, relatedto)
* insert Map(Z14, zorg-voor-anderen, relatedto)
* insert Map(Z15, psychisch-welbevinden, relatedto)
* insert Map(Z16, zorg-voor-anderen, relatedto)
* insert Map(Z18, zorg-voor-anderen, relatedto)
* insert Map(Z19, psychisch-welbevinden, relatedto)
* insert Map(Z20, sociaal-netwerk, relatedto)
* insert Map(Z21, sociaal-netwerk, relatedto)
* insert Map(Z22, zorg-voor-anderen, relatedto)
* insert Map(Z23, psychisch-welbevinden, relatedto)
* insert Map(Z24, sociaal-netwerk, relatedto)
* insert Map(Z25, veiligheid, relatedto)
* insert Map(Z27, psychisch-welbevinden, relatedto)
* insert Map(Z28, dagelijks-leven, relatedto)
* group[=].element[+].code = #Z29
* group[=].element[=].target[0].equivalence = #unmatched
* group[=].element[=].target[0].comment = "Ander sociaal probleem: geen vast levensgebied / no fixed life domain"
* group[+].source = "http://snomed.info/sct"
* group[=].target = Canonical(BrugLevensgebiedCS)
* insert Map(267076002, sociaal-netwerk, relatedto)
* insert Map(422650009, sociaal-netwerk, relatedto)
* insert Map(423315002, sociaal-netwerk, relatedto)
* insert Map(73595000, psychisch-welbevinden, relatedto)
* insert Map(160932005, financien, relatedto)
* group[+].source = Canonical(BrugVerwijsredenCS)
* group[=].target = Canonical(BrugLevensgebiedCS)
* insert Map(zingevingsvragen, zingeving, relatedto)
* insert Map(vastlopen, zingeving, relatedto)
* insert Map(gebrek-dagstructuur, werk-dagbesteding, relatedto)
