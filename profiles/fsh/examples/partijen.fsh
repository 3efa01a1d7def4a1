// Example parties. All people and organisations are fictional; the BSNs are test numbers that pass the 11-test
// (999911120, 999990019), and the AGB, URA, KvK, UZI and BIG numbers are made up in the right format.

Instance: voorbeeld-patient-anna
InstanceOf: BrugPatient
Title: "Inwoner Anna Jansen"
Description: "NL: Fictieve inwoner met test-BSN 999911120, woonachtig in Utrecht (GM0344). EN: Fictional resident."
Usage: #example
* identifier[bsn].system = "http://fhir.nl/fhir/NamingSystem/bsn"
* identifier[bsn].value = "999911120"
* name[0].use = #official
* name[0].family = "Jansen"
* name[0].given[0] = "Anna"
* name[0].text = "Anna Jansen"
* gender = #female
* birthDate = "1957-05-14"
* telecom[0].system = #phone
* telecom[0].value = "+31600000001"
* address[0].use = #home
* address[0].line[0] = "Voorbeeldstraat 12"
* address[0].city = "Utrecht"
* address[0].district = "Utrecht"
* address[0].postalCode = "3500 AA"
* address[0].country = "NL"
* address[0].extension[gemeente].valueCoding = BrugGemeenteCS#GM0344 "Utrecht"
* generalPractitioner[0] = Reference(voorbeeld-organisatie-huisartsenpraktijk) "Huisartsenpraktijk De Voorbeeldlinde"

Instance: voorbeeld-patient-karim
InstanceOf: BrugPatient
Title: "Inwoner Karim el Amrani"
Description: "NL: Fictieve inwoner met test-BSN 999990019. EN: Fictional resident."
Usage: #example
* identifier[bsn].system = "http://fhir.nl/fhir/NamingSystem/bsn"
* identifier[bsn].value = "999990019"
* name[0].family = "el Amrani"
* name[0].given[0] = "Karim"
* name[0].text = "Karim el Amrani"
* gender = #male
* birthDate = "1979-11-02"
* address[0].city = "Utrecht"
* address[0].extension[gemeente].valueCoding = BrugGemeenteCS#GM0344 "Utrecht"

Instance: voorbeeld-organisatie-huisartsenpraktijk
InstanceOf: BrugOrganization
Title: "Huisartsenpraktijk De Voorbeeldlinde"
Description: "NL: Fictieve huisartsenpraktijk met URA en AGB-code. EN: Fictional GP practice."
Usage: #example
* identifier[ura].system = "http://fhir.nl/fhir/NamingSystem/ura"
* identifier[ura].value = "90000123"
* identifier[agb].system = "http://fhir.nl/fhir/NamingSystem/agb-z"
* identifier[agb].value = "01009876"
* active = true
* type[0] = $rolecodenl-organisatie#Z3 "Huisartspraktijk (zelfstandig of groepspraktijk)"
* name = "Huisartsenpraktijk De Voorbeeldlinde"
* address[0].city = "Utrecht"
* address[0].extension[gemeente].valueCoding = BrugGemeenteCS#GM0344 "Utrecht"

Instance: voorbeeld-organisatie-welzijn
InstanceOf: BrugOrganization
Title: "Stichting Buurtkracht Voorbeeldstad"
Description: "NL: Fictieve welzijnsorganisatie, geïdentificeerd met een KvK-nummer, werkzaam in Utrecht. EN: Fictional welfare organisation identified by its KvK number."
Usage: #example
* identifier[kvk].system = "http://fhir.nl/fhir/NamingSystem/kvk"
* identifier[kvk].value = "41000123"
* active = true
* type[0] = BrugOrganisatieSoortCS#welzijnsorganisatie "Welzijnsorganisatie"
* name = "Stichting Buurtkracht Voorbeeldstad"
* extension[werkgebied].valueCoding = BrugGemeenteCS#GM0344 "Utrecht"

Instance: voorbeeld-practitioner-huisarts
InstanceOf: BrugPractitioner
Title: "Huisarts L. Bakker"
Description: "NL: Fictieve huisarts met UZI- en BIG-nummer. EN: Fictional GP."
Usage: #example
* identifier[uzi].system = "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers"
* identifier[uzi].value = "900000001"
* identifier[big].system = "http://fhir.nl/fhir/NamingSystem/big"
* identifier[big].value = "19000000101"
* name[0].family = "Bakker"
* name[0].given[0] = "Lotte"
* name[0].prefix[0] = "dr."
* name[0].text = "dr. L. Bakker"

Instance: voorbeeld-practitioner-poh
InstanceOf: BrugPractitioner
Title: "Praktijkondersteuner S. Visser"
Description: "NL: Fictieve praktijkondersteuner (POH). EN: Fictional practice nurse."
Usage: #example
* identifier[agb].system = "http://fhir.nl/fhir/NamingSystem/agb-z"
* identifier[agb].value = "04000002"
* name[0].family = "Visser"
* name[0].given[0] = "Sanne"
* name[0].text = "Sanne Visser"

Instance: voorbeeld-practitioner-welzijnscoach
InstanceOf: BrugPractitioner
Title: "Welzijnscoach M. Yilmaz"
Description: "NL: Fictieve welzijnscoach (sociaal domein professional met brugfunctie), zonder zorgregister-nummers. EN: Fictional link worker."
Usage: #example
* name[0].family = "Yilmaz"
* name[0].given[0] = "Mehmet"
* name[0].text = "Mehmet Yilmaz"
* telecom[0].system = #email
* telecom[0].value = "m.yilmaz@buurtkracht.example"

Instance: voorbeeld-rol-huisarts
InstanceOf: BrugPractitionerRole
Title: "Rol: huisarts bij De Voorbeeldlinde"
Description: "NL: Huisarts als verwijzer. EN: GP as referrer."
Usage: #example
* active = true
* practitioner = Reference(voorbeeld-practitioner-huisarts) "dr. L. Bakker"
* organization = Reference(voorbeeld-organisatie-huisartsenpraktijk) "Huisartsenpraktijk De Voorbeeldlinde"
* code[0] = $sct#62247001 "Family medicine specialist"
* specialty[0] = $agb-specialisme#0100 "Huisartsen, niet nader gespecificeerd"

Instance: voorbeeld-rol-poh
InstanceOf: BrugPractitionerRole
Title: "Rol: praktijkondersteuner bij De Voorbeeldlinde"
Description: "NL: POH als verwijzer. EN: Practice nurse as referrer."
Usage: #example
* active = true
* practitioner = Reference(voorbeeld-practitioner-poh) "Sanne Visser"
* organization = Reference(voorbeeld-organisatie-huisartsenpraktijk) "Huisartsenpraktijk De Voorbeeldlinde"
* code[0] = $sct#159002008 "Practice nurse"

Instance: voorbeeld-rol-welzijnscoach
InstanceOf: BrugPractitionerRole
Title: "Rol: welzijnscoach bij Buurtkracht"
Description: "NL: Sociaal domein professional met brugfunctie. EN: Link worker."
Usage: #example
* active = true
* practitioner = Reference(voorbeeld-practitioner-welzijnscoach) "Mehmet Yilmaz"
* organization = Reference(voorbeeld-organisatie-welzijn) "Stichting Buurtkracht Voorbeeldstad"
* code[0] = BrugRolCS#brugfunctionaris "Sociaal domein professional met brugfunctie"
* code[1] = $sct#106328005 "Social worker"
* healthcareService[0] = Reference(voorbeeld-aanbod-welzijnscoach) "Welzijnscoach Buurtkracht"

Instance: voorbeeld-aanbod-welzijnscoach
InstanceOf: BrugHealthcareService
Title: "Welzijnscoach Buurtkracht"
Description: "NL: Het aanbod met brugfunctie dat sociale verwijzingen ontvangt (Welzijn op Recept). EN: The bridging service that receives referrals."
Usage: #example
* active = true
* providedBy = Reference(voorbeeld-organisatie-welzijn) "Stichting Buurtkracht Voorbeeldstad"
* type[0] = BrugAanbodSoortCS#brugfunctie "Sociaal domein professional met brugfunctie"
* type[1] = BrugAanbodSoortCS#welzijn-op-recept "Welzijn op Recept"
* name = "Welzijnscoach Buurtkracht"
* telecom[0].system = #phone
* telecom[0].value = "+31300000000"
* extension[werkgebied].valueCoding = BrugGemeenteCS#GM0344 "Utrecht"

Instance: voorbeeld-aanbod-wandelgroep
InstanceOf: BrugHealthcareService
Title: "Wandelgroep Parkrondje"
Description: "NL: Activiteit in de sociale basis: wekelijkse wandelgroep. EN: Community offer: weekly walking group."
Usage: #example
* active = true
* providedBy = Reference(voorbeeld-organisatie-welzijn) "Stichting Buurtkracht Voorbeeldstad"
* type[0] = BrugAanbodSoortCS#sport-bewegen "Sport en bewegen"
* type[1] = BrugAanbodSoortCS#natuur "Natuur en buiten"
* characteristic[0] = BrugLevensgebiedCS#sociaal-netwerk "Sociale contacten en netwerk"
* characteristic[1] = BrugLevensgebiedCS#leefstijl "Leefstijl en bewegen"
* name = "Wandelgroep Parkrondje"
* extension[werkgebied].valueCoding = BrugGemeenteCS#GM0344 "Utrecht"

Instance: voorbeeld-aanbod-geldzorgen
InstanceOf: BrugHealthcareService
Title: "Spreekuur Geldzorgen"
Description: "NL: Ondersteuning bij geldzorgen en beginnende schulden. EN: Help with money worries."
Usage: #example
* active = true
* providedBy = Reference(voorbeeld-organisatie-welzijn) "Stichting Buurtkracht Voorbeeldstad"
* type[0] = BrugAanbodSoortCS#geldzorgen "Hulp bij geldzorgen"
* characteristic[0] = BrugLevensgebiedCS#financien "Inkomen en financiën"
* name = "Spreekuur Geldzorgen"
