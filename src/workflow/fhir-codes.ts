/** Task.output types for the two feedback moments (handreiking §4, steps 2 and 4). */
export const FIRST_FEEDBACK = 'eerste-contact';
export const CLOSING_FEEDBACK = 'evaluatie';
