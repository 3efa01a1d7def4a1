// Format checks on Dutch identifiers. The BSN 11-test (elfproef) is an error; the other formats are warnings, because
// registers occasionally issue numbers that predate today's format.

Invariant: brug-bsn-1
Description: "NL: Een BSN bestaat uit 9 cijfers en voldoet aan de elfproef: 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9 is deelbaar door 11 (en niet 000000000). EN: A BSN has 9 digits and passes the 11-test."
Severity: #error
Expression: "identifier.where(system = 'http://fhir.nl/fhir/NamingSystem/bsn').all(value.matches('^[0-9]{9}$') and value != '000000000' and ((value.substring(0,1).toInteger() * 9 + value.substring(1,1).toInteger() * 8 + value.substring(2,1).toInteger() * 7 + value.substring(3,1).toInteger() * 6 + value.substring(4,1).toInteger() * 5 + value.substring(5,1).toInteger() * 4 + value.substring(6,1).toInteger() * 3 + value.substring(7,1).toInteger() * 2 - value.substring(8,1).toInteger()) mod 11) = 0)"

Invariant: brug-agb-1
Description: "NL: Een AGB-code bestaat uit 8 cijfers. EN: An AGB code has 8 digits."
Severity: #warning
Expression: "identifier.where(system = 'http://fhir.nl/fhir/NamingSystem/agb-z').all(value.matches('^[0-9]{8}$'))"

Invariant: brug-ura-1
Description: "NL: Een URA-nummer bestaat uit 8 cijfers. EN: A URA number has 8 digits."
Severity: #warning
Expression: "identifier.where(system = 'http://fhir.nl/fhir/NamingSystem/ura').all(value.matches('^[0-9]{8}$'))"

Invariant: brug-kvk-1
Description: "NL: Een KvK-nummer bestaat uit 8 cijfers. EN: A Chamber of Commerce (KvK) number has 8 digits."
Severity: #warning
Expression: "identifier.where(system = 'http://fhir.nl/fhir/NamingSystem/kvk').all(value.matches('^[0-9]{8}$'))"

Invariant: brug-big-1
Description: "NL: Een BIG-registratienummer bestaat uit 11 cijfers. EN: A BIG register number has 11 digits."
Severity: #warning
Expression: "identifier.where(system = 'http://fhir.nl/fhir/NamingSystem/big').all(value.matches('^[0-9]{11}$'))"

Invariant: brug-uzi-1
Description: "NL: Een UZI-nummer van een persoon bestaat uit 9 cijfers. EN: A personal UZI number has 9 digits."
Severity: #warning
Expression: "identifier.where(system = 'http://fhir.nl/fhir/NamingSystem/uzi-nr-pers').all(value.matches('^[0-9]{9}$'))"

// Slices an identifier list by system: * insert IdentifierSlicing
RuleSet: IdentifierSlicing
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Per identificatiesysteem / by identifier system"

// One identifier slice: * insert IdentifierSlice(name, system, short)
RuleSet: IdentifierSlice(name, system, short)
* identifier[{name}] ^short = "{short}"
* identifier[{name}].system 1..1
* identifier[{name}].system = "{system}"
* identifier[{name}].value 1..1
