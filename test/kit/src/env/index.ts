export {
  chromiumPath,
  isCi,
  type Requirement,
  requireChromium,
  requirement,
  requirePostgresServer,
} from './requirements.ts';
