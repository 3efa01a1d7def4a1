CodeSystem: BrugLevensgebiedCS
Id: brug-levensgebied
Title: "Brug levensgebied"
Description: """
NL: Neutrale levensgebieden waarop psychosociale problemen en ondersteuning betrekking hebben. Brug definieert deze
zelf: er is geen nationale codelijst, en de Zelfredzaamheid-Matrix is auteursrechtelijk beschermd (Brug neemt geen
teksten of indeling daarvan over). Een ConceptMap legt op naam een verband met de zes dimensies van Positieve Gezondheid.
EN: Brug's own neutral life domains for psychosocial problems and support offers. Not derived from the copyrighted
Self-Sufficiency Matrix; mapped by name only to the six dimensions of Positive Health.
"""
* insert BrugCodeSystem
* #financien "Inkomen en financiën" "Inkomen, geldzaken, schulden, toeslagen en uitkeringen."
* insert En(#financien, [[Income and finances]])
* #werk-dagbesteding "Werk, opleiding en dagbesteding" "Betaald werk, opleiding, vrijwilligerswerk en andere zinvolle daginvulling."
* insert En(#werk-dagbesteding, [[Work, education and daytime activities]])
* #wonen "Wonen en woonomgeving" "Huisvesting, woonsituatie, buurt en woonomgeving."
* insert En(#wonen, [[Housing and neighbourhood]])
* #sociaal-netwerk "Sociale contacten en netwerk" "Contacten met familie, vrienden en buren; eenzaamheid en sociaal isolement."
* insert En(#sociaal-netwerk, [[Social contacts and network]])
* #lichamelijke-gezondheid "Lichamelijke gezondheid" "Lichamelijke klachten, beperkingen en chronische aandoeningen zoals de inwoner die ervaart."
* insert En(#lichamelijke-gezondheid, [[Physical health]])
* #psychisch-welbevinden "Psychisch welbevinden" "Stemming, stress, spanning, verlies en rouw."
* insert En(#psychisch-welbevinden, [[Mental wellbeing]])
* #zingeving "Zingeving" "Betekenis, doelen en richting in het leven; het gevoel vast te lopen."
* insert En(#zingeving, [[Meaning and purpose]])
* #dagelijks-leven "Dagelijks leven en huishouden" "Dagelijkse zelfzorg, huishouden, regelzaken en digitale en taalvaardigheden."
* insert En(#dagelijks-leven, [[Daily life and household]])
* #leefstijl "Leefstijl en bewegen" "Bewegen, voeding, slaap en middelengebruik."
* insert En(#leefstijl, [[Lifestyle and physical activity]])
* #zorg-voor-anderen "Zorg voor anderen" "Mantelzorg, opvoeding en zorg voor naasten."
* insert En(#zorg-voor-anderen, [[Caring for others]])
* #veiligheid "Veiligheid" "Veiligheid thuis en in de omgeving, waaronder huiselijk geweld."
* insert En(#veiligheid, [[Safety]])
* #vrije-tijd "Vrije tijd en meedoen" "Hobby's, cultuur, sport en deelname aan de samenleving."
* insert En(#vrije-tijd, [[Leisure and participation]])

ValueSet: BrugLevensgebiedVS
Id: brug-levensgebied
Title: "Brug levensgebied"
Description: "NL: Alle levensgebieden van Brug. EN: All Brug life domains. Required binding on the life-domain category slice of Verwijzing; extensible on HealthcareService.characteristic."
* insert BrugMetadata
* include codes from system BrugLevensgebiedCS

CodeSystem: BrugPositieveGezondheidCS
Id: brug-positieve-gezondheid
Title: "Brug dimensies Positieve Gezondheid (alleen namen)"
Description: """
NL: De zes dimensies van Positieve Gezondheid, alleen bij naam, als doel van de ConceptMap vanuit de Brug
levensgebieden. Positieve Gezondheid is een gedachtegoed van het Institute for Positive Health (iPH); Brug neemt
alleen de namen van de dimensies over, geen vragen, scores of andere inhoud. Er bestaat geen gepubliceerd
FHIR-codesysteem voor deze dimensies.
EN: The six dimensions of Positive Health, by name only, as the target of the life-domain ConceptMap.
"""
* insert BrugCodeSystem
* ^copyright = "Positieve Gezondheid is een concept van het Institute for Positive Health (iPH). Alleen de namen van de dimensies worden hier gebruikt."
* #lichaamsfuncties "Lichaamsfuncties"
* insert En(#lichaamsfuncties, [[Bodily functions]])
* #mentaal-welbevinden "Mentaal welbevinden"
* insert En(#mentaal-welbevinden, [[Mental wellbeing]])
* #zingeving "Zingeving"
* insert En(#zingeving, [[Meaningfulness]])
* #kwaliteit-van-leven "Kwaliteit van leven"
* insert En(#kwaliteit-van-leven, [[Quality of life]])
* #meedoen "Meedoen"
* insert En(#meedoen, [[Participation]])
* #dagelijks-functioneren "Dagelijks functioneren"
* insert En(#dagelijks-functioneren, [[Daily functioning]])

ValueSet: BrugPositieveGezondheidVS
Id: brug-positieve-gezondheid
Title: "Brug dimensies Positieve Gezondheid (alleen namen)"
Description: "NL: De zes dimensies van Positieve Gezondheid, bij naam. EN: The six Positive Health dimensions, by name (target of a ConceptMap)."
* insert BrugMetadata
* include codes from system BrugPositieveGezondheidCS

Instance: BrugLevensgebiedPositieveGezondheid
InstanceOf: ConceptMap
Usage: #definition
Title: "Brug levensgebied naar Positieve Gezondheid"
Description: "NL: Koppeling op naam van de Brug levensgebieden naar de zes dimensies van Positieve Gezondheid (geen inhoudelijke gelijkstelling). EN: Name-level map from Brug life domains to the six Positive Health dimensions."
* id = "brug-levensgebied-positieve-gezondheid"
* name = "BrugLevensgebiedPositieveGezondheid"
* title = "Brug levensgebied naar Positieve Gezondheid"
* status = #draft
* experimental = false
* language = #nl
* publisher = "Brug"
* jurisdiction = urn:iso:std:iso:3166#NL "Netherlands"
* sourceCanonical = Canonical(BrugLevensgebiedVS)
* targetCanonical = Canonical(BrugPositieveGezondheidVS)
* group[0].source = Canonical(BrugLevensgebiedCS)
* group[=].target = Canonical(BrugPositieveGezondheidCS)
* insert Map(financien, kwaliteit-van-leven, relatedto)
* insert Map(werk-dagbesteding, meedoen, relatedto)
* insert Map(wonen, kwaliteit-van-leven, relatedto)
* insert Map(sociaal-netwerk, meedoen, relatedto)
* insert Map(lichamelijke-gezondheid, lichaamsfuncties, relatedto)
* insert Map(psychisch-welbevinden, mentaal-welbevinden, equivalent)
* insert Map(zingeving, zingeving, equivalent)
* insert Map(dagelijks-leven, dagelijks-functioneren, relatedto)
* insert Map(leefstijl, lichaamsfuncties, relatedto)
* insert Map(zorg-voor-anderen, dagelijks-functioneren, relatedto)
* insert Map(veiligheid, kwaliteit-van-leven, relatedto)
* insert Map(vrije-tijd, meedoen, relatedto)

// One mapping in the current group: * insert Map(sourceCode, targetCode, equivalence)
RuleSet: Map(source, target, equivalence)
* group[=].element[+].code = #{source}
* group[=].element[=].target[0].code = #{target}
* group[=].element[=].target[0].equivalence = #{equivalence}
