package cmer.core;

/**
 * An error the user can act on: the message names the file, line or tensor and what was expected.
 * The CLI prints only the message (the stack trace with {@code -v}) and exits with {@link #exitCode()}.
 */
public class CmerException extends RuntimeException {
    /** Exit codes shared by every command. */
    public static final int USAGE = 2, BAD_INPUT = 3, ENGINE = 4, IO = 5, INTERRUPTED = 130;

    private final int exitCode;

    public CmerException(String message) { this(message, BAD_INPUT, null); }

    public CmerException(String message, Throwable cause) { this(message, BAD_INPUT, cause); }

    public CmerException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }
}
