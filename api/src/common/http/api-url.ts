/** A URL the API answers (/api, /api/..., /api?...), as opposed to the console's and the portal's pages. */
export function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
