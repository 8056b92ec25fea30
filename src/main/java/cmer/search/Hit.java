package cmer.search;

/** One search result: the id given to {@link VectorIndex#add} and its cosine similarity to the query (dot product of unit vectors). */
public record Hit(String id, float score) { }
