package cmer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class CliTest {
    record Result(int code, String out, String err) { }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Cmer.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void noSubcommandPrintsUsage() {
        Result r = run();
        assertEquals(0, r.code());
        assertTrue(r.out().contains("doctor"), r.out());
    }

    @Test
    void doctorStartsTheBundledEngineOnCpu() {
        Result r = run("doctor", "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("PyTorch 2.5.1"), r.out());
        assertTrue(r.out().contains("cpu()"), r.out());
        assertTrue(r.out().contains("unpacked from the bundled pytorch-native jar"), r.out());
        assertTrue(r.out().contains("Offline      yes"), r.out());
    }

    @Test
    void badDeviceIsOneClearLineAndAnExitCode() {
        Result r = run("doctor", "--device", "gpu3");
        assertEquals(4, r.code());
        assertTrue(r.err().startsWith("cmer doctor: --device gpu3: PyTorch sees 0 GPU(s)"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace without -v: " + r.err());
        r = run("doctor", "--set", "engine.devcie=cpu");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown setting 'devcie'"), r.err());
    }
}
