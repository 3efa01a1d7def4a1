Extension: BrugGemeente
Id: brug-gemeente
Title: "Brug gemeente (CBS-code)"
Description: "NL: De gemeente als CBS-gemeentecode (GM + vier cijfers, bijvoorbeeld GM0363): bij een adres de gemeente van dat adres, bij een HealthcareService het werkgebied, bij een Organization de gemeente die de organisatie is of bedient. Maakt tellen per gemeente mogelijk (GALA-monitor). EN: The municipality as CBS code; enables key figures per municipality."
Context: Address, HealthcareService, Organization
* insert BrugMetadata
* value[x] only Coding
* valueCoding 1..1
* valueCoding.system 1..1
* valueCoding.system = Canonical(BrugGemeenteCS)
* valueCoding.code 1..1
* obeys brug-gemeente-1

Invariant: brug-gemeente-1
Description: "NL: Een CBS-gemeentecode is 'GM' gevolgd door vier cijfers. EN: A CBS municipality code is 'GM' followed by four digits."
Severity: #error
Expression: "value.ofType(Coding).code.matches('^GM[0-9]{4}$')"

Invariant: brug-gemeente-2
Description: "NL: Elke brug-gemeente-extensie in de resource heeft een CBS-gemeentecode (GM + vier cijfers); herhaalt brug-gemeente-1 op resourceniveau, zodat ook validators die extensies niet apart valideren het controleren. EN: Every brug-gemeente extension in the resource carries a valid CBS code."
Severity: #error
Expression: "(extension | address.extension).where(url = '{{canonical}}/StructureDefinition/brug-gemeente').all(value.ofType(Coding).code.matches('^GM[0-9]{4}$'))"

Extension: BrugUitkomst
Id: brug-uitkomst
Title: "Brug uitkomst"
Description: "NL: De uitkomst van de verwijzing in een Terugkoppeling: waar de verwijzing toe leidde en, bij evaluatie, of de inwoner zich geholpen voelt. Een extensie omdat Communication.payload in R4 geen gecodeerde inhoud kent (R5 voegde contentCodeableConcept toe). EN: The referral outcome in a feedback Communication; an extension because R4 Communication.payload cannot carry a CodeableConcept."
Context: Communication
* insert BrugMetadata
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from BrugUitkomstVS (required)
