// A load balancer for tests: a TCP proxy that sends each new connection to the first backend that
// accepts it, in order (so one node takes everything until it dies, then the next does), as an
// L4 balancer with health checks would. WebSocket connections pass through untouched.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Balancer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startBalancer(backends: () => number[]): Promise<Balancer> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const tryBackend = (i: number) => {
      const ports = backends();
      if (i >= ports.length) return client.destroy();
      const upstream = connect({ host: '127.0.0.1', port: ports[i] as number });
      upstream.once('error', () => {
        upstream.destroy();
        tryBackend(i + 1);
      });
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        open.add(upstream);
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
