// The floor: a bare Socket.IO server with the same namespace and events as Porsan's visitor
// side, answering each `send` with one bot `message` and nothing else. Same harness as Porsan.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { statsNow, tell, type ServerCmd, type ServerMsg } from './ipc.ts';

const io = new Server({ maxHttpBufferSize: 64 * 1024 });
const http = createServer();
io.attach(http);
let ids = 0;
io.of('/visitor').on('connection', (socket) => {
  const conversationId = `c${++ids}`;
  let seq = 0;
  socket.on('hello', (_req: unknown, ack?: (r: object) => void) => ack?.({ ok: true, token: 't', visitorId: socket.id, conversation: null, messages: [] }));
  socket.on('send', (req: { clientId?: string; text?: string }, ack?: (r: object) => void) => {
    const createdAt = new Date().toISOString();
    const mine = { id: `m${++ids}`, conversationId, seq: ++seq, clientId: req.clientId ?? null, author: 'visitor', text: req.text ?? '', createdAt };
    socket.emit('message', { id: `m${++ids}`, conversationId, seq: ++seq, clientId: null, author: 'bot', text: 'An answer.', createdAt });
    ack?.({ ok: true, message: mine });
  });
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
tell<ServerMsg>({ type: 'ready', port: (http.address() as AddressInfo).port });

process.on('message', (cmd: ServerCmd) => {
  if (cmd.type === 'stats') tell<ServerMsg>({ type: 'stats', stats: statsNow(cmd.gc) });
  if (cmd.type === 'stop') {
    io.disconnectSockets(true);
    io.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
