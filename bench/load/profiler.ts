// A CPU profile of the measured part of a run only (not the start), from inside the server.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

let session: Session | null = null;

/** file null: start profiling; a file: stop and write the profile there. */
export async function profile(file: string | null): Promise<void> {
  if (!file) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    return;
  }
  if (!session) return;
  const { profile: p } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(p));
  session.disconnect();
  session = null;
}
