// Search parameters the referral workflow and the monitoring need and FHIR R4 lacks.

RuleSet: BrugSearchParameter(id, code, type)
* id = "{id}"
* name = "{id}"
* status = #draft
* experimental = false
* code = #{code}
* type = #{type}
* xpathUsage = #normal
* publisher = "Brug"
* jurisdiction = urn:iso:std:iso:3166#NL "Netherlands"

Instance: BrugServiceRequestSupportingInfo
InstanceOf: SearchParameter
Usage: #definition
Title: "ServiceRequest supporting-info"
Description: "NL: Zoek verwijzingen op de gekoppelde Toestemming (ServiceRequest.supportingInfo), bijvoorbeeld om bij het intrekken van een toestemming de verwijzingen te vinden. EN: Find referrals by the linked consent."
* insert BrugSearchParameter(brug-servicerequest-supporting-info, supporting-info, reference)
* description = "NL: Verwijzingen op hun ondersteunende informatie (de Toestemming). EN: Referrals by supporting information (the consent)."
* base[0] = #ServiceRequest
* expression = "ServiceRequest.supportingInfo"
* target[0] = #Consent

Instance: BrugServiceRequestReasonCode
InstanceOf: SearchParameter
Usage: #definition
Title: "ServiceRequest reason-code"
Description: "NL: Zoek verwijzingen op verwijsreden (ServiceRequest.reasonCode), voor monitoring per reden. EN: Find referrals by reason code."
* insert BrugSearchParameter(brug-servicerequest-reason-code, reason-code, token)
* description = "NL: Verwijzingen op verwijsreden. EN: Referrals by reason code."
* base[0] = #ServiceRequest
* expression = "ServiceRequest.reasonCode"

Instance: BrugCommunicationAbout
InstanceOf: SearchParameter
Usage: #definition
Title: "Communication about"
Description: "NL: Zoek terugkoppelingen op de VerwijzingTaak waar ze over gaan (Communication.about). EN: Find feedback by the referral task it concerns."
* insert BrugSearchParameter(brug-communication-about, about, reference)
* description = "NL: Terugkoppelingen op het onderwerp (de VerwijzingTaak). EN: Communications by what they are about."
* base[0] = #Communication
* expression = "Communication.about"
* target[0] = #Task

Instance: BrugCommunicationUitkomst
InstanceOf: SearchParameter
Usage: #definition
Title: "Communication uitkomst"
Description: "NL: Zoek terugkoppelingen op uitkomst (extensie brug-uitkomst), voor monitoring. EN: Find feedback by outcome code."
* insert BrugSearchParameter(brug-communication-uitkomst, uitkomst, token)
* description = "NL: Terugkoppelingen op uitkomst. EN: Communications by outcome."
* base[0] = #Communication
* expression = "Communication.extension.where(url = '{{canonical}}/StructureDefinition/brug-uitkomst').value"

Instance: BrugGemeenteZoekparameter
InstanceOf: SearchParameter
Usage: #definition
Title: "gemeente"
Description: "NL: Zoek inwoners en organisaties op gemeente (CBS-code in de extensie brug-gemeente bij het adres) en aanbod en organisaties op werkgebied. EN: Find residents and organisations by municipality (CBS code) and services by the municipalities they serve."
* insert BrugSearchParameter(brug-gemeente, gemeente, token)
* description = "NL: Op gemeente als CBS-code, bijvoorbeeld gemeente=GM0363. EN: By municipality CBS code."
* base[0] = #Patient
* base[+] = #Organization
* base[+] = #HealthcareService
* expression = "Patient.address.extension.where(url = '{{canonical}}/StructureDefinition/brug-gemeente').value | Organization.address.extension.where(url = '{{canonical}}/StructureDefinition/brug-gemeente').value | Organization.extension.where(url = '{{canonical}}/StructureDefinition/brug-gemeente').value | HealthcareService.extension.where(url = '{{canonical}}/StructureDefinition/brug-gemeente').value"

Instance: BrugTaskOutput
InstanceOf: SearchParameter
Usage: #definition
Title: "Task output"
Description: "NL: Zoek VerwijzingTaken op een terugkoppeling in hun output (Task.output.value). EN: Find referral tasks by a feedback Communication in their output."
* insert BrugSearchParameter(brug-task-output, output, reference)
* description = "NL: Taken op een verwijzing in hun output. EN: Tasks by a reference in their output."
* base[0] = #Task
* expression = "Task.output.value.ofType(Reference)"
* target[0] = #Communication
