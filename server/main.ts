// `npm start`: read the environment, start Porsan, tell the operator where everything is.
import { ConfigError, loadConfig } from './config.ts';
import { startPorsan } from './app.ts';
import { installLastResort } from './last-resort.ts';
import { logsJson } from './log.ts';

async function main(): Promise<void> {
  // `npm start` runs the demo: the queue is open around the clock and waits for an agent even
  // before anyone has opened the console. Real deployments run without --demo.
  const demo = process.argv.includes('--demo');
  const env = demo ? { PORSAN_ALWAYS_OPEN: 'true', PORSAN_LEAVE_MESSAGE_WHEN_NOBODY_ONLINE: 'false', PORSAN_NPS: 'true', ...process.env } : process.env;
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const porsan = await startPorsan(config);
  installLastResort(porsan.log);
  // The demo shop greets visitors who spend ten seconds on a product page (once; admins may change or delete the rule).
  if (demo) await porsan.proactive.seedDemo();
  const base = `http://localhost:${porsan.port}`;
  const login = porsan.admin?.generatedPassword
    ? `log in as ${porsan.admin.email} with password ${porsan.admin.generatedPassword}\n  (shown only this once; set PORSAN_ADMIN_EMAIL and PORSAN_ADMIN_PASSWORD on first start to choose them)`
    : porsan.admin
      ? `log in as ${porsan.admin.email} with PORSAN_ADMIN_PASSWORD`
      : 'log in with your agent account (the first admin was created on the first start)';
  const kb = `${config.kbDir} (${porsan.knowledge.entries().length} entries${porsan.knowledge.issues().length ? `, ${porsan.knowledge.issues().length} problems — run npx porsan kb check` : ''})`;
  if (logsJson()) {
    // Not a terminal: every line stays one JSON object, the banner included.
    // (at info even when PORSAN_LOG_LEVEL is warn or error: a generated password is shown only here)
    const banner = config.logLevel === 'silent' ? porsan.log : porsan.log.child({}, { level: 'info' });
    banner.info(
      { demo: `${base}/`, widget: `${base}/widget.js`, console: `${base}/console`, knowledgeBase: kb, ...(porsan.admin && { adminEmail: porsan.admin.email }), ...(porsan.admin?.generatedPassword && { adminPassword: porsan.admin.generatedPassword }) },
      'Porsan is running',
    );
  } else {
    console.log(['', `Porsan is running.`, `  Demo site:  ${base}/`, `  Widget:     ${base}/widget.js`, `  Console:    ${base}/console — ${login}`, `  Knowledge base: ${kb}`, ''].join('\n'));
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    porsan.log.info({ signal }, 'shutting down');
    await porsan.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
