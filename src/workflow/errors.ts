import { addTranslations, defineError } from '../errors.ts';
import { WORKFLOW_ERRORS_NL } from './errors-nl.ts';

/**
 * The referral workflow's refusals. A move the table does not allow from the current status is a conflict (409): it
 * depends on the Task's state, and a client that rereads the Task may find another move that is allowed. A move
 * that is allowed but lacks what it needs (reason, feedback, consent) breaks a business rule (422).
 */
export const WorkflowErrors = {
  noSide: defineError('BRUG_WF_NO_SIDE', 'forbidden', 'Only the requester side or the owner side of a referral may write its Task; your organisation (%s) is neither'),
  transitionNotAllowed: defineError('BRUG_WF_TRANSITION', 'conflict', 'Task.status may not change from %s to %s by the %s side; %s'),
  createNotRequested: defineError('BRUG_WF_CREATE_STATUS', 'conflict', 'A referral Task is created with status requested by the requester side, not %s by the %s side'),
  fieldNotChangeable: defineError('BRUG_WF_FIELD', 'forbidden', 'The %s side may not change Task.%s'),
  reasonRequired: defineError('BRUG_WF_REASON', 'business-rule', 'Moving the Task to %s needs a coded Task.statusReason'),
  feedbackRequired: defineError('BRUG_WF_FEEDBACK', 'business-rule', 'Moving the Task to %s needs the %s feedback: a Task.output of type %s whose valueReference is an existing Communication'),
  wrongStep: defineError('BRUG_WF_STEP', 'business-rule', 'With status %s, Task.businessStatus must be one of the process steps %s, not %s'),
  consentRequired: defineError('BRUG_WF_CONSENT', 'business-rule', 'No referral without an active Consent that covers it: %s'),
  inUse: defineError('BRUG_WF_IN_USE', 'conflict', '%s cannot be %s while referrals rest on it: %s. The GALA figures count a referral until its Task is entered-in-error'),
  ifMatchRequired: defineError('BRUG_WF_IF_MATCH', 'precondition-required', 'An update of a Task needs If-Match with the version you last read (W/"n"), so two systems never overwrite each other'),
  erasureAdminOnly: defineError('BRUG_WF_ERASE_ROLE', 'forbidden', 'Only an administrator erases a resident (AVG art. 17); your role is %s'),
  unknownResident: defineError('BRUG_WF_ERASE_UNKNOWN', 'not-found', 'Patient/%s is not known, so there is nobody to erase'),
  erased: defineError('BRUG_WF_ERASED', 'conflict', '%s was erased at the resident\'s request (AVG art. 17): what is left is an anonymous residue for the key figures, and it does not change any more'),
};

addTranslations('nl', WORKFLOW_ERRORS_NL);
