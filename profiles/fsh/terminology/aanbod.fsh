CodeSystem: BrugAanbodSoortCS
Id: brug-aanbod-soort
Title: "Brug soort aanbod"
Description: """
NL: Soorten aanbod in de sociale basis en het sociaal domein waar de sociaal domein professional de inwoner naartoe
leidt (handreiking §6), plus de brugfunctie zelf (het aanbod dat verwijzingen ontvangt). Er is geen nationale codelijst
voor de sociale kaart; Brug definieert deze soorten.
EN: Kinds of offers in the community and social domain (the 'sociale kaart'), including the bridging service itself.
"""
* insert BrugCodeSystem
* #brugfunctie "Sociaal domein professional met brugfunctie" "Het aanbod dat sociale verwijzingen ontvangt: welzijnscoach, brugfunctionaris of dorpsondersteuner."
* insert En(#brugfunctie, [[Social-domain professional with a bridging role (link worker)]])
* #welzijn-op-recept "Welzijn op Recept" "De interventie Welzijn op Recept."
* insert En(#welzijn-op-recept, [[Welzijn op Recept (social prescribing intervention)]])
* #ontmoeting "Ontmoeting en inloop" "Buurthuis, inloopvoorziening sociaal en gezond, koffieochtend."
* insert En(#ontmoeting, [[Meeting places and drop-in]])
* #sport-bewegen "Sport en bewegen" "Sport- en beweegactiviteiten, wandelgroep."
* insert En(#sport-bewegen, [[Sport and physical activity]])
* #cultuur-creatief "Cultuur en creativiteit" "Culturele en creatieve activiteiten."
* insert En(#cultuur-creatief, [[Culture and creative activities]])
* #natuur "Natuur en buiten" "Activiteiten in de natuur, tuinieren."
* insert En(#natuur, [[Nature and outdoor activities]])
* #vrijwilligerswerk "Vrijwilligerswerk" "Vrijwilligerswerk en andere vormen van meedoen."
* insert En(#vrijwilligerswerk, [[Volunteering]])
* #maatje "Maatje of buddy" "Maatjes- en buddyprojecten."
* insert En(#maatje, [[Buddy schemes]])
* #lotgenotencontact "Lotgenotencontact" "Lotgenotengroepen, waaronder rouwgroepen."
* insert En(#lotgenotencontact, [[Peer support groups]])
* #geldzorgen "Hulp bij geldzorgen" "Ondersteuning bij geldzorgen en beginnende schulden, formulierenhulp."
* insert En(#geldzorgen, [[Help with money worries]])
* #schuldhulpverlening "Schuldhulpverlening" "Gemeentelijke schuldhulpverlening."
* insert En(#schuldhulpverlening, [[Debt counselling]])
* #sociaal-wijkteam "Sociaal (wijk)team" "Ondersteuning door het sociaal (wijk)team van de gemeente."
* insert En(#sociaal-wijkteam, [[Neighbourhood social team]])
* #maatschappelijk-werk "Maatschappelijk werk" "Algemeen maatschappelijk werk."
* insert En(#maatschappelijk-werk, [[Social work]])
* #mantelzorgondersteuning "Mantelzorgondersteuning" "Ondersteuning van mantelzorgers."
* insert En(#mantelzorgondersteuning, [[Support for informal carers]])
* #taal-digitaal "Taal en digitale vaardigheden" "Taalcafé, digitale hulp, cursussen basisvaardigheden."
* insert En(#taal-digitaal, [[Language and digital skills]])
* #praktische-hulp "Praktische hulp, informatie en advies" "Praktische ondersteuning en informatie en advies."
* insert En(#praktische-hulp, [[Practical help, information and advice]])
* #maatwerkvoorziening "Maatwerkvoorziening" "Individuele voorziening via de gemeente (bijvoorbeeld Wmo)."
* insert En(#maatwerkvoorziening, [[Individual provision through the municipality]])

ValueSet: BrugAanbodSoortVS
Id: brug-aanbod-soort
Title: "Brug soort aanbod"
Description: "NL: Alle soorten aanbod. EN: All kinds of offers. Extensible binding on HealthcareService.type."
* insert BrugMetadata
* include codes from system BrugAanbodSoortCS
