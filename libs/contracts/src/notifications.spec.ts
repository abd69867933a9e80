import { NOTIFICATION_EVENTS, renderTemplate, templateProblems, whatsappParamCount } from './notifications';

const allowed = NOTIFICATION_EVENTS.returned;

describe('notification templates', () => {
  it('accepts the event placeholders and if/unless blocks', () => {
    expect(templateProblems('Yth. {{name}}, {{#if reason}}alasan: {{reason}}{{/if}}{{#unless reason}}-{{/unless}}', allowed)).toEqual([]);
  });
  it('names an unknown placeholder', () => {
    expect(templateProblems('Halo {{nama}}', allowed)[0]).toContain('{{nama}}');
  });
  it.each([
    '{{lookup this "constructor"}}',
    '{{> partial}}',
    '{{#each name}}x{{/each}}',
    '{{this.name}}',
    '{{@root}}',
    '{{../name}}',
    '{{name.length}}',
    '{{{name}}',
  ])('refuses %s', (text) => expect(templateProblems(text, allowed).length).toBeGreaterThan(0));
  it('reports a syntax error instead of throwing', () => {
    expect(templateProblems('{{#if name}}open', allowed)[0]).toMatch(/not a valid template/);
  });
  it('renders plain text without HTML escaping or prototype access', () => {
    expect(renderTemplate('{{name}} & {{reason}}', { name: 'Sari <b>', reason: 'A & B' })).toBe('Sari <b> & A & B');
    expect(renderTemplate('[{{constructor}}]', {})).toBe('[]');
  });
  it('counts WhatsApp body parameters', () => {
    expect(whatsappParamCount('Kode {{1}} perlu {{2}} di {{3}}')).toBe(3);
    expect(whatsappParamCount('tanpa parameter')).toBe(0);
  });
});
