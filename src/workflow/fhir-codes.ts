/** The Brug code systems the workflow reads and writes (profiles/fsh/terminology). */
export const PROCESS_STEP_SYSTEM = 'https://brug.example.org/fhir/CodeSystem/brug-processtap';
export const FEEDBACK_KIND_SYSTEM = 'https://brug.example.org/fhir/CodeSystem/brug-terugkoppeling-soort';
export const STATUS_REASON_SYSTEM = 'https://brug.example.org/fhir/CodeSystem/brug-taak-statusreden';

/** Task.output types for the two feedback moments (handreiking §4, steps 2 and 4). */
export const FIRST_FEEDBACK = 'eerste-contact';
export const CLOSING_FEEDBACK = 'evaluatie';
