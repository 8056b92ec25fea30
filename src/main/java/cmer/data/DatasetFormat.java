package cmer.data;

/** The dataset layouts {@link Datasets#open} recognises. */
public enum DatasetFormat {
    /** AMFMN "precomp": {@code {train,test}_caps.txt} + {@code {train,test}_filename.txt} in one folder. */
    AMFMN_PRECOMP("AMFMN precomp text files"),
    /** HarMA JSON: train = one entry per caption, val/test = one entry per image with a caption list. */
    HARMA_JSON("HarMA JSON"),
    /** Karpathy JSON: {@code {"images": [{"filename", "split", "sentences": [{"raw"}]}]}}. */
    KARPATHY_JSON("Karpathy JSON"),
    /** COCO caption JSON: {@code images} + {@code annotations} with {@code image_id}/{@code caption}. */
    COCO_JSON("COCO caption JSON"),
    /** A folder of images without captions, read recursively. */
    IMAGE_FOLDER("image folder");

    private final String title;

    DatasetFormat(String title) { this.title = title; }

    public String title() { return title; }
}
