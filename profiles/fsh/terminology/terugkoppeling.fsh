CodeSystem: BrugTerugkoppelingSoortCS
Id: brug-terugkoppeling-soort
Title: "Brug soort terugkoppeling"
Description: "NL: Het moment in het proces waarop de sociaal domein professional terugkoppelt aan de verwijzer (handreiking §4, stap 2 en 4). EN: The point in the process at which the bridging professional reports back to the referrer."
* insert BrugCodeSystem
* #eerste-contact "Terugkoppeling na eerste contact" "Eerste terugkoppeling nadat de sociaal domein professional contact heeft gehad met de inwoner (stap 2)."
* insert En(#eerste-contact, [[Feedback after first contact]])
* #evaluatie "Terugkoppeling na evaluatie" "Terugkoppeling over waar de inwoner mee aan de slag is gegaan en of dat heeft geholpen (stap 4)."
* insert En(#evaluatie, [[Feedback after evaluation]])
* #afsluiting "Afsluitende terugkoppeling" "Terugkoppeling bij het afsluiten van de verwijzing, ook als er geen contact tot stand kwam."
* insert En(#afsluiting, [[Closing feedback]])

ValueSet: BrugTerugkoppelingSoortVS
Id: brug-terugkoppeling-soort
Title: "Brug soort terugkoppeling"
Description: "NL: Soorten terugkoppeling. EN: Kinds of feedback. Required binding on Terugkoppeling.category and VerwijzingTaak.output.type."
* insert BrugMetadata
* include codes from system BrugTerugkoppelingSoortCS

CodeSystem: BrugUitkomstCS
Id: brug-uitkomst
Title: "Brug uitkomst"
Description: """
NL: De uitkomst die de sociaal domein professional terugkoppelt: waar de verwijzing toe leidde (toeleiding) en, bij
evaluatie, of de inwoner zich geholpen voelt (ervaren effect). De twee groepen zijn abstract; kies per groep ten hoogste
één code.
EN: The outcome reported back: what the referral led to, and at evaluation whether the resident feels helped.
"""
* insert BrugCodeSystem
* ^property[0].code = #notSelectable
* ^property[=].uri = "http://hl7.org/fhir/concept-properties#notSelectable"
* ^property[=].type = #boolean
* #toeleiding "Toeleiding" "Waar de verwijzing toe heeft geleid."
* #toeleiding ^property[0].code = #notSelectable
* #toeleiding ^property[=].valueBoolean = true
* insert En(#toeleiding, [[Result of connecting]])
* #toeleiding #verbonden-sociale-basis "Verbonden met aanbod in de sociale basis" "De inwoner neemt deel aan activiteiten of voorzieningen in de sociale basis."
* insert En(#toeleiding #verbonden-sociale-basis, [[Connected to an offer in the community]])
* #toeleiding #verbonden-sociaal-domein "Toegeleid naar ondersteuning in het sociaal domein" "De inwoner is toegeleid naar (maatwerk)ondersteuning, bijvoorbeeld via het sociaal wijkteam."
* insert En(#toeleiding #verbonden-sociaal-domein, [[Referred to support in the social domain]])
* #toeleiding #zelf-verder "Inwoner kan zelf verder" "Na de gesprekken kan de inwoner zelf verder en is geen verdere ondersteuning nodig."
* insert En(#toeleiding #zelf-verder, [[Resident continues independently]])
* #toeleiding #terug-naar-verwijzer "Terug naar de verwijzer" "De vraag past niet bij sociaal verwijzen (bijvoorbeeld een zorgvraag); de verwijzer pakt die op."
* insert En(#toeleiding #terug-naar-verwijzer, [[Returned to the referrer]])
* #toeleiding #geen-contact "Geen contact tot stand gekomen" "De sociaal domein professional heeft de inwoner niet kunnen bereiken."
* insert En(#toeleiding #geen-contact, [[No contact established]])
* #toeleiding #afgezien "Inwoner ziet af van ondersteuning" "De inwoner wil (nu) geen ondersteuning."
* insert En(#toeleiding #afgezien, [[Resident declined support]])
* #toeleiding #nog-in-gesprek "Nog in gesprek" "Vraagverheldering loopt nog; er is nog geen aanbod gekozen."
* insert En(#toeleiding #nog-in-gesprek, [[Still in conversation]])
* #ervaren-effect "Ervaren effect" "Of de inwoner zich geholpen voelt, bij evaluatie."
* #ervaren-effect ^property[0].code = #notSelectable
* #ervaren-effect ^property[=].valueBoolean = true
* insert En(#ervaren-effect, [[Experienced effect]])
* #ervaren-effect #geholpen "Inwoner voelt zich geholpen"
* insert En(#ervaren-effect #geholpen, [[Resident feels helped]])
* #ervaren-effect #deels-geholpen "Inwoner voelt zich deels geholpen"
* insert En(#ervaren-effect #deels-geholpen, [[Resident feels partly helped]])
* #ervaren-effect #niet-geholpen "Inwoner voelt zich niet geholpen"
* insert En(#ervaren-effect #niet-geholpen, [[Resident does not feel helped]])

ValueSet: BrugUitkomstVS
Id: brug-uitkomst
Title: "Brug uitkomst"
Description: "NL: Alle selecteerbare uitkomsten (zonder de twee groepscodes). EN: All selectable outcomes. Required binding on the brug-uitkomst extension of Terugkoppeling."
* insert BrugMetadata
* include codes from system BrugUitkomstCS where concept descendent-of #toeleiding
* include codes from system BrugUitkomstCS where concept descendent-of #ervaren-effect
