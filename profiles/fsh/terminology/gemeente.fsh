CodeSystem: BrugGemeenteCS
Id: brug-gemeente
Title: "CBS gemeentecode"
Description: """
NL: De gemeentecodes van het CBS (de jaarlijkse Gemeentelijke indeling): 'GM' gevolgd door vier cijfers, met de naam van
de gemeente zoals het CBS die schrijft. Er is geen gepubliceerde FHIR-url voor deze lijst; Brug gebruikt deze canonical.
Dit is een deel van de lijst (content = fragment): de gemeenten die Brug nu kent. Een code die hier ontbreekt is niet
ongeldig; het formaat wordt gecontroleerd met een invariant, en het dashboard toont dan de code zonder naam.
EN: Statistics Netherlands (CBS) municipality codes, 'GM' plus four digits, with the CBS name. No published FHIR url
exists; this Brug canonical stands in for the CBS list. A fragment: the municipalities Brug knows today.
"""
* insert BrugMetadata
* ^caseSensitive = true
* ^content = #fragment
* #GM0344 "Utrecht"
* #GM0363 "Amsterdam"
