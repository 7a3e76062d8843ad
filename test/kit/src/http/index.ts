export { readBody } from './read-body.ts';
export {
  type ForwardProxy,
  type ForwardProxyOptions,
  type ProxiedRequest,
  type ProxyAnswer,
  startForwardProxy,
} from './start-forward-proxy.ts';
