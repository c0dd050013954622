import { conversationContext, leadFacts } from '../../__tests__/support/conversation-fixtures';
import { renderTemplate, templateValues } from '../reply-template';
import { speakTime } from '../spoken-time-format';

describe('reply templates', () => {
  it('fills the lead, agent and company', () => {
    const values = templateValues(conversationContext());
    expect(renderTemplate('Hi {lead_name} ({first_name}), {agent_name} from {company} for {lead_company}.', values))
      .toBe('Hi Jane Doe (Jane), Ava from Parley for Acme Corp.');
  });

  it('speaks naturally without a lead: no ", there" in thanks, "there" in greetings', () => {
    const values = templateValues(conversationContext({ lead: null }));
    expect(renderTemplate('Hi {first_name}, this is {agent_name}.', values)).toBe('Hi there, this is Ava.');
    expect(renderTemplate('Thanks so much, {first_name}!', values)).toBe('Thanks so much!');
  });

  it('leaves unknown placeholders as written and tidies spacing', () => {
    const values = templateValues(conversationContext({ lead: leadFacts({ company: null }) }));
    expect(renderTemplate('Hello  {nickname} ,  welcome to {company} .', values)).toBe('Hello {nickname}, welcome to Parley.');
  });
});

describe('speakTime', () => {
  const now = new Date('2025-01-10T15:00:00Z');
  it.each<[string, string]>([
    ['2025-01-10T20:00:00Z', 'today at 3 PM'],
    ['2025-01-11T14:30:00Z', 'tomorrow at 9:30 AM'],
    ['2025-01-14T15:00:00Z', 'on Tuesday at 10 AM'],
    ['2025-02-03T19:00:00Z', 'on Monday, February 3 at 2 PM'],
  ])('%s → %s in New York', (iso, spoken) => {
    expect(speakTime(new Date(iso), now, 'America/New_York')).toBe(spoken);
  });
});
