/**
 * What the NLU needs from a text classifier, so the model family (naive Bayes, logistic regression) can be
 * chosen by evaluation without touching the rest.
 */

/** One training utterance as features. */
export interface Example<L extends string> {
  features: readonly string[];
  label: L;
  /** Relative weight before class balancing (1 for an ordinary line). */
  weight?: number;
}

/** A label with its probability. */
export interface LabelScore<L extends string> {
  label: L;
  p: number;
}

/** A trained, calibrated text classifier. */
export interface TextClassifier<L extends string> {
  /** The labels the model knows. */
  readonly labels: readonly L[];
  /** Softmax temperature fitted on held-out folds. */
  readonly temperature: number;
  /** Number of distinct features in the model. */
  readonly featureCount: number;
  /** True when the model saw `feature` in training. */
  knows(feature: string): boolean;
  /** Probabilities for every label, best first. */
  classify(features: readonly string[]): LabelScore<L>[];
}
