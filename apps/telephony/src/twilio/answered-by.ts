/** Answering-machine results that mean a machine, not a person, picked up (Twilio's AnsweredBy). */
const MACHINE = /^(machine_|fax)/;

export function answeredByMachine(answeredBy: string | undefined | null): boolean {
  return !!answeredBy && MACHINE.test(answeredBy);
}
