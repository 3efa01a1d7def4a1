CodeSystem: BrugProcesstapCS
Id: brug-processtap
Title: "Brug processtap sociaal verwijzen"
Description: """
NL: De vier processtappen van sociaal verwijzen uit de Handreiking sociaal verwijzen (2026), hoofdstuk 4. Gebruikt in
VerwijzingTaak (Task.businessStatus) om aan te geven in welke stap de verwijzing zich bevindt.
EN: The four process steps of Dutch social prescribing (national guideline, chapter 4), used in Task.businessStatus.
No national code system exists for these steps, so Brug defines them.
"""
* insert BrugCodeSystem
* ^property[0].code = #volgorde
* ^property[=].description = "Volgorde van de stap in het proces (1-4) / order of the step"
* ^property[=].type = #integer
* #signaleren-verwijzen "Signaleren en verwijzen" "Stap 1: de eerstelijnszorgverlener signaleert psychosociale problemen, bespreekt ze met de inwoner, vraagt toestemming en verwijst warm door naar de sociaal domein professional met brugfunctie."
* #signaleren-verwijzen ^property[0].code = #volgorde
* #signaleren-verwijzen ^property[=].valueInteger = 1
* insert En(#signaleren-verwijzen, [[Identification and referral]])
* #vraagverheldering-verbinding "Vraagverheldering en verbinding" "Stap 2: de sociaal domein professional met brugfunctie gaat met de inwoner in gesprek, verheldert de vraag en verbindt de inwoner met passend aanbod. Na het eerste contact volgt een eerste terugkoppeling."
* #vraagverheldering-verbinding ^property[0].code = #volgorde
* #vraagverheldering-verbinding ^property[=].valueInteger = 2
* insert En(#vraagverheldering-verbinding, [[Clarifying the question and connecting]])
* #activiteiten-voorzieningen "Activiteiten en voorzieningen" "Stap 3: de inwoner neemt deel aan activiteiten of maakt gebruik van voorzieningen in de sociale basis of het sociaal domein."
* #activiteiten-voorzieningen ^property[0].code = #volgorde
* #activiteiten-voorzieningen ^property[=].valueInteger = 3
* insert En(#activiteiten-voorzieningen, [[Activities and services]])
* #evaluatie-terugkoppeling "Evaluatie en terugkoppeling" "Stap 4: de sociaal domein professional volgt de inwoner, evalueert en koppelt terug aan de verwijzer waarmee de inwoner aan de slag is gegaan en of dit heeft geholpen."
* #evaluatie-terugkoppeling ^property[0].code = #volgorde
* #evaluatie-terugkoppeling ^property[=].valueInteger = 4
* insert En(#evaluatie-terugkoppeling, [[Evaluation and feedback]])

ValueSet: BrugProcesstapVS
Id: brug-processtap
Title: "Brug processtap sociaal verwijzen"
Description: "NL: De vier processtappen van sociaal verwijzen. EN: The four process steps of social prescribing. Required binding on VerwijzingTaak.businessStatus."
* insert BrugMetadata
* include codes from system BrugProcesstapCS
