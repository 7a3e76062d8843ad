/** Name of attribution rule v2 in manifests and campaign specs. */
export const RULE_V2 = 'plaza-attribution/2';

/** Parameters of attribution rule v2, recorded in the manifest. Every figure is an integer. */
export interface RuleV2Params {
  features: {
    /** Hash buckets (the campaign model's input width); a power of two. */
    buckets: number;
    /** Word n-gram lengths (the campaign model's), e.g. `[1, 2]`. */
    words: number[];
    /** UTF-16 code units of the model input (title, newline, text) that are read. */
    maxChars: number;
    /** Unicode version of the token and unassigned-code-point tables. */
    unicode: '15.1';
    /** Counts are capped here before the log table. */
    countCap: 255;
    /** q_j = floor(scale · d_j / ‖d‖): a row's vector has norm at most `scale`. */
    scale: 2048;
  };
  /** Neighbours whose vote decides a KNN prediction. */
  k: number;
  /** Each validation row shares its value among its `t` most similar rows of the other fold. */
  t: number;
  /** A row whose similarity to an earlier row is at least this (out of scale²) earns nothing. */
  nearCopy: number;
  /** Near-copies are looked for among rows sharing a MinHash band key (see `findNearCopies`). */
  copySearch: { bands: number; rows: number };
  /** Validation rows drawn from the candidates (gold, reviewed, high-agreement rows). */
  validationRows: number;
  /** Label confidence, in millionths, from which a row is a high-agreement candidate. */
  candidateConfidence: number;
  /** Part of a row's weight from its measured value, in millionths; the rest from quality. */
  valueWeight: number;
}

/** The scale of similarities: a row's similarity with itself is at most SCALE². */
export const SIMILARITY_SCALE = 2048 * 2048;

/** Defaults (attribution-v2.md): K = 10, T = 100, near-copy at 0.9, 1,000 validation rows, 70 % value. */
export const defaultRuleV2Params: RuleV2Params = Object.freeze({
  features: Object.freeze({
    buckets: 4096,
    words: [1, 2],
    maxChars: 2000,
    unicode: '15.1' as const,
    countCap: 255 as const,
    scale: 2048 as const,
  }),
  k: 10,
  t: 100,
  // ceil(0.9 × 2048²)
  nearCopy: 3_774_874,
  copySearch: Object.freeze({ bands: 32, rows: 4 }),
  validationRows: 1000,
  candidateConfidence: 900_000,
  valueWeight: 700_000,
}) as RuleV2Params;

/**
 * round(1024 · ln(1 + c)) for c = 0 … 255, published with the rule so that no runtime's logarithm
 * is ever called (`Math.log` is not correctly rounded everywhere).
 */
export const LOG_TABLE: readonly number[] = [
  0, 710, 1125, 1420, 1648, 1835, 1993, 2129, 2250, 2358, 2455, 2545, 2627, 2702, 2773, 2839, 2901,
  2960, 3015, 3068, 3118, 3165, 3211, 3254, 3296, 3336, 3375, 3412, 3448, 3483, 3516, 3549, 3580,
  3611, 3641, 3670, 3698, 3725, 3751, 3777, 3803, 3827, 3851, 3875, 3898, 3921, 3943, 3964, 3985,
  4006, 4026, 4046, 4066, 4085, 4104, 4122, 4140, 4158, 4175, 4193, 4210, 4226, 4243, 4259, 4275,
  4290, 4306, 4321, 4336, 4350, 4365, 4379, 4393, 4407, 4421, 4435, 4448, 4461, 4474, 4487, 4500,
  4512, 4525, 4537, 4549, 4561, 4573, 4585, 4596, 4608, 4619, 4630, 4641, 4652, 4663, 4674, 4685,
  4695, 4705, 4716, 4726, 4736, 4746, 4756, 4766, 4775, 4785, 4795, 4804, 4813, 4823, 4832, 4841,
  4850, 4859, 4868, 4876, 4885, 4894, 4902, 4911, 4919, 4928, 4936, 4944, 4952, 4960, 4968, 4976,
  4984, 4992, 5000, 5008, 5015, 5023, 5031, 5038, 5046, 5053, 5060, 5068, 5075, 5082, 5089, 5096,
  5103, 5110, 5117, 5124, 5131, 5138, 5144, 5151, 5158, 5164, 5171, 5178, 5184, 5191, 5197, 5203,
  5210, 5216, 5222, 5228, 5235, 5241, 5247, 5253, 5259, 5265, 5271, 5277, 5283, 5289, 5295, 5300,
  5306, 5312, 5318, 5323, 5329, 5335, 5340, 5346, 5351, 5357, 5362, 5368, 5373, 5378, 5384, 5389,
  5394, 5400, 5405, 5410, 5415, 5420, 5425, 5431, 5436, 5441, 5446, 5451, 5456, 5461, 5466, 5471,
  5475, 5480, 5485, 5490, 5495, 5500, 5504, 5509, 5514, 5518, 5523, 5528, 5532, 5537, 5542, 5546,
  5551, 5555, 5560, 5564, 5569, 5573, 5577, 5582, 5586, 5591, 5595, 5599, 5604, 5608, 5612, 5616,
  5621, 5625, 5629, 5633, 5637, 5642, 5646, 5650, 5654, 5658, 5662, 5666, 5670, 5674, 5678,
];
