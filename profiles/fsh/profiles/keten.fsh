Profile: BrugVerwijzing
Parent: ServiceRequest
Id: brug-verwijzing
Title: "Brug Verwijzing (sociale verwijzing)"
Description: """
NL: Een sociale verwijzing: de eerstelijnszorgverlener (requester, een PractitionerRole) verwijst de inwoner (subject)
warm door naar de organisatie of het aanbod met brugfunctie (performer). Bevat de verwijsredenen (ICPC-1-NL Z-codes,
SNOMED CT of aanvullende Brug-codes), optioneel de levensgebieden, de hulpvraag van de inwoner in eigen woorden (note)
en verwijst via supportingInfo naar de Toestemming van de inwoner. Dataminimalisatie: geen medische gegevens
(reasonReference, specimen en bodySite zijn niet toegestaan).
EN: A social-prescribing referral from a first-line professional to the organisation or service with the bridging
role, with coded reasons, the resident's own question and a link to the resident's consent. No medical records are
shared through it.
"""
* insert BrugMetadata
* identifier MS
* status MS
* intent = #order
* intent MS
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category ^slicing.description = "De vaste categorie sociaal verwijzen plus optioneel levensgebieden / the fixed category plus optional life domains"
* category contains sociaalDomein 1..1 MS and levensgebied 0..* MS
* category[sociaalDomein] = $sct#410606002
* category[sociaalDomein] ^short = "Sociale verwijzing / social service (SNOMED CT 410606002)"
* category[levensgebied] from BrugLevensgebiedVS (required)
* category[levensgebied] ^short = "Levensgebied waarop de vraag betrekking heeft / life domain concerned"
* code 1..1 MS
* code from BrugVerwijzingSoortVS (required)
* subject 1..1 MS
* subject only Reference(BrugPatient)
* authoredOn 1..1 MS
* requester 1..1 MS
* requester only Reference(BrugPractitionerRole)
* requester ^short = "De verwijzer: rol van de eerstelijnszorgverlener / the referring professional's role"
* performer 1..1 MS
* performer only Reference(BrugOrganization or BrugHealthcareService)
* performer ^short = "Organisatie of aanbod met brugfunctie / organisation or service with the bridging role"
* reasonCode 1..* MS
* reasonCode from BrugVerwijsredenVS (extensible)
* reasonReference 0..0
* supportingInfo 1..1 MS
* supportingInfo only Reference(BrugToestemming)
* supportingInfo ^short = "De Toestemming van de inwoner / the resident's consent"
* note 0..1 MS
* note ^short = "Hulpvraag van de inwoner in eigen woorden / the resident's own question"
* note.text ^short = "De hulpvraag zoals de inwoner die verwoordt"
* specimen 0..0
* bodySite 0..0
* occurrence[x] MS

Profile: BrugToestemming
Parent: Consent
Id: brug-toestemming
Title: "Brug Toestemming (toestemming inwoner)"
Description: """
NL: De toestemming van de inwoner om gegevens over de verwijzing te delen met het sociaal domein (handreiking §4,
stap 1: na toestemming deelt de verwijzer de verwijzing). Privacytoestemming (scope patient-privacy), opt-in, voor
coördinatie van zorg en ondersteuning, met de organisatie die de toestemming vastlegt (organization), de ontvangende
organisatie(s) (provision.actor) en de geldigheidsperiode. Status actief, niet meer actief (ingetrokken/verlopen) of
geweigerd.
EN: The resident's consent to share the referral with the social domain: privacy consent, opt-in, for coordination of
care, naming the recording and receiving organisations and the period.
"""
* insert BrugMetadata
* status MS
* status from BrugToestemmingStatusVS (required)
* scope MS
* scope = $consentscope#patient-privacy
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains patientConsent 1..1 MS
* category[patientConsent] = $loinc#59284-0
* category[patientConsent] ^short = "Toestemming van de patiënt / patient consent (LOINC 59284-0)"
* patient 1..1 MS
* patient only Reference(BrugPatient)
* dateTime 1..1 MS
* performer 1..* MS
* performer only Reference(BrugPatient or RelatedPerson)
* performer ^short = "Wie toestemming geeft: de inwoner of een vertegenwoordiger / who consents"
* organization 1..* MS
* organization only Reference(BrugOrganization)
* organization ^short = "Organisatie die de toestemming vastlegt (de verwijzer) / custodian"
* policyRule 1..1 MS
* policyRule from $v3-ActConsentDirective (extensible)
* policyRule = $v3-ActCode#OPTIN
* provision 1..1 MS
* provision.type 1..1 MS
* provision.type = #permit
* provision.period 1..1 MS
* provision.period.start 1..1
* provision.actor 1..* MS
* provision.actor.role = $v3-ParticipationType#IRCP
* provision.actor.reference only Reference(BrugOrganization or BrugPractitionerRole)
* provision.actor ^short = "Ontvanger(s) in het sociaal domein / recipients in the social domain"
* provision.purpose 1..* MS
* provision.purpose ^slicing.discriminator.type = #pattern
* provision.purpose ^slicing.discriminator.path = "$this"
* provision.purpose ^slicing.rules = #open
* provision.purpose contains coordinatieVanZorg 1..1 MS
* provision.purpose[coordinatieVanZorg] = $v3-ActReason#COC
* provision.purpose ^short = "Coördinatie van zorg en ondersteuning / coordination of care"

Profile: BrugVerwijzingTaak
Parent: Task
Id: brug-verwijzingtaak
Title: "Brug VerwijzingTaak (uitvoering verwijzing)"
Description: """
NL: De taak waarmee de verwijzing wordt uitgevoerd: focus is de Verwijzing, for is de inwoner, requester de verwijzer,
owner de organisatie, het aanbod of de professional met brugfunctie. Task.status volgt de FHIR-statusmachine;
businessStatus geeft de processtap (een van de vier). Afwijzen, annuleren, pauzeren en mislukken vragen een gecodeerde
statusReason. output verwijst naar de Terugkoppelingen. Dataminimalisatie: een taak bevat geen vrije tekst over de
inwoner (geen description, note, input of tekst in statusReason en businessStatus).
EN: The task that carries out the referral: focus the referral, for the resident, owned by the bridging organisation.
businessStatus holds the process step; output references the feedback. No free text about the resident.
"""
* insert BrugMetadata
* obeys brug-taak-1
* identifier MS
* status MS
* statusReason MS
* statusReason from BrugTaakStatusredenVS (required)
* statusReason.coding 1..*
* statusReason.text 0..0
* businessStatus 1..1 MS
* businessStatus from BrugProcesstapVS (required)
* businessStatus.coding 1..*
* businessStatus.text 0..0
* intent = #order
* code 1..1 MS
* code = $task-code#fulfill
* description 0..0
* focus 1..1 MS
* focus only Reference(BrugVerwijzing)
* for 1..1 MS
* for only Reference(BrugPatient)
* authoredOn 1..1 MS
* lastModified MS
* requester 1..1 MS
* requester only Reference(BrugPractitionerRole)
* owner 1..1 MS
* owner only Reference(BrugOrganization or BrugHealthcareService or BrugPractitionerRole)
* executionPeriod MS
* reasonCode 0..0
* reasonReference 0..0
* note 0..0
* input 0..0
* output MS
* output.type from BrugTerugkoppelingSoortVS (required)
* output.value[x] only Reference(BrugTerugkoppeling)

Invariant: brug-taak-1
Description: "NL: Een afgewezen, geannuleerde, gepauzeerde of mislukte taak heeft een statusReason. EN: A rejected, cancelled, on-hold or failed task has a statusReason."
Severity: #error
Expression: "(status = 'rejected' or status = 'cancelled' or status = 'on-hold' or status = 'failed') implies statusReason.exists()"

Profile: BrugTerugkoppeling
Parent: Communication
Id: brug-terugkoppeling
Title: "Brug Terugkoppeling (terugkoppeling aan verwijzer)"
Description: """
NL: De terugkoppeling van de sociaal domein professional aan de verwijzer, na het eerste contact, na evaluatie of bij
afsluiting (category). Een Communication: het is een bericht van een afzender aan een ontvanger over de verwijzing
(basedOn de Verwijzing, about de VerwijzingTaak), geen ingevuld formulier; daarvoor zou een QuestionnaireResponse met
een vaste Questionnaire nodig zijn, terwijl regio's de inhoud van de terugkoppeling zelf afspreken. De payload bevat het
aanbod waarmee de inwoner is verbonden (verwijzing naar HealthcareService) en het vervolgadvies (tekst); de uitkomst is
gecodeerd in de extensie brug-uitkomst, verplicht bij evaluatie en afsluiting.
EN: Feedback from the bridging professional to the referrer after the first contact, at evaluation or at closing.
A Communication (a message from sender to recipient based on the referral) rather than a QuestionnaireResponse (a
completed form needing a fixed Questionnaire). Payload: connected offers (HealthcareService) and follow-up advice;
the outcome is coded in the brug-uitkomst extension.
"""
* insert BrugMetadata
* obeys brug-terugkoppeling-1 and brug-terugkoppeling-2
* extension contains BrugUitkomst named uitkomst 0..2 MS
* extension[uitkomst] ^short = "Uitkomst: toeleiding en (bij evaluatie) ervaren effect / outcome"
* identifier MS
* basedOn 1..1 MS
* basedOn only Reference(BrugVerwijzing)
* partOf 0..0
* partOf ^comment = "Niet gebruikt: de relatie met de VerwijzingTaak staat in about (R4 Communication.partOf is bedoeld voor een omvattende gebeurtenis). / Not used: the task link is in about."
* status MS
* category 1..1 MS
* category from BrugTerugkoppelingSoortVS (required)
* subject 1..1 MS
* subject only Reference(BrugPatient)
* about 1..1 MS
* about only Reference(BrugVerwijzingTaak)
* about ^short = "De VerwijzingTaak waarover teruggekoppeld wordt / the referral task"
* sent 1..1 MS
* received MS
* sender 1..1 MS
* sender only Reference(BrugPractitionerRole or BrugOrganization or BrugHealthcareService)
* recipient 1..* MS
* recipient only Reference(BrugPractitionerRole or BrugOrganization)
* reasonCode 0..0
* reasonReference 0..0
* note 0..0
* payload MS
* payload.content[x] only string or Reference(BrugHealthcareService)
* payload ^slicing.discriminator.type = #type
* payload ^slicing.discriminator.path = "content"
* payload ^slicing.rules = #closed
* payload ^slicing.description = "Verbonden aanbod (Reference) of vervolgadvies (tekst) / connected offer or follow-up advice"
* payload contains aanbod 0..* MS and advies 0..1 MS
* payload[aanbod].content[x] only Reference(BrugHealthcareService)
* payload[aanbod] ^short = "Aanbod waarmee de inwoner is verbonden / connected offer"
* payload[advies].content[x] only string
* payload[advies] ^short = "Vervolgadvies voor de verwijzer / follow-up advice"

Invariant: brug-terugkoppeling-2
Description: "NL: De payload bevat alleen verwijzingen naar aanbod en tekst, geen bijlagen (dataminimalisatie; herhaalt de gesloten slicing voor validators die die niet toepassen). EN: The payload holds only offer references and text, no attachments."
Severity: #error
Expression: "payload.content.ofType(Attachment).empty()"

Invariant: brug-terugkoppeling-1
Description: "NL: Een terugkoppeling na evaluatie of bij afsluiting bevat een uitkomst. EN: Feedback after evaluation or at closing carries an outcome."
Severity: #error
Expression: "category.coding.where(code = 'evaluatie' or code = 'afsluiting').exists() implies extension.where(url = '{{canonical}}/StructureDefinition/brug-uitkomst').exists()"
