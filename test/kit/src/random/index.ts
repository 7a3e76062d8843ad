export { seededRandom, shuffled } from './seeded-random.ts';
