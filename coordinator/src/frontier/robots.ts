// The robots.txt parser lives in @plaza/protocol so the extension checks robots.txt with the
// exact rules the coordinator applies.
export {
  capRobotsText,
  MAX_CRAWL_DELAY_SECONDS,
  MAX_ROBOTS_BYTES,
  PLAZA_BOT_TOKEN,
  parseRobots,
  type RobotsAvailability,
  type RobotsPolicy,
  robotsPolicyFromResponse,
} from '@plaza/protocol';
