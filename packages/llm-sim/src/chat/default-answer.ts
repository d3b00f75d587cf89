import { seededRandom } from '../hash.js';

// A small vocabulary so default answers read like text, vary with the request and
// end in a votable "Answer: X" line.
const OPENERS = [
  'Looking at this from first principles, the trade-offs are fairly clear.',
  'The short version: it depends on the constraints, but one option stands out.',
  'Weighing the evidence, a cautious conclusion is possible.',
  'Taking the question at face value, the simplest reading is the right one.',
  'There are a few ways to approach this, and they mostly converge.',
  'On balance, the arguments point in one direction.',
  'Considering costs and risks together gives a reasonable answer.',
  'Starting from the stated goal makes the choice easier.',
];
const MIDDLES = [
  'The main risk is hidden coupling between the parts.',
  'Most of the cost comes from waiting, not from computing.',
  'A small experiment would settle the remaining doubt quickly.',
  'The alternative looks attractive but scales poorly.',
  'Doing the work in parallel removes most of the delay.',
  'The available data supports this, though not overwhelmingly.',
  'Edge cases matter less here than the common path.',
  'Simplicity wins unless the load grows by an order of magnitude.',
  'The second-order effects are small enough to ignore for now.',
  'A reviewer would likely flag the same concern.',
  'Measuring before and after is the only way to be sure.',
  'The failure modes are well understood and recoverable.',
];
const CLOSERS = [
  'I would go with it and revisit if the numbers disagree.',
  'That makes it the better choice for now.',
  'Confidence is moderate; more context could change it.',
  'This is the option I would defend in a review.',
  'Nothing here suggests a reason to hesitate.',
  'It is not perfect, but it is the most defensible answer.',
];
const LETTERS = ['A', 'B', 'C', 'D'];

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}

/** A short plausible answer derived from a request hash; JSON when `json` is set. */
export function defaultAnswer(hash: number, json: boolean): string {
  const random = seededRandom((hash % 4294967296) ^ Math.floor(hash / 4294967296));
  const first = pick(MIDDLES, random);
  let second = pick(MIDDLES, random);
  if (second === first) second = MIDDLES[(MIDDLES.indexOf(first) + 1) % MIDDLES.length]!;
  const reasoning = `${pick(OPENERS, random)} ${first} ${second} ${pick(CLOSERS, random)}`;
  const letter = pick(LETTERS, random);
  return json ? JSON.stringify({ answer: letter, reasoning }) : `${reasoning}\n\nAnswer: ${letter}`;
}
