/** What the agent does with its next line; the responder words each move in the agent's tone. */
export type DialogueMove =
  | 'introduce_purpose' | 'ask_qualification' | 'present' | 'check_in' | 'answer_question' | 'answer_pricing' | 'handle_objection'
  | 'book_callback' | 'book_demo' | 'propose_next_step' | 'confirm_agreement' | 'transfer' | 'opt_out' | 'wrong_person'
  | 'not_interested' | 'goodbye' | 'leave_voicemail' | 'small_talk' | 'clarify' | 'reprompt_silence';
