Profile: BrugPatient
Parent: Patient
Id: brug-patient
Title: "Brug Patient (inwoner)"
Description: """
NL: De inwoner die sociaal verwezen wordt. Volgt de conventies van Nictiz nl-core-Patient: BSN onder
http://fhir.nl/fhir/NamingSystem/bsn (gecontroleerd met de elfproef), naam- en adresextensies van nl-core mogen mee en
worden doorgegeven. Het BSN is optioneel: veel welzijnsorganisaties mogen het BSN niet verwerken.
EN: The resident being referred, following Nictiz nl-core-Patient conventions; the BSN is optional because many
social-domain organisations may not process it, and is checked with the 11-test when present.
"""
* insert BrugMetadata
* obeys brug-bsn-1 and brug-gemeente-2
* insert IdentifierSlicing
* identifier MS
* identifier contains bsn 0..1 MS
* insert IdentifierSlice(bsn, [[http://fhir.nl/fhir/NamingSystem/bsn]], [[Burgerservicenummer (BSN) / citizen service number]])
* name 1..* MS
* telecom MS
* gender MS
* birthDate MS
* address MS
* address.extension contains BrugGemeente named gemeente 0..1 MS
* address.extension[gemeente] ^short = "Gemeente van dit adres als CBS-code / municipality as CBS code"
* generalPractitioner MS
* generalPractitioner only Reference(BrugOrganization or BrugPractitionerRole)

Profile: BrugPractitioner
Parent: Practitioner
Id: brug-practitioner
Title: "Brug Practitioner (professional)"
Description: """
NL: Een professional in de keten: verwijzer in de eerstelijnszorg of sociaal domein professional. Identificatie volgens
nl-core: UZI-nummer (uzi-nr-pers), BIG-registratienummer (big) of AGB-code (agb-z); sociaal werkers hebben die vaak niet.
EN: A professional in the chain, identified per nl-core by UZI, BIG or AGB number where they have one.
"""
* insert BrugMetadata
* obeys brug-uzi-1 and brug-big-1 and brug-agb-1
* insert IdentifierSlicing
* identifier MS
* identifier contains uzi 0..1 MS and big 0..1 MS and agb 0..1 MS
* insert IdentifierSlice(uzi, [[http://fhir.nl/fhir/NamingSystem/uzi-nr-pers]], [[UZI-nummer / UZI number (person)]])
* insert IdentifierSlice(big, [[http://fhir.nl/fhir/NamingSystem/big]], [[BIG-registratienummer / BIG register number]])
* insert IdentifierSlice(agb, [[http://fhir.nl/fhir/NamingSystem/agb-z]], [[AGB-code zorgverlener / AGB code]])
* name 1..* MS
* telecom MS

Profile: BrugPractitionerRole
Parent: PractitionerRole
Id: brug-practitionerrole
Title: "Brug PractitionerRole (rol van professional)"
Description: """
NL: De rol van een professional bij een organisatie: de verwijzer (huisarts, POH, wijkverpleegkundige, fysiotherapeut…)
of de sociaal domein professional met brugfunctie. De rol staat in code (SNOMED CT-beroep of Brug-rol); het
specialisme mag volgens nl-core uit de AGB-specialismenlijst (urn:oid:2.16.840.1.113883.2.4.6.7).
EN: A professional's role at an organisation: the referrer or the bridging professional.
"""
* insert BrugMetadata
* practitioner 1..1 MS
* practitioner only Reference(BrugPractitioner)
* organization 1..1 MS
* organization only Reference(BrugOrganization)
* code 1..* MS
* code from BrugProfessionalRolVS (extensible)
* specialty MS
* healthcareService MS
* healthcareService only Reference(BrugHealthcareService)
* telecom MS
* identifier MS
* active MS

Profile: BrugOrganization
Parent: Organization
Id: brug-organization
Title: "Brug Organization (organisatie)"
Description: """
NL: Een organisatie in de keten: huisartsenpraktijk of andere eerstelijnszorgaanbieder (URA, AGB-code), of een
welzijnsorganisatie, sociaal wijkteam of gemeente. Sociaal-domeinorganisaties hebben meestal geen AGB-code of URA;
het KvK-nummer is dan de identificatie. De soort organisatie is verplicht, zodat aangesloten praktijken en
welzijnsorganisaties te tellen zijn.
EN: An organisation in the chain; KvK number for social-domain organisations that have no AGB or URA. The type is
required so that connected practices and welfare organisations can be counted.
"""
* insert BrugMetadata
* obeys brug-ura-1 and brug-agb-1 and brug-kvk-1 and brug-gemeente-2
* insert IdentifierSlicing
* identifier MS
* identifier contains ura 0..1 MS and agb 0..1 MS and kvk 0..1 MS
* insert IdentifierSlice(ura, [[http://fhir.nl/fhir/NamingSystem/ura]], [[URA-nummer / URA number]])
* insert IdentifierSlice(agb, [[http://fhir.nl/fhir/NamingSystem/agb-z]], [[AGB-code / AGB code]])
* insert IdentifierSlice(kvk, [[http://fhir.nl/fhir/NamingSystem/kvk]], [[KvK-nummer / Chamber of Commerce number]])
* type 1..* MS
* type from BrugOrganisatieSoortVS (extensible)
* name 1..1 MS
* telecom MS
* address MS
* address.extension contains BrugGemeente named gemeente 0..1 MS
* extension contains BrugGemeente named werkgebied 0..* MS
* extension[werkgebied] ^short = "Gemeente(n) die de organisatie bedient / municipalities served"
* partOf MS
* partOf only Reference(BrugOrganization)
* active MS

Profile: BrugHealthcareService
Parent: HealthcareService
Id: brug-healthcareservice
Title: "Brug HealthcareService (aanbod)"
Description: """
NL: Aanbod op de sociale kaart: de sociaal domein professional met brugfunctie (het aanbod dat verwijzingen ontvangt)
en activiteiten en voorzieningen in de sociale basis en het sociaal domein waar inwoners naartoe worden geleid.
EN: An offer on the 'sociale kaart': the bridging service that receives referrals, and the community activities and
services residents are connected to.
"""
* insert BrugMetadata
* obeys brug-gemeente-2
* providedBy 1..1 MS
* providedBy only Reference(BrugOrganization)
* type 1..* MS
* type from BrugAanbodSoortVS (extensible)
* characteristic MS
* characteristic from BrugLevensgebiedVS (extensible)
* characteristic ^short = "Levensgebieden waarop het aanbod zich richt / life domains addressed"
* name 1..1 MS
* active MS
* telecom MS
* location MS
* extension contains BrugGemeente named werkgebied 0..* MS
* extension[werkgebied] ^short = "Gemeente(n) waar het aanbod beschikbaar is / municipalities served"
