// Shared with the robots.txt parser in @plaza/protocol.
export { normalizePercentEncoding } from '@plaza/protocol';
