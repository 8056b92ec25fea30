package cmer.search;

import java.io.IOException;
import java.util.function.IntPredicate;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Matches the documents whose ordinal passes a Java predicate, so the HNSW search applies a scene or
 * bounding-box filter while walking the graph (Lucene switches to an exact scan when few pass) instead of
 * post-filtering a fixed candidate list, which loses hits for selective filters.
 */
final class OrdinalFilterQuery extends Query {
    private final int[] docToOrd;
    private final IntPredicate keep;

    OrdinalFilterQuery(int[] docToOrd, IntPredicate keep) {
        this.docToOrd = docToOrd;
        this.keep = keep;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext ctx) throws IOException {
                int max = ctx.reader().maxDoc();
                FixedBitSet bits = new FixedBitSet(Math.max(1, max));
                for (int doc = 0; doc < max; doc++) if (keep.test(docToOrd[ctx.docBase + doc])) bits.set(doc);
                int count = bits.cardinality();
                return count == 0 ? null : new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(bits, count));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) { return false; }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) { visitor.visitLeaf(this); }

    @Override
    public String toString(String field) { return "OrdinalFilterQuery"; }

    @Override
    public boolean equals(Object o) { return o == this; }

    @Override
    public int hashCode() { return System.identityHashCode(this); }
}
