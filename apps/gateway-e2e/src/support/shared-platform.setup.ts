import { isolation, type Isolation } from '@parley/testing';
import { startPlatform } from './platform';

type Platform = Awaited<ReturnType<typeof startPlatform>>;
let shared: { platform: Platform; iso: Isolation } | undefined;

/** Boots one platform for the whole e2e run; workers find it through the environment. */
export async function startSharedPlatform(): Promise<void> {
  const iso = isolation();
  const platform = await startPlatform(iso);
  process.env['E2E_BASE_URL'] = platform.baseUrl;
  process.env['E2E_ISOLATION'] = JSON.stringify({ id: iso.id, prefix: iso.prefix });
  shared = { platform, iso };
}

export async function stopSharedPlatform(): Promise<void> {
  if (!shared) return;
  await shared.platform.close();
  await shared.iso.cleanup();
  shared = undefined;
}
