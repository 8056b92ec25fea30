package cmer.nn;

import java.util.List;

/**
 * What a weight import did.
 *
 * @param loaded          canonical parameters filled from the checkpoint
 * @param keptInitialized canonical parameters the checkpoint lacks and the caller allowed to stay as initialised
 *                        (e.g. the BERT tower's text_projection)
 * @param unused          checkpoint tensors that went nowhere (e.g. BERT's pooler, an MLM head)
 * @param ignored         checkpoint buffers that carry no weights (position_ids, attn_mask)
 */
public record LoadReport(List<String> loaded, List<String> keptInitialized, List<String> unused, List<String> ignored) { }
