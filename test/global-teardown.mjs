import { stopEmbedded } from './global-setup.mjs';

export default async function globalTeardown() {
  await stopEmbedded();
}
