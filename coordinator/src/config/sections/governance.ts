import { governanceConfigShape } from '../../chain/governance-config.ts';
import { documentedShape } from '../config-meta.ts';

/** Configuration, Dataset governance on chain: each variable with its type, default and docs (spread into `configSchema`). */
export const governanceConfig = {
  ...documentedShape(governanceConfigShape, {
    PLAZA_GUARDIAN_ADDRESS: {
      section: 'governance',
      description:
        "Plaza's guardian when the coordinator deploys it; never the publisher (start is refused otherwise, outside a local chain)",
      shownDefault: 'anvil account 1 locally',
    },
    PLAZA_DATASET_VOTING_DELAY_SECONDS: {
      section: 'governance',
      description: 'time between a license proposal and its vote',
      shownDefault: '`172800` (`60` locally)',
    },
    PLAZA_DATASET_VOTING_PERIOD_SECONDS: {
      section: 'governance',
      description: 'how long a vote stays open',
      shownDefault: '`604800` (`3600` locally)',
    },
    PLAZA_DATASET_QUORUM_BPS: {
      section: 'governance',
      description: 'participation needed at the deadline, in basis points of all shares',
      shownDefault: '`4000`',
    },
    PLAZA_DATASET_ROOT_TIMELOCK_SECONDS: {
      section: 'governance',
      description: 'a version can be revoked this long before claims and votes open',
      shownDefault: '`259200` (`60` locally)',
    },
    PLAZA_DATASET_CLAIM_PERIOD_DAYS: {
      section: 'governance',
      description: 'days to claim shares; afterwards unclaimed revenue is swept',
      shownDefault: '`365`',
    },
    PLAZA_DATASET_MAX_LICENSE_SECONDS: {
      section: 'governance',
      description: "longest license (90 days); a buyer's licenses stack",
      shownDefault: '`7776000`',
    },
    PLAZA_DATASET_RESERVE_PRICE: {
      section: 'governance',
      description: "lowest price in the payment token's smallest units (100 USD)",
      shownDefault: '`100000000` (`10000000` locally)',
    },
    PLAZA_DATASET_SWEEP_TO: {
      section: 'governance',
      description: "where unclaimed revenue goes until a version's holders vote otherwise",
      shownDefault: 'the publisher',
    },
  }),
};
