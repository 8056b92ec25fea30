package cmer.data;

/**
 * One (image, caption) training or evaluation pair.
 *
 * @param image        the image record
 * @param caption      the caption text (never blank)
 * @param captionIndex index of the caption within {@code image.captions()} (protocol order)
 */
public record CaptionPair(ImageRecord image, String caption, int captionIndex) { }
