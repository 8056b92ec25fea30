package cmer.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The MLP non-linearity: OpenAI CLIP uses QuickGELU, open_clip's own models and BERT use GELU (erf). */
public enum Activation {
    QUICK_GELU, GELU;

    @JsonValue
    public String key() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static Activation of(String key) {
        return Arrays.stream(values()).filter(a -> a.key().equals(key.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("activation '" + key + "': expected quick_gelu or gelu"));
    }
}
