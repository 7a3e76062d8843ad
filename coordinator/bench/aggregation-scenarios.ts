import { seededRandom } from '@plaza/test-kit/random';
import { sampleDistinct } from '../src/labeling/aggregate/sample-distinct.ts';
import type { ClassificationAnnotation } from '../src/labeling/aggregate/types.ts';

/** A labeled campaign with its truth. */
export interface Scenario {
  annotations: ClassificationAnnotation[];
  truth: Map<string, number>;
}

const ITEMS = 2000;
const CLASSES = 3;
const OVERLAP = 3;

/** A class other than `not`, uniformly. */
function otherClass(random: () => number, not: number): number {
  const label = Math.floor(random() * (CLASSES - 1));
  return label >= not ? label + 1 : label;
}

/**
 * Builds a campaign: each item gets its true class (balanced), then `label` picks each of its
 * `OVERLAP` labelers' answers in turn (so an answer may depend on earlier answers to the item).
 */
function campaign(
  seed: number,
  labelers: number,
  label: (ctx: {
    random: () => number;
    item: number;
    truth: number;
    labeler: number;
    earlier: ReadonlyMap<number, number>;
  }) => number,
): Scenario {
  const random = seededRandom(seed);
  const annotations: ClassificationAnnotation[] = [];
  const truth = new Map<string, number>();
  for (let i = 0; i < ITEMS; i++) {
    const item = `item-${i}`;
    truth.set(item, i % CLASSES);
    const earlier = new Map<number, number>();
    for (const j of sampleDistinct(random, labelers, OVERLAP).sort((a, b) => a - b)) {
      const answer = label({ random, item: i, truth: i % CLASSES, labeler: j, earlier });
      earlier.set(j, answer);
      annotations.push({ item, labeler: `labeler-${j}`, label: answer });
    }
  }
  return { annotations, truth };
}

/**
 * Item difficulty (GLAD-like), which Dawid–Skene does not model: a third of the items are hard;
 * there every labeler is right only half as often as usual, and a wrong answer is the item's own
 * look-alike class rather than a random one, so labelers err together.
 */
export function difficultItems(seed = 11): Scenario {
  const accuracies = [0.95, 0.9, 0.85, 0.8, 0.75];
  const random = seededRandom(seed ^ 0x5bd1e995);
  const isHard = Array.from({ length: ITEMS }, () => random() < 1 / 3);
  const decoy = Array.from({ length: ITEMS }, (_, i) => otherClass(random, i % CLASSES));
  return campaign(seed, accuracies.length, ({ random, item, truth, labeler }) => {
    const accuracy = isHard[item] ? accuracies[labeler]! / 2 : accuracies[labeler]!;
    if (random() < accuracy) return truth;
    return isHard[item] ? decoy[item]! : otherClass(random, truth);
  });
}

/**
 * Labelers who copy: labelers 3 and 4 (the weak ones, accuracy 0.6) copy an answer already given
 * to the item by another weak labeler 90 % of the time; the others label alone. Copies look like
 * agreement, which Dawid–Skene reads as reliability.
 */
export function copyingLabelers(seed = 12): Scenario {
  const accuracies = [0.9, 0.85, 0.6, 0.6, 0.6];
  return campaign(seed, accuracies.length, ({ random, truth, labeler, earlier }) => {
    if (labeler >= 3) {
      const copied = earlier.get(2) ?? earlier.get(3);
      if (copied !== undefined && random() < 0.9) return copied;
    }
    return random() < accuracies[labeler]! ? truth : otherClass(random, truth);
  });
}

/**
 * Anchoring on a pre-label: a model pre-labels every item (right 75 % of the time); each labeler
 * accepts the suggestion as it is 50 % of the time, else labels alone with their own accuracy.
 * Errors follow the model's, together.
 */
export function anchoredOnPrelabel(seed = 13): Scenario {
  const accuracies = [0.9, 0.85, 0.8, 0.75, 0.7];
  const random = seededRandom(seed ^ 0x27d4eb2d);
  const prelabel = Array.from({ length: ITEMS }, (_, i) =>
    random() < 0.75 ? i % CLASSES : otherClass(random, i % CLASSES),
  );
  return campaign(seed, accuracies.length, ({ random, item, truth, labeler }) => {
    if (random() < 0.5) return prelabel[item]!;
    return random() < accuracies[labeler]! ? truth : otherClass(random, truth);
  });
}
