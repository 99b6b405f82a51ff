/** Polls `get` until it returns something truthy (sync or async), and returns that. */
export async function until<T>(get: () => T | undefined | null | false | Promise<T | undefined | null | false>, what = 'a condition', timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
