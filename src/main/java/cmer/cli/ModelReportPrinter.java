package cmer.cli;

import cmer.core.Configs;
import cmer.nn.io.ModelReport;
import cmer.nn.io.StateDictInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a {@link ModelReport} as aligned text or JSON. */
record ModelReportPrinter(ModelReport report, Path tokenizer, String verified, boolean withTensors, ImportPreview onImport) {
    /** What {@code cmer model import} would leave unused (LoadReport), or why it would refuse the file. */
    record ImportPreview(List<String> unused, List<String> ignored, String refusal) { }


    void printText(PrintWriter out) {
        StateDictInfo info = report.info();
        if (withTensors) {
            int w = info.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(4);
            info.tensors().forEach(t -> out.printf("%-" + w + "s  %-5s %-20s %,d%n", t.name(), t.dtype(), t.shapeString(), t.numel()));
            out.println();
        }
        out.printf("File          %s (%s)%n", info.source(), info.format());
        out.printf("Tensors       %d, %,d parameters, %,d bytes%n", info.tensors().size(), info.parameterCount(), info.byteCount());
        out.printf("Architecture  %s%n", report.architecture().label());
        report.configLines().forEach(l -> out.printf("Config        %s%n", l));
        if (tokenizer != null) out.printf("Tokenizer     %s%n", tokenizer);
        info.metadata().forEach((k, v) -> out.printf("Metadata      %s = %s%n", k, v));
        info.notes().forEach(n -> out.printf("Note          %s%n", n));
        if (verified != null) out.printf("Verified      %s%n", verified);
        out.printf("Unused        %d tensors%s%n", report.unused().size(), report.unused().isEmpty() ? "" : ": " + String.join(", ", report.unused()));
        if (onImport != null && onImport.refusal() != null) out.printf("On import     refused: %s%n", onImport.refusal());
        else if (onImport != null) out.printf("On import     %d tensors not used%s; %d buffers ignored%s%n", onImport.unused().size(),
                onImport.unused().isEmpty() ? "" : " (" + String.join(", ", onImport.unused()) + ")", onImport.ignored().size(),
                onImport.ignored().isEmpty() ? "" : " (" + String.join(", ", onImport.ignored()) + ")");
        out.flush();
    }

    void printJson(PrintWriter out) throws IOException {
        StateDictInfo info = report.info();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("file", info.source().toString());
        j.put("format", info.format());
        j.put("architecture", report.architecture().name());
        j.put("config", report.config());
        j.put("parameters", info.parameterCount());
        j.put("bytes", info.byteCount());
        j.put("metadata", info.metadata());
        j.put("notes", info.notes());
        j.put("unused", report.unused());
        if (onImport != null) j.put("on_import", onImport);
        j.put("tokenizer", tokenizer == null ? null : tokenizer.toString());
        if (verified != null) j.put("verified", verified);
        if (withTensors) j.put("tensors", info.tensors().stream().map(t -> Map.of("name", t.name(), "dtype", t.dtype().name(),
                "shape", t.shape(), "numel", t.numel())).toList());
        out.println(Configs.JSON.writeValueAsString(j));
        out.flush();
    }
}
