// Code systems and naming systems used by the Brug profiles. Brug's own canonical base is never written here:
// SUSHI derives our urls from `canonical` in sushi-config.yaml, and FHIRPath strings use the {{canonical}} token that
// scripts/build-profiles.ts replaces.

// Terminologies (HL7 / international)
Alias: $sct = http://snomed.info/sct
Alias: $icpc = http://hl7.org/fhir/sid/icpc-1-nl
Alias: $loinc = http://loinc.org
Alias: $v3-ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
Alias: $v3-ActReason = http://terminology.hl7.org/CodeSystem/v3-ActReason
Alias: $v3-ParticipationType = http://terminology.hl7.org/CodeSystem/v3-ParticipationType
Alias: $consentscope = http://terminology.hl7.org/CodeSystem/consentscope
Alias: $task-code = http://hl7.org/fhir/CodeSystem/task-code
Alias: $v3-ActConsentDirective = http://terminology.hl7.org/ValueSet/v3-ActConsentDirective

// Dutch code systems (Vektis AGB specialisms, COD016-VEKT; RoleCodeNL organisation types, as used by Nictiz nl-core)
Alias: $agb-specialisme = urn:oid:2.16.840.1.113883.2.4.6.7
Alias: $rolecodenl-organisatie = urn:oid:2.16.840.1.113883.2.4.15.1060

// Dutch identifier systems (Nictiz nl-core NamingSystems)
Alias: $bsn = http://fhir.nl/fhir/NamingSystem/bsn
Alias: $agb-z = http://fhir.nl/fhir/NamingSystem/agb-z
Alias: $ura = http://fhir.nl/fhir/NamingSystem/ura
Alias: $uzi-nr-pers = http://fhir.nl/fhir/NamingSystem/uzi-nr-pers
Alias: $big = http://fhir.nl/fhir/NamingSystem/big
Alias: $kvk = http://fhir.nl/fhir/NamingSystem/kvk

// Shared rules
RuleSet: BrugMetadata
* ^status = #draft
* ^experimental = false
* ^language = #nl
* ^publisher = "Brug"
* ^jurisdiction = urn:iso:std:iso:3166#NL "Netherlands"

// An English designation for one of our own concepts: * insert En(#code, [[English display]])
RuleSet: En(code, text)
* {code} ^designation[+].language = #en
* {code} ^designation[=].value = "{text}"

RuleSet: BrugCodeSystem
* insert BrugMetadata
* ^caseSensitive = true
* ^content = #complete
* ^hierarchyMeaning = #is-a
