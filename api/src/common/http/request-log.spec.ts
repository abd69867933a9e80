import { loggedUrl } from './request-log';

describe('loggedUrl: the access log holds no NIK or phone number', () => {
  it('masks a NIK in an encoded search filter, a path and a phone number in a query', () => {
    expect(loggedUrl('/api/cases?filter=%7B%22q%22%3A%223573054107900001%22%7D')).toBe(
      `/api/cases?filter=%7B%22q%22%3A%22${'*'.repeat(16)}%22%7D`,
    );
    expect(loggedUrl('/api/x/3573054107900001')).toBe(`/api/x/${'*'.repeat(16)}`);
    expect(loggedUrl('/a?p=081234567890&x=%2B6281234567890')).toBe(`/a?p=${'*'.repeat(12)}&x=%2B${'*'.repeat(13)}`);
  });

  it('leaves ids, tracking codes, UUIDs and short numbers alone', () => {
    for (const url of [
      '/api/cases/0e5c1a2b-1234-4abc-8def-123456789012',
      '/api/public/track/DUK-ABCD-EFGH?factor=0001',
      '/api/deliveries/12345',
      '/api/x?limit=25',
    ])
      expect(loggedUrl(url)).toBe(url);
  });
});
