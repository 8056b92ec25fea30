package cmer.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;

/**
 * What a tower hands the side network: the projected embedding, the hidden state after each tapped layer, and
 * optionally one layer's attention probabilities. All arrays live in the manager of the tower's input.
 *
 * @param pooled    (B, E) projected embedding (before L2 normalisation)
 * @param hidden    one (B, T, D) array per requested tap, in the order asked
 * @param attention (B, N, T, T) softmax probabilities of the requested layer, if one was asked for
 */
public record TowerTaps(NDArray pooled, List<NDArray> hidden, Optional<NDArray> attention) { }
