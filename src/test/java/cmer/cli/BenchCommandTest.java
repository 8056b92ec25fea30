package cmer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import cmer.core.Configs;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void benchModelPrintsThroughputOfBothTowers() throws Exception {
        CliTest.Result r = CliTest.run("bench", "model", "--model", "tiny", "--batch", "2", "--passes", "2", "--warmup", "0", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = Configs.JSON.readTree(r.out());
        assertTrue(Double.parseDouble(n.get("images/s").asText()) > 0, r.out());
        assertTrue(Double.parseDouble(n.get("captions/s").asText()) > 0, r.out());
        assertEquals(2, n.get("image s/pass").size(), r.out());
        assertTrue(n.get("model").asText().startsWith("tiny, batch 2"), r.out());
    }

    @Test
    void anUnknownModelIsABadInputError() {
        CliTest.Result r = CliTest.run("bench", "model", "--model", "vit-x");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("no model configuration 'vit-x'"), r.err());
    }
}
