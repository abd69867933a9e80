import { isPrivateAddress, outboundUrlProblem } from './outbound-url';

describe('outbound URL check (SSRF)', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '0.0.0.0',
  ])('treats %s as private', (ip) => expect(isPrivateAddress(ip)).toBe(true));
  it.each(['8.8.8.8', '103.10.20.30', '2001:4860:4860::8888'])('treats %s as public', (ip) => expect(isPrivateAddress(ip)).toBe(false));

  it('refuses other schemes, credentials and private hosts, and allows them in demo mode', async () => {
    await expect(outboundUrlProblem('ftp://example.org/x', false)).resolves.toBe('must be an http or https URL');
    await expect(outboundUrlProblem('file:///etc/passwd', true)).resolves.toBe('must be an http or https URL');
    await expect(outboundUrlProblem('not a url', false)).resolves.toBe('must be an absolute URL');
    await expect(outboundUrlProblem('https://user:pw@8.8.8.8/', false)).resolves.toBe('must not carry credentials');
    await expect(outboundUrlProblem('http://localhost:8080/hook', false)).resolves.toBe('points at a loopback address');
    await expect(outboundUrlProblem('http://[::1]/hook', false)).resolves.toBe('points at a loopback or private network address');
    await expect(outboundUrlProblem('http://169.254.169.254/latest/meta-data', false)).resolves.toBe(
      'points at a loopback or private network address',
    );
    await expect(outboundUrlProblem('https://8.8.8.8/hook', false)).resolves.toBeNull();
    await expect(outboundUrlProblem('http://127.0.0.1:9999/hook', true)).resolves.toBeNull();
  });
});
