// Prometheus metrics of one node (prom-client), labelled with the node's id: connected visitors
// and agents, messages, bot-turn latency, queue length, and Node's own (event-loop lag, heap…).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly visitors: Gauge;
  readonly agents: Gauge;
  readonly messages: Counter<'author'>;
  readonly botTurn: Histogram;
  readonly queueLength: Gauge;

  constructor(nodeId: string, sockets: { visitors: () => number; agents: () => number }) {
    this.registry.setDefaultLabels({ node: nodeId });
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    this.visitors = new Gauge({
      name: 'porsan_connected_visitors',
      help: 'Widget sockets connected to this node',
      registers: [this.registry],
      collect() {
        this.set(sockets.visitors());
      },
    });
    this.agents = new Gauge({
      name: 'porsan_connected_agents',
      help: 'Console sockets connected to this node',
      registers: [this.registry],
      collect() {
        this.set(sockets.agents());
      },
    });
    this.messages = new Counter({ name: 'porsan_messages_total', help: 'Messages stored through this node', labelNames: ['author'], registers: [this.registry] });
    this.botTurn = new Histogram({
      name: 'porsan_visitor_send_seconds',
      help: "From a visitor's message arriving to its ack (the bot's answer stored and sent, when the bot has the conversation)",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.queueLength = new Gauge({ name: 'porsan_queue_length', help: 'Conversations waiting for a person (as last announced by this node)', registers: [this.registry] });
  }
}
