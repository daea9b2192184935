// The pieces of undici the runtime uses, each required from its own file. undici's index also loads fetch,
// WebSocket, EventSource, mock agents, cache stores and interceptors: start-up a program pays before its first call,
// about twice what these files cost. undici has no `exports` map, so its files resolve by path; package.json keeps
// undici to the minor (~7.30) whose layout was checked. Types come from the index: they are erased.
import type * as Undici from 'undici';

export const Dispatcher = require('undici/lib/dispatcher/dispatcher.js') as typeof Undici.Dispatcher;
export const Client = require('undici/lib/dispatcher/client.js') as typeof Undici.Client;
export const Pool = require('undici/lib/dispatcher/pool.js') as typeof Undici.Pool;
export const Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export const buildConnector = require('undici/lib/core/connect.js') as typeof Undici.buildConnector;

// What undici's index does on load: every dispatcher gets request, stream, pipeline, connect and upgrade. The runtime
// calls request; ProxyAgent's CONNECT tunnel calls connect.
Object.assign(Dispatcher.prototype, require('undici/lib/api/index.js'));

/** Loaded on first use: only a `proxy-url` needs it, and it brings SOCKS support along. */
export const proxyAgent = (): typeof Undici.ProxyAgent =>
  require('undici/lib/dispatcher/proxy-agent.js') as typeof Undici.ProxyAgent;
