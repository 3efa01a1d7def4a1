// Professional roles. SNOMED CT occupation codes (international edition), checked against public references:
// 62247001 Family medicine specialist (huisarts; also used for 'huisarts' in Dutch exchanges), 159002008 Practice nurse
// (praktijkondersteuner huisarts, POH), 158997000 District nurse (wijkverpleegkundige), 36682004 Physiotherapist,
// 80546007 Occupational therapist (ergotherapeut), 106328005 Social worker.
// Nictiz nl-core codes the specialty of a PractitionerRole with the Vektis AGB specialism list (COD016-VEKT,
// urn:oid:2.16.840.1.113883.2.4.6.7, e.g. 0100 "Huisartsen, niet nader gespecificeerd"); Brug accepts that in
// PractitionerRole.specialty and uses SNOMED CT occupations in PractitionerRole.code.

ValueSet: BrugVerwijzerRolVS
Id: brug-verwijzer-rol
Title: "Brug rol verwijzer"
Description: "NL: Rollen van eerstelijnszorgverleners die sociaal verwijzen: huisarts, praktijkondersteuner (POH), wijkverpleegkundige, fysiotherapeut, ergotherapeut (handreiking §3). EN: Roles of first-line professionals who refer. Extensible: regions may add other first-line roles."
* insert BrugMetadata
* ^copyright = "Deze waardelijst bevat SNOMED CT-inhoud (© SNOMED International)."
* $sct#62247001 "Family medicine specialist"
* $sct#159002008 "Practice nurse"
* $sct#158997000 "District nurse"
* $sct#36682004 "Physiotherapist"
* $sct#80546007 "Occupational therapist"

CodeSystem: BrugRolCS
Id: brug-rol
Title: "Brug rol in de keten"
Description: "NL: Rollen in de keten van sociaal verwijzen die geen beroep zijn en die SNOMED CT niet kent. EN: Roles in the social-prescribing chain that are functions rather than occupations, which SNOMED CT does not cover."
* insert BrugCodeSystem
* #brugfunctionaris "Sociaal domein professional met brugfunctie" "De professional die verwijzingen ontvangt, de vraag verheldert, verbindt met aanbod en terugkoppelt; ook welzijnscoach of dorpsondersteuner genoemd (handreiking §3)."
* insert En(#brugfunctionaris, [[Social-domain professional with a bridging role (link worker)]])

ValueSet: BrugProfessionalRolVS
Id: brug-professional-rol
Title: "Brug rol professional"
Description: "NL: Alle rollen van professionals in de keten: de verwijzers, de sociaal domein professional met brugfunctie en de sociaal werker. EN: All professional roles in the chain. Extensible binding on PractitionerRole.code."
* insert BrugMetadata
* ^copyright = "Deze waardelijst bevat SNOMED CT-inhoud (© SNOMED International)."
* include codes from valueset BrugVerwijzerRolVS
* $sct#106328005 "Social worker"
* include codes from system BrugRolCS

CodeSystem: BrugOrganisatieSoortCS
Id: brug-organisatie-soort
Title: "Brug soort organisatie"
Description: "NL: Soorten organisaties in het sociaal domein die de Nederlandse zorgaanbiederslijst (RoleCodeNL, urn:oid:2.16.840.1.113883.2.4.15.1060) niet kent. Nodig om aangesloten huisartsenpraktijken en welzijnsorganisaties te tellen (GALA-monitor). EN: Social-domain organisation types missing from the Dutch healthcare-provider type list."
* insert BrugCodeSystem
* #welzijnsorganisatie "Welzijnsorganisatie" "Sociaal werkorganisatie of welzijnsorganisatie."
* insert En(#welzijnsorganisatie, [[Social work or welfare organisation]])
* #sociaal-wijkteam "Sociaal (wijk)team" "Sociaal (wijk)team van of namens de gemeente."
* insert En(#sociaal-wijkteam, [[Neighbourhood social team]])
* #gemeente "Gemeente" "Gemeente (als organisatie)."
* insert En(#gemeente, [[Municipality]])
* #vrijwilligersorganisatie "Vrijwilligers- of bewonersinitiatief" "Vrijwilligersorganisatie of burgerinitiatief in de sociale basis."
* insert En(#vrijwilligersorganisatie, [[Volunteer or residents' initiative]])

ValueSet: BrugOrganisatieSoortVS
Id: brug-organisatie-soort
Title: "Brug soort organisatie"
Description: "NL: Soorten organisaties: de zorgaanbiederssoorten uit RoleCodeNL (bijvoorbeeld Z3 huisartspraktijk) en de Brug-soorten voor het sociaal domein. EN: Organisation types: RoleCodeNL provider types plus Brug's social-domain types. Extensible binding on Organization.type."
* insert BrugMetadata
* include codes from system $rolecodenl-organisatie
* include codes from system BrugOrganisatieSoortCS
